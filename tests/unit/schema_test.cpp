// The JSON Schema (for editors) and the loader (for comreg) must describe the same format:
// the same members in every object, the same enumerations.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "comreg/description_loader.hpp"
#include "support/test_files.hpp"

using nlohmann::json;
using namespace comreg;

namespace {

json schema() {
  return json::parse(testing::read_file(testing::source_path("schemas/comreg.schema.json")));
}

json base() {
  return json::parse(R"({
    "comreg": 1,
    "assembly": { "name": "A", "version": "1.0.0.0" },
    "servers": [ { "kind": "inproc", "path": "C:\\a.dll", "classes": [
      { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}",
        "license": { "id": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}", "key": "k" },
        "miscStatus": { "default": 1 } } ] } ],
    "appids": [ { "appid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}" } ],
    "typelibs": [ { "libid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C04}", "version": "1.0", "win64": "a.tlb" } ],
    "interfaces": [ { "iid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C05}", "name": "I" } ],
    "categories": [ { "catid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C06}", "description": "C" } ]
  })");
}

// The members the loader accepts in the object at `pointer`, read from its unknown-field hint.
std::set<std::string> loader_members(const std::string& pointer) {
  json doc = base();
  doc[json::json_pointer(pointer)]["zzzzzzzzzzzzzzzz"] = 1;
  const auto r = load_description(doc.dump(), "t.json");
  for (const auto& d : r.diagnostics) {
    if (d.code != "unknown-field") continue;
    REQUIRE(d.hint.rfind("allowed here:", 0) == 0);
    std::istringstream words(d.hint.substr(13));
    std::set<std::string> out;
    for (std::string w; words >> w;) out.insert(w);
    return out;
  }
  FAIL("no unknown-field diagnostic at " << pointer);
  return {};
}

std::set<std::string> schema_members(const json& object) {
  std::set<std::string> out;
  for (const auto& [name, _] : object["properties"].items()) {
    if (name != "$comment" && name != "$schema") out.insert(name);
  }
  return out;
}

}  // namespace

TEST_CASE("Schema: is a draft 2020-12 schema with a description for every property", "[schema]") {
  const json s = schema();
  CHECK(s["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  std::function<void(const json&, const std::string&)> walk = [&](const json& node,
                                                                  const std::string& where) {
    if (!node.is_object()) return;
    if (node.contains("properties")) {
      CHECK(node["additionalProperties"] == false);
      for (const auto& [name, property] : node["properties"].items()) {
        CAPTURE(where, name);
        CHECK(property.contains("description"));
        walk(property, where + "/" + name);
      }
    }
    for (const char* k : {"$defs", "items", "oneOf"}) {
      if (!node.contains(k)) continue;
      if (node[k].is_array()) {
        for (const auto& item : node[k]) walk(item, where + "/" + k);
      } else if (std::string(k) == "$defs") {
        for (const auto& [name, def] : node[k].items()) walk(def, where + "/" + name);
      } else {
        walk(node[k], where + "/" + k);
      }
    }
  };
  walk(s, "");
}

TEST_CASE("Schema: every object has exactly the members the loader accepts", "[schema]") {
  const json s = schema();
  const auto defs = s["$defs"];
  CHECK(loader_members("") == std::set<std::string>{"$schema", "comreg", "assembly", "servers",
                                                    "appids", "typelibs", "interfaces",
                                                    "categories"});
  CHECK(schema_members(s) == std::set<std::string>{"comreg", "assembly", "servers", "appids",
                                                   "typelibs", "interfaces", "categories"});
  const std::pair<const char*, const char*> objects[] = {
      {"/assembly", "assembly"},    {"/servers/0", "server"},   {"/servers/0/classes/0", "class"},
      {"/appids/0", "appid"},       {"/typelibs/0", "typelib"}, {"/interfaces/0", "interface"},
      {"/categories/0", "category"}};
  for (const auto& [pointer, def] : objects) {
    CAPTURE(pointer);
    CHECK(loader_members(pointer) == schema_members(defs[def]));
  }
  CHECK(loader_members("/servers/0/classes/0/license") ==
        schema_members(defs["class"]["properties"]["license"]));
  CHECK(loader_members("/servers/0/classes/0/miscStatus") ==
        schema_members(defs["class"]["properties"]["miscStatus"]["oneOf"][1]));
}

TEST_CASE("Schema: enumerations are the values the loader accepts", "[schema]") {
  const json s = schema();
  // Whether the loader refuses `value` at `pointer` with the enumeration's own code (other
  // rules, such as a surrogate's required AppID, are not about the enumeration).
  auto refused = [](const std::string& pointer, const json& value, const std::string& code) {
    json doc = base();
    doc[json::json_pointer(pointer)] = value;
    const auto r = load_description(doc.dump(), "t.json");
    return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                       [&](const Diagnostic& d) { return d.code == code; });
  };
  for (const auto& kind : s["$defs"]["server"]["properties"]["kind"]["enum"]) {
    CAPTURE(kind);
    CHECK_FALSE(refused("/servers/0/kind", kind, "bad-kind"));
  }
  CHECK(refused("/servers/0/kind", "service", "bad-kind"));
  for (const auto& arch : s["$defs"]["arch"]["enum"]) {
    CHECK_FALSE(refused("/assembly/arch", arch, "bad-arch"));
  }
  CHECK(refused("/assembly/arch", "ia64", "bad-arch"));
  for (const auto& t : s["$defs"]["class"]["properties"]["threading"]["enum"]) {
    CHECK_FALSE(refused("/servers/0/classes/0/threading", t, "bad-threading"));
  }
  CHECK(refused("/servers/0/classes/0/threading", "Single", "bad-threading"));
  const json flags = s["$defs"]["typelib"]["properties"]["flags"]["items"]["enum"];
  CHECK_FALSE(refused("/typelibs/0/flags", flags, "bad-flag"));
  CHECK(refused("/typelibs/0/flags", json::array({"licensed"}), "bad-flag"));
}

TEST_CASE("Schema: every sample uses only members the schema declares", "[schema]") {
  const json s = schema();
  std::function<void(const json&, const json&, const std::string&)> check =
      [&](const json& value, const json& def_in, const std::string& where) {
        json def = def_in;
        if (def.contains("$ref")) {
          def = s["$defs"][def["$ref"].get<std::string>().substr(8)];
        }
        if (value.is_object() && def.contains("oneOf")) def = def["oneOf"][1];
        if (value.is_object()) {
          for (const auto& [name, member] : value.items()) {
            CAPTURE(where, name);
            REQUIRE(def.contains("properties"));
            REQUIRE(def["properties"].contains(name));
            check(member, def["properties"][name], where + "/" + name);
          }
        } else if (value.is_array() && def.contains("items")) {
          for (const auto& item : value) check(item, def["items"], where + "[]");
        }
      };
  for (const char* sample : {"contoso-widgets", "inproc-typelib", "local-server", "surrogate",
                             "activex-control", "remote-client"}) {
    CAPTURE(sample);
    check(json::parse(
              testing::read_file(testing::source_path(std::string("samples/") + sample + ".json"))),
          s, "");
  }
}
