// The JSON Schema (for editors) and the loader (for comreg) must describe the same format:
// the same members in every object, the same enumerations, the same verdict on the same file.
// The samples and docs/description.md are checked against both.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "comreg/description/description_loader.hpp"
#include "comreg/model/description_members.hpp"
#include "support/test_files.hpp"

using nlohmann::json;
using namespace comreg;

namespace {

json schema() {
  return json::parse(testing::read_file(testing::source_path("schemas/comreg.schema.json")));
}

std::vector<std::string> sample_names() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() == ".json") out.push_back(entry.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string sample_text(const std::string& name) {
  return testing::read_file(testing::source_path("samples/" + name + ".json"));
}

json base() {
  return json::parse(R"({
    "comreg": 1,
    "assembly": { "name": "A", "version": "1.0.0.0" },
    "servers": [ { "kind": "inproc", "path": "C:\\a.dll", "classes": [
      { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}",
        "license": { "id": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}", "key": "k" },
        "miscStatus": { "default": 1 },
        "values": [ { "name": "Author", "value": "Contoso" } ],
        "subkeys": [ { "key": "Instance\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C07}" } ] } ] } ],
    "appids": [ { "appid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}" } ],
    "typelibs": [ { "libid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C04}", "version": "1.0", "win64": "a.tlb" } ],
    "interfaces": [ { "iid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C05}", "name": "I" } ],
    "categories": [ { "catid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C06}", "description": "C" } ]
  })");
}

std::string diagnostics_text(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += format_diagnostic(d);
  return out;
}

// A validator for the subset of draft 2020-12 the schema uses. A keyword it does not know is
// an exception, so a constraint added to the schema is never silently skipped here.
class SchemaValidator {
 public:
  explicit SchemaValidator(json root) : root_(std::move(root)) {}

  // "" when `value` is valid, else the first problem found.
  [[nodiscard]] std::string check(const json& value) const { return check(value, root_, ""); }

 private:
  std::string check(const json& value, const json& s, const std::string& where) const {
    if (s.is_boolean()) return s.get<bool>() ? "" : where + ": false schema";
    for (const auto& [keyword, arg] : s.items()) {
      const std::string problem = keyword_check(value, keyword, arg, s, where);
      if (!problem.empty()) return problem;
    }
    return "";
  }

  static std::size_t code_points(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  }

