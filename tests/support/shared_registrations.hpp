// Registrations that share keys, for the shared-ownership tests (tests/unit/shared_*_test.cpp):
// a description installed per user in one view under its own ownership record, and the widget
// versions whose version-independent ProgID they all share.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "comreg/apply/apply.hpp"
#include "comreg/apply/journal.hpp"
#include "comreg/store/memory_backend.hpp"
#include "support/description_builders.hpp"

namespace comreg::testing {

/// One registration: a description, the view it goes to, and its owner (assembly name and
/// version, as the CLI names it).
struct Registration {
  Description description;
  View view = View::v64;
  [[nodiscard]] Plan plan() const { return make_plan(description, {Scope::user, view}); }
  [[nodiscard]] ApplyOptions options(JournalStore* journal = nullptr) const {
    ApplyOptions o;
    o.owner = description.assembly.name + " " + description.assembly.version;
    o.journal = journal;
    return o;
  }
};

/// Widget version `version`: its own CLSID and ProgID, the version-independent ProgID
/// "Contoso.Widget" that every version shares.
inline Registration widget(int version, View view = View::v64) {
  const std::string n = std::to_string(version);
  Registration g;
  g.description = make_description(
      {make_server(ServerKind::inproc, "C:\\Contoso\\v" + n + "\\w.dll",
                   {make_class("{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A0" + n + "}", "Widget",
                               "Contoso.Widget." + n, "Contoso.Widget", Threading::both)})});
  g.description.assembly.version = n + ".0.0.0";
  g.view = view;
  return g;
}

/// Creates `key` and sets its value `name`: what a registry held before comreg came.
inline void put(MemoryBackend& r, const std::string& key, const std::string& name,
                const RegValue& v) {
  REQUIRE(r.create_key(key).ok());
  REQUIRE(r.set_value(key, name, v).ok());
}

}  // namespace comreg::testing
