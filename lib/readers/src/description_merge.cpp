// merge_description(): completing a hand-written description with what a type library says.
// The existing description is the user's: it keeps every value it has, gains what it lacks,
// and each disagreement is reported at the existing member so the user can decide.
#include "comreg/readers/typelib_description.hpp"
#include "core/ascii.hpp"

namespace comreg {
namespace {

class Merger {
 public:
  Merger(Description& existing, Diagnostics& diagnostics)
      : d_(existing), diagnostics_(diagnostics) {}

  void typelib(const TypeLib& t) {
    for (TypeLib& e : d_.typelibs) {
      if (e.libid != t.libid || e.major != t.major || e.minor != t.minor) continue;
      complete(e.at, "lcid", e.lcid, t.lcid, 0u);
      // null in the description (no FLAGS, HELPDIR key) is the user's too.
      if (e.flags && t.flags) complete(e.at, "flags", *e.flags, *t.flags, 0u);
      complete(e.at, "win32", e.win32, t.win32);
      complete(e.at, "win64", e.win64, t.win64);
      if (e.helpdir && t.helpdir) complete(e.at, "helpdir", *e.helpdir, *t.helpdir);
      if (e.name.empty()) e.name = t.name;  // a display name: the user's wording wins silently
      return;
    }
    TypeLib added = t;
    added.at.pointer = "/typelibs/" + std::to_string(d_.typelibs.size());
    d_.typelibs.push_back(std::move(added));
  }

  void interface(const Interface& i) {
    for (Interface& e : d_.interfaces) {
      if (!text::iequals(e.iid, i.iid)) continue;
      complete(e.at, "proxyStub", e.proxy_stub, i.proxy_stub);
      complete(e.at, "proxyStub16", e.proxy_stub16, i.proxy_stub16);
      complete(e.at, "baseInterface", e.base_interface, i.base_interface);
      complete(e.at, "typelib", e.typelib, i.typelib);
      if (!e.num_methods) {
        e.num_methods = i.num_methods;
      } else if (i.num_methods && *e.num_methods != *i.num_methods) {
        conflict(e.at, "numMethods", std::to_string(*e.num_methods),
                 std::to_string(*i.num_methods));
      }
      return;
    }
    Interface added = i;
    added.at.pointer = "/interfaces/" + std::to_string(d_.interfaces.size());
    d_.interfaces.push_back(std::move(added));
  }

  void server(const Server& s) {
    Server* target = nullptr;
    for (const ComClass& c : s.classes) {
      if (ComClass* e = find_class(c.clsid)) {
        complete(e->at, "typelib", e->typelib, c.typelib);
        if (e->threading == Threading::none) e->threading = c.threading;
        if (e->progid.empty()) e->progid = c.progid;
        if (e->version_independent_progid.empty()) {
          e->version_independent_progid = c.version_independent_progid;
        }
        continue;
      }
      if (target == nullptr) target = find_server(s);
      ComClass added = c;
      added.at.pointer = target->at.pointer + "/classes/" + std::to_string(target->classes.size());
      target->classes.push_back(std::move(added));
    }
  }

 private:
  ComClass* find_class(const std::string& clsid) {
    for (Server& s : d_.servers) {
      for (ComClass& c : s.classes) {
        if (text::iequals(c.clsid, clsid)) return &c;
      }
    }
    return nullptr;
  }

  // The existing server of the same kind and path, else a new one.
  Server* find_server(const Server& s) {
    for (Server& e : d_.servers) {
      if (e.kind == s.kind && text::iequals(e.path, s.path)) return &e;
    }
    Server added = s;
    added.classes.clear();
    added.at.pointer = "/servers/" + std::to_string(d_.servers.size());
    d_.servers.push_back(std::move(added));
    return &d_.servers.back();
  }

  void complete(const SourceRef& at, const char* member, std::string& mine,
                const std::string& theirs) {
    if (mine.empty()) {
      mine = theirs;
    } else if (!theirs.empty() && !text::iequals(mine, theirs)) {
      conflict(at, member, mine, theirs);
    }
  }
  void complete(const SourceRef& at, const char* member, std::uint32_t& mine, std::uint32_t theirs,
                std::uint32_t unset) {
    if (mine == unset) {
      mine = theirs;
    } else if (theirs != unset && mine != theirs) {
      conflict(at, member, std::to_string(mine), std::to_string(theirs));
    }
  }

  void conflict(const SourceRef& at, const char* member, const std::string& mine,
                const std::string& theirs) {
    SourceLocation where;
    where.file = d_.file;
    where.line = at.line;
    where.column = at.column;
    where.pointer = at.pointer + "/" + member;
    diagnostics_.warning("import-conflict",
                         std::string(member) + " is '" + mine +
                             "' here, but the type library says '" + theirs + "'; keeping '" +
                             mine + "'",
                         where, "change the description if the type library is right");
  }

  Description& d_;
  Diagnostics& diagnostics_;
};

}  // namespace

void merge_description(Description& existing, const Description& imported,
                       Diagnostics& diagnostics) {
  Merger m(existing, diagnostics);
  for (const TypeLib& t : imported.typelibs) m.typelib(t);
  for (const Interface& i : imported.interfaces) m.interface(i);
  for (const Server& s : imported.servers) m.server(s);
}

}  // namespace comreg