  static bool has_type(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "boolean") return value.is_boolean();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "null") return value.is_null();
    throw std::logic_error("unknown type " + type);
  }

  std::string keyword_check(const json& value, const std::string& keyword, const json& arg,
                            const json& s, const std::string& where) const {
    static const std::set<std::string> annotations = {
        "$schema", "$id",  "$comment", "$defs", "title", "description", "markdownDescription",
        "default", "then", "else"};
    if (annotations.count(keyword) != 0) return "";
    const std::string at = where.empty() ? "/" : where;
    if (keyword == "$ref") {
      const std::string ref = arg.get<std::string>();
      if (ref.rfind("#/", 0) != 0) throw std::logic_error("non-local $ref " + ref);
      return check(value, root_.at(json::json_pointer(ref.substr(1))), where);
    }
    if (keyword == "type") {
      return has_type(value, arg.get<std::string>()) ? "" : at + ": not a " + arg.dump();
    }
    if (keyword == "const") return value == arg ? "" : at + ": not " + arg.dump();
    if (keyword == "enum") {
      return std::find(arg.begin(), arg.end(), value) != arg.end() ? ""
                                                                   : at + ": not in " + arg.dump();
    }
    if (keyword == "pattern") {
      if (!value.is_string()) return "";
      const std::regex re(arg.get<std::string>(), std::regex::ECMAScript);
      return std::regex_search(value.get<std::string>(), re)
                 ? ""
                 : at + ": does not match " + arg.dump();
    }
    if (keyword == "minLength" || keyword == "maxLength") {
      if (!value.is_string()) return "";
      const std::size_t n = code_points(value.get<std::string>());
      const auto limit = arg.get<std::size_t>();
      const bool ok = keyword == "minLength" ? n >= limit : n <= limit;
      return ok ? "" : at + ": violates " + keyword;
    }
    if (keyword == "minimum" || keyword == "maximum") {
      if (!value.is_number()) return "";
      const auto n = value.get<double>();
      const auto limit = arg.get<double>();
      const bool ok = keyword == "minimum" ? n >= limit : n <= limit;
      return ok ? "" : at + ": violates " + keyword;
    }
    if (keyword == "required") {
      if (!value.is_object()) return "";
      for (const auto& name : arg) {
        if (!value.contains(name.get<std::string>())) return at + ": missing " + name.dump();
      }
      return "";
    }
    if (keyword == "properties") {
      if (!value.is_object()) return "";
      for (const auto& [name, member] : value.items()) {
        if (!arg.contains(name)) continue;
        const std::string problem = check(member, arg[name], where + "/" + name);
        if (!problem.empty()) return problem;
      }
      return "";
    }
    if (keyword == "additionalProperties") {
      if (arg != false) throw std::logic_error("additionalProperties other than false");
      if (!value.is_object()) return "";
      for (const auto& [name, member] : value.items()) {
        if (!s.contains("properties") || !s["properties"].contains(name)) {
          return at + ": member '" + name + "' not allowed";
        }
      }
      return "";
    }
    if (keyword == "items") {
      if (!value.is_array()) return "";
      for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string problem = check(value[i], arg, where + "/" + std::to_string(i));
        if (!problem.empty()) return problem;
      }
      return "";
    }
    if (keyword == "minItems") {
      return !value.is_array() || value.size() >= arg.get<std::size_t>() ? ""
                                                                         : at + ": too few items";
    }
    if (keyword == "uniqueItems") {
      if (!value.is_array() || arg != true) return "";
      for (std::size_t i = 0; i < value.size(); ++i) {
        for (std::size_t j = i + 1; j < value.size(); ++j) {
          if (value[i] == value[j]) return at + ": duplicate items";
        }
      }
      return "";
    }
    if (keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf") {
      std::size_t passed = 0;
      std::string first;
      for (const auto& sub : arg) {
        const std::string problem = check(value, sub, where);
        if (problem.empty()) {
          ++passed;
        } else if (first.empty()) {
          first = problem;
        }
      }
      if (keyword == "allOf") return first;
      if (keyword == "anyOf") return passed > 0 ? "" : first;
      return passed == 1 ? "" : at + ": matches " + std::to_string(passed) + " of oneOf";
    }
    if (keyword == "not") return check(value, arg, where).empty() ? at + ": matches not" : "";
    if (keyword == "if") {
      const bool condition = check(value, arg, where).empty();
      const char* branch = condition ? "then" : "else";
      return s.contains(branch) ? check(value, s[branch], where) : "";
    }
    throw std::logic_error("keyword not supported by the test validator: " + keyword);
  }

  json root_;
};

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

// The values the loader lists when it refuses a value far from all of them: its hint is
// "use a, b, c or d" (with an optional parenthesised remark).
std::set<std::string> loader_enumeration(const std::string& pointer, const json& value,
                                         const std::string& code) {
  json doc = base();
  doc[json::json_pointer(pointer)] = value;
  const auto r = load_description(doc.dump(), "t.json");
  for (const auto& d : r.diagnostics) {
    if (d.code != code) continue;
    REQUIRE(d.hint.rfind("use ", 0) == 0);
    std::string list = d.hint.substr(4, d.hint.find(" (") - 4);
    std::replace(list.begin(), list.end(), ',', ' ');
    std::istringstream words(list);
    std::set<std::string> out;
    for (std::string w; words >> w;) {
      if (w != "or") out.insert(w);
    }
    return out;
  }
  FAIL("no " << code << " diagnostic at " << pointer << "\n" << diagnostics_text(r));
  return {};
}

std::set<std::string> strings(const json& list) {
  std::set<std::string> out;
  for (const auto& v : list) out.insert(v.get<std::string>());
  return out;
}

