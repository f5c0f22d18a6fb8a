// Small descriptions built in C++, for tests of the stages after the loader.
#pragma once

#include "comreg/model/description.hpp"

namespace comreg::testing {

inline ComClass make_class(std::string clsid, std::string name, std::string progid = {},
                           std::string vi = {}, Threading threading = Threading::none) {
  ComClass c;
  c.clsid = std::move(clsid);
  c.name = std::move(name);
  c.progid = std::move(progid);
  c.version_independent_progid = std::move(vi);
  c.threading = threading;
  c.at.pointer = "/servers/0/classes/0";
  return c;
}

inline Server make_server(ServerKind kind, std::string path, std::vector<ComClass> classes,
                          Arch arch = Arch::amd64) {
  Server s;
  s.kind = kind;
  s.path = std::move(path);
  s.arch = arch;
  s.classes = std::move(classes);
  return s;
}

inline Description make_description(std::vector<Server> servers) {
  Description d;
  d.file = "test.json";
  d.assembly.name = "Contoso.Widgets";
  d.assembly.version = "1.2.0.0";
  d.assembly.arch = Arch::amd64;
  d.servers = std::move(servers);
  return d;
}

}  // namespace comreg::testing