// One variation of base(): members set, members removed, and whether the result is valid.
struct Variation {
  const char* what;
  std::vector<std::pair<std::string, json>> set;
  std::vector<std::string> remove;
  bool valid;
};

}  // namespace

TEST_CASE("Schema: is a draft 2020-12 schema with a description for every property", "[schema]") {
  const json s = schema();
  CHECK(s["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  CHECK(s["$id"] == "https://comreg.dev/schemas/comreg-1.schema.json");
  for (const char* def : {"guid", "server", "class", "appid", "typelib", "interface", "category"}) {
    CAPTURE(def);
    CHECK(s["$defs"].contains(def));
  }
  std::size_t properties = 0;
  std::function<void(const json&, const std::string&)> walk = [&](const json& node,
                                                                  const std::string& where) {
    if (!node.is_object()) return;
    if (node.contains("properties")) {
      CAPTURE(where);
      CHECK(node["additionalProperties"] == false);
      CHECK(node["properties"].contains("$comment"));
      for (const auto& [name, property] : node["properties"].items()) {
        CAPTURE(name);
        CHECK(property.contains("description"));
        ++properties;
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
  CHECK(properties > 80);  // the walk reached every object of the format
  CHECK(s["properties"].contains("$schema"));
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

TEST_CASE("Schema: the format's member table is what the loader accepts and the schema lists",
          "[schema]") {
  const json s = schema();
  const json& defs = s["$defs"];
  const std::map<std::string, json> schema_objects = {
      {"", s},
      {"/assembly", defs["assembly"]},
      {"/servers/0", defs["server"]},
      {"/servers/0/classes/0", defs["class"]},
      {"/servers/0/classes/0/license", defs["class"]["properties"]["license"]},
      {"/servers/0/classes/0/miscStatus", defs["class"]["properties"]["miscStatus"]["oneOf"][1]},
      {"/servers/0/classes/0/clr", defs["class"]["properties"]["clr"]},
      {"/servers/0/classes/0/values/0", defs["classValue"]},
      {"/servers/0/classes/0/subkeys/0", defs["classSubkey"]},
      {"/appids/0", defs["appid"]},
      {"/typelibs/0", defs["typelib"]},
      {"/interfaces/0", defs["interface"]},
      {"/categories/0", defs["category"]}};
  CHECK(std::size(format::all_objects) == schema_objects.size());
  for (const auto& object : format::all_objects) {
    const std::string pointer(object.pointer);
    CAPTURE(pointer);
    std::set<std::string> table;
    for (const auto member : object.members) table.emplace(member);
    CHECK(table.size() == object.members.size());  // no member twice
    CHECK(loader_members(pointer) == table);
    table.erase("$schema");  // the schema lists it apart, with "$comment"
    REQUIRE(schema_objects.count(pointer) == 1);
    CHECK(schema_members(schema_objects.at(pointer)) == table);
  }
  const auto spellings = [](const auto& table) {
    std::set<std::string> out;
    for (const auto& spelling : table) out.emplace(spelling.text);
    return out;
  };
  CHECK(strings(defs["arch"]["enum"]) == spellings(format::arch_spellings));
  CHECK(strings(defs["server"]["properties"]["kind"]["enum"]) ==
        spellings(format::server_kind_spellings));
  CHECK(strings(defs["class"]["properties"]["threading"]["enum"]) ==
        spellings(format::threading_spellings));
  CHECK(strings(defs["typelib"]["properties"]["flags"]["oneOf"][0]["items"]["enum"]) ==
        spellings(format::typelib_flag_spellings));
  std::set<std::string> aspects = spellings(format::misc_aspect_spellings);
  aspects.insert("default");
  CHECK(schema_members(defs["class"]["properties"]["miscStatus"]["oneOf"][1]) == aspects);
}

TEST_CASE("Schema: enumerations are exactly the values the loader accepts", "[schema]") {
  const json s = schema();
  const json& defs = s["$defs"];
  CHECK(strings(defs["server"]["properties"]["kind"]["enum"]) ==
        loader_enumeration("/servers/0/kind", "qqqqqqqqqqqq", "bad-kind"));
  CHECK(strings(defs["arch"]["enum"]) ==
        loader_enumeration("/assembly/arch", "qqqqqqqqqqqq", "bad-arch"));
  CHECK(strings(defs["class"]["properties"]["threading"]["enum"]) ==
        loader_enumeration("/servers/0/classes/0/threading", "qqqqqqqqqqqq", "bad-threading"));
  CHECK(strings(defs["typelib"]["properties"]["flags"]["oneOf"][0]["items"]["enum"]) ==
        loader_enumeration("/typelibs/0/flags", json::array({"qqqqqqqqqqqq"}), "bad-flag"));

  // And the loader really accepts each listed value (the hint could be stale).
  auto accepted = [](const std::string& pointer, const json& value) {
    json doc = base();
    doc[json::json_pointer(pointer)] = value;
    const auto r = load_description(doc.dump(), "t.json");
    INFO(diagnostics_text(r));
    return !r.diagnostics.has_errors();
  };
  for (const auto& arch : defs["arch"]["enum"]) {
    CAPTURE(arch);
    CHECK(accepted("/assembly/arch", arch));
    CHECK(accepted("/servers/0/arch", arch));
  }
  for (const auto& t : defs["class"]["properties"]["threading"]["enum"]) {
    CAPTURE(t);
    CHECK(accepted("/servers/0/classes/0/threading", t));
  }
  CHECK(accepted("/typelibs/0/flags",
                 defs["typelib"]["properties"]["flags"]["oneOf"][0]["items"]["enum"]));
  for (const auto& kind : defs["server"]["properties"]["kind"]["enum"]) {
    CAPTURE(kind);
    json doc = base();
    doc["servers"][0]["kind"] = kind;
    if (kind == "remote") {
      doc["servers"][0].erase("path");
      doc["appids"][0]["remoteServerName"] = "server.example.com";
    }
    if (kind == "surrogate" || kind == "remote") {
      doc["servers"][0]["classes"][0]["appid"] = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}";
    }
    const auto r = load_description(doc.dump(), "t.json");
    INFO(diagnostics_text(r));
    CHECK_FALSE(r.diagnostics.has_errors());
  }
}

TEST_CASE("Schema: accepts and refuses the same descriptions as the loader", "[schema]") {
  const SchemaValidator validator(schema());
  const std::string docs = testing::read_file(testing::source_path("docs/description.md"));
  const std::string c01 = "/servers/0/classes/0";
  const std::string appid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}";
  const Variation variations[] = {
      {"the base description", {}, {}, true},
      {"a lower-case GUID without braces",
       {{c01 + "/clsid", "0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c0a"}},
       {},
       true},
      {"a GUID with only an opening brace",
       {{c01 + "/clsid", "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0A"}},
       {},
       false},
      {"a GUID without hyphens", {{c01 + "/clsid", "0F5D1C8E4B7A4F2E9C3D2A6B8E1F7C0A"}}, {}, false},
      {"a GUID as a number", {{c01 + "/clsid", 12}}, {}, false},
      {"a ProgID", {{c01 + "/progid", "Contoso.Widget.1"}}, {}, true},
      {"a ProgID of 39 characters", {{c01 + "/progid", "P" + std::string(38, 'x')}}, {}, true},
      {"a ProgID of 40 characters", {{c01 + "/progid", "P" + std::string(39, 'x')}}, {}, false},
      {"a ProgID with an underscore", {{c01 + "/progid", "Contoso_Widget"}}, {}, false},
      {"a ProgID starting with a digit", {{c01 + "/progid", "1Contoso.Widget"}}, {}, false},
      {"a ProgID starting with a period", {{c01 + "/progid", ".widget"}}, {}, false},
      {"a version-independent ProgID",
       {{c01 + "/versionIndependentProgid", "Contoso.Widget"}},
       {},
       true},
      {"assembly version parts at 65535", {{"/assembly/version", "65535.0.0.65535"}}, {}, true},
      {"an assembly version part with a leading zero",
       {{"/assembly/version", "01.2.0.0"}},
       {},
       true},
      {"an assembly version part of 65536", {{"/assembly/version", "1.2.0.65536"}}, {}, false},
      {"an assembly version of three parts", {{"/assembly/version", "1.2.0"}}, {}, false},
      {"an assembly version of five parts", {{"/assembly/version", "1.2.0.0.0"}}, {}, false},
      {"an assembly version with an empty part", {{"/assembly/version", "1..0.0"}}, {}, false},
      {"a type library version 65535.65535", {{"/typelibs/0/version", "65535.65535"}}, {}, true},
      {"a type library version 65536.0", {{"/typelibs/0/version", "65536.0"}}, {}, false},
      {"a type library version of one part", {{"/typelibs/0/version", "1"}}, {}, false},
      {"a type library version of three parts", {{"/typelibs/0/version", "1.0.0"}}, {}, false},
      {"a type library version in hex", {{"/typelibs/0/version", "1.a"}}, {}, false},
      {"an assembly name with punctuation", {{"/assembly/name", "Contoso-Widgets_2.x"}}, {}, true},
      {"an assembly name with a space", {{"/assembly/name", "Contoso Widgets"}}, {}, false},
      {"an assembly name with a backslash", {{"/assembly/name", "Contoso\\Widgets"}}, {}, false},
      {"an empty assembly name", {{"/assembly/name", ""}}, {}, false},
      {"an unknown architecture", {{"/assembly/arch", "ia64"}}, {}, false},
      {"a public key token", {{"/assembly/publicKeyToken", "0123456789abcdef"}}, {}, true},
      {"a short public key token", {{"/assembly/publicKeyToken", "0123456789abcde"}}, {}, false},
      {"numMethods 3", {{"/interfaces/0/numMethods", 3}}, {}, true},
      {"numMethods 2", {{"/interfaces/0/numMethods", 2}}, {}, false},
      {"numMethods 65536", {{"/interfaces/0/numMethods", 65536}}, {}, false},
      {"authenticationLevel 6", {{"/appids/0/authenticationLevel", 6}}, {}, true},
      {"authenticationLevel 0", {{"/appids/0/authenticationLevel", 0}}, {}, false},
      {"authenticationLevel 7", {{"/appids/0/authenticationLevel", 7}}, {}, false},
      {"preferredServerBitness 4", {{"/appids/0/preferredServerBitness", 4}}, {}, false},
      {"appIdFlags at 2^32-1", {{"/appids/0/appIdFlags", 4294967295u}}, {}, true},
      {"appIdFlags at 2^32", {{"/appids/0/appIdFlags", 4294967296u}}, {}, false},
      {"a negative lcid", {{"/typelibs/0/lcid", -1}}, {}, false},
      {"a category lcid", {{"/categories/0/lcid", 1031}}, {}, true},
      {"miscStatus as a number", {{c01 + "/miscStatus", 132497}}, {}, true},
      {"miscStatus as a string", {{c01 + "/miscStatus", "132497"}}, {}, false},
      {"miscStatus per aspect with a comment",
       {{c01 + "/miscStatus", json::parse(R"({"$comment": "c", "content": 132497})")}},
       {},
       true},
      {"miscStatus with an unknown aspect",
       {{c01 + "/miscStatus", json::parse(R"({"contents": 1})")}},
       {},
       false},
      {"a negative miscStatus aspect",
       {{c01 + "/miscStatus", json::parse(R"({"icon": -1})")}},
       {},
       false},
      {"a license without key", {}, {c01 + "/license/key"}, false},
      {"an empty license key", {{c01 + "/license/key", ""}}, {}, false},
      {"a kind in the wrong case", {{"/servers/0/kind", "Inproc"}}, {}, false},
      {"a threading model in the wrong case", {{c01 + "/threading", "apartment"}}, {}, false},
      {"an unknown type library flag",
       {{"/typelibs/0/flags", json::array({"licensed"})}},
       {},
       false},
      {"type library flags",
       {{"/typelibs/0/flags", json::array({"control", "hasdiskimage"})}},
       {},
       true},
      {"type library flags null", {{"/typelibs/0/flags", nullptr}}, {}, true},
      {"a type library helpdir null", {{"/typelibs/0/helpdir", nullptr}}, {}, true},
      {"a .NET class",
       {{c01 + "/clr",
         json{{"class", "Fabrikam.Calc"}, {"assembly", "Fabrikam, Version=1.0.0.0"}}}},
       {},
       true},
      {"a .NET class without assembly",
       {{c01 + "/clr", json{{"class", "Fabrikam.Calc"}}}},
       {},
       false},
      {"a ProgID key owned by another class", {{c01 + "/progidKey", false}}, {}, true},
      {"a class value of type REG_DWORD",
       {{c01 + "/values/0", json{{"name", "Merit"}, {"type", "REG_DWORD"}, {"value", 2097152}}}},
       {},
       true},
      {"a class value of type REG_BINARY",
       {{c01 + "/values/0",
         json{{"name", "FilterData"}, {"type", "REG_BINARY"}, {"value", "02ff"}}}},
       {},
       true},
      {"a class value of an unknown type",
       {{c01 + "/values/0", json{{"name", "Merit"}, {"type", "REG_WORD"}, {"value", 2}}}},
       {},
       false},
      {"a class value without data", {}, {c01 + "/values/0/value"}, false},
      {"a subkey with an empty path", {{c01 + "/subkeys/0/key", ""}}, {}, false},
      {"a subkey with values",
       {{c01 + "/subkeys/0/values", json::array({json{{"name", "CLSID"}, {"value", "x"}}})}},
       {},
       true},
      {"no servers, beside type libraries and interfaces", {{"/servers", json::array()}}, {}, true},
      {"no servers and nothing else to register",
       {{"/servers", json::array()}},
       {"/typelibs", "/interfaces"},
       false},
      {"no classes", {{"/servers/0/classes", json::array()}}, {}, false},
      {"an executable name", {{"/appids/0/executables", json::array({"reportsvc.exe"})}}, {}, true},
      {"an executable path",
       {{"/appids/0/executables", json::array({"bin\\reportsvc.exe"})}},
       {},
       false},
      {"an empty executable name", {{"/appids/0/executables", json::array({""})}}, {}, false},
      {"a misspelt member", {{c01 + "/progId", "Contoso.Widget.1"}}, {}, false},
      {"a $comment in a class", {{c01 + "/$comment", "ignored"}}, {}, true},
      {"a $comment at the top", {{"/$comment", "ignored"}}, {}, true},
      {"a $schema at the top", {{"/$schema", "../schemas/comreg.schema.json"}}, {}, true},
      {"a $schema in a class", {{c01 + "/$schema", "x"}}, {}, false},
      {"format version 2", {{"/comreg", 2}}, {}, false},
      {"no format version", {}, {"/comreg"}, false},
      {"no assembly", {}, {"/assembly"}, false},
      {"a type library without paths", {}, {"/typelibs/0/win64"}, false},
      {"a type library with a 32-bit path only",
       {{"/typelibs/0/win32", "C:\\x86\\a.tlb"}},
       {"/typelibs/0/win64"},
       true},
      {"arguments on an in-process server", {{"/servers/0/arguments", "/automation"}}, {}, false},
      {"arguments on a local server",
       {{"/servers/0/kind", "local"}, {"/servers/0/arguments", "/automation"}},
       {},
       true},
      {"threading on a class of a local server",
       {{"/servers/0/kind", "local"}, {c01 + "/threading", "Both"}},
       {},
       false},
      {"a surrogate class without appid", {{"/servers/0/kind", "surrogate"}}, {}, false},
      {"a surrogate class with appid",
       {{"/servers/0/kind", "surrogate"}, {c01 + "/appid", appid}},
       {},
       true},
      {"a remote class",
       {{"/servers/0/kind", "remote"},
        {c01 + "/appid", appid},
        {"/appids/0/remoteServerName", "reports.fabrikam.local"}},
       {"/servers/0/path"},
       true},
      {"a remote server with a path",
       {{"/servers/0/kind", "remote"},
        {c01 + "/appid", appid},
        {"/appids/0/remoteServerName", "reports.fabrikam.local"}},
       {},
       false},
      {"a handler", {{"/servers/0/kind", "handler"}, {c01 + "/threading", "Both"}}, {}, true},
      {"an empty server path", {{"/servers/0/path", ""}}, {}, false},
      {"no server path", {}, {"/servers/0/path"}, false},
      {"an empty toolbox bitmap", {{c01 + "/toolboxBitmap", ""}}, {}, true},
      {"an SDDL access permission",
       {{"/appids/0/accessPermission", "O:BAG:BAD:(A;;CCDCLC;;;SY)"}},
       {},
       true},
      {"an empty access permission", {{"/appids/0/accessPermission", ""}}, {}, false},
      {"an empty interface name", {{"/interfaces/0/name", ""}}, {}, false},
      {"a category without description", {}, {"/categories/0/description"}, false},
      {"a boolean marker as a string", {{c01 + "/control", "true"}}, {}, false},
  };
  for (const auto& v : variations) {
    CAPTURE(v.what);
    json doc = base();
    for (const auto& [pointer, value] : v.set) doc[json::json_pointer(pointer)] = value;
    for (const auto& pointer : v.remove) {
      const json::json_pointer p(pointer);
      doc[p.parent_pointer()].erase(p.back());
    }
    const std::string schema_problem = validator.check(doc);
    INFO("schema: " << (schema_problem.empty() ? "valid" : schema_problem));
    const auto r = load_description(doc.dump(), "t.json");
    INFO("loader:\n" << diagnostics_text(r));
    CHECK(schema_problem.empty() == v.valid);
    CHECK(!r.diagnostics.has_errors() == v.valid);
    for (const auto& d : r.diagnostics) {
      CAPTURE(d.code);
      CHECK(docs.find("`" + d.code + "`") != std::string::npos);  // documented
    }
  }
}

TEST_CASE("Schema: every sample is valid against the schema", "[schema][samples]") {
  const SchemaValidator validator(schema());
  const auto names = sample_names();
  REQUIRE(names.size() >= 6);
  for (const auto& name : names) {
    CAPTURE(name);
    CHECK(validator.check(json::parse(sample_text(name))) == "");
  }
}

TEST_CASE("Schema: every sample uses only members the schema declares", "[schema][samples]") {
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
  for (const auto& name : sample_names()) {
    CAPTURE(name);
    check(json::parse(sample_text(name)), s, "");
  }
}

TEST_CASE("Samples: every sample loads without a diagnostic", "[samples]") {
  LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Fabrikam";
  for (const auto& name : sample_names()) {
    CAPTURE(name);
    const auto r = load_description(sample_text(name), "samples/" + name + ".json", options);
    INFO(diagnostics_text(r));
    CHECK(r.diagnostics.empty());
    REQUIRE(r.description.has_value());
    CHECK_FALSE(r.description->servers.empty());
    // Every sample but the fixed example tells the editor its schema and says what it shows.
    if (name == "contoso-widgets") continue;
    const json doc = json::parse(sample_text(name));
    CHECK(doc["$schema"] == "../schemas/comreg.schema.json");
    CHECK(doc.contains("$comment"));
  }
}

TEST_CASE("Docs: the example in docs/description.md is samples/contoso-widgets.json", "[docs]") {
  const std::string docs = testing::read_file(testing::source_path("docs/description.md"));
  const std::string open = "## Example\n\n```json\n";
  const auto start = docs.find(open);
  REQUIRE(start != std::string::npos);
  const auto body = start + open.size();
  const auto end = docs.find("```\n", body);
  REQUIRE(end != std::string::npos);
  CHECK(docs.substr(body, end - body) == sample_text("contoso-widgets"));
}
