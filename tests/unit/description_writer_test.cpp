// The description writer: what it writes loads back to the same model, for every sample and
// for members the samples do not use.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <span>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/model/description_members.hpp"
#include "support/description_equal.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

Description load_text(const std::string& text, const std::string& file) {
  LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Fabrikam";
  auto r = load_description(text, file, options);
  INFO(file << ":\n" << text);
  REQUIRE_FALSE(r.diagnostics.has_errors());
  REQUIRE(r.description);
  return std::move(*r.description);
}

}  // namespace

TEST_CASE("Description writer: every sample loads back to an equal model", "[writer]") {
  int samples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".json") continue;
    ++samples;
    const std::string file = entry.path().filename().string();
    const Description original = load_text(testing::read_file(entry.path().string()), file);
    const std::string written = description_to_json(original);
    const Description reread = load_text(written, file);
    INFO(file << " written as:\n" << written);
    CHECK(testing::describe_differences(original, reread).empty());
    // Canonical: writing the reread model gives the same bytes.
    CHECK(description_to_json(reread) == written);
  }
  CHECK(samples >= 6);
}

TEST_CASE("Description writer: members the samples leave out, and omitted defaults", "[writer]") {
  const std::string text = R"({
  "comreg": 1,
  "assembly": { "name": "A.B", "version": "1.0.0.0", "arch": "x86", "publicKeyToken": "0123456789abcdef", "language": "en-us" },
  "servers": [
    { "kind": "handler", "path": "%SystemRoot%\\h.dll", "arch": "arm64", "classes": [
      { "clsid": "{11111111-1111-1111-1111-111111111111}", "threading": "Neutral",
        "miscStatus": {}, "treatAs": "{22222222-2222-2222-2222-222222222222}",
        "autoConvertTo": "{33333333-3333-3333-3333-333333333333}", "requiredCategories": ["{44444444-4444-4444-4444-444444444444}"] },
      { "clsid": "{11111111-1111-1111-1111-111111111112}", "miscStatus": { "icon": 5 } } ] },
    { "kind": "local", "path": "C:\\x.exe", "arguments": "/a", "classes": [
      { "clsid": "{11111111-1111-1111-1111-111111111113}", "appid": "{55555555-5555-5555-5555-555555555555}" } ] }
  ],
  "appids": [ { "appid": "{55555555-5555-5555-5555-555555555555}", "dllSurrogate": "",
    "localService": "svc", "serviceParameters": "-p", "runAs": "Interactive User",
    "authenticationLevel": 2, "appIdFlags": 0, "preferredServerBitness": 3 } ],
  "typelibs": [ { "libid": "{66666666-6666-6666-6666-666666666666}", "version": "10.2", "lcid": 0, "win32": "a.tlb", "flags": ["hidden", "restricted"] } ],
  "categories": [ { "catid": "{77777777-7777-7777-7777-777777777777}", "description": "Cat", "lcid": 7 } ]
})";
  const Description original = load_text(text, "members.json");
  const std::string written = description_to_json(original);
  INFO(written);
  CHECK(testing::describe_differences(original, load_text(written, "members.json")).empty());
  CHECK(written.find("\"arch\": \"arm64\"") != std::string::npos);
  CHECK(written.find("\"miscStatus\": {}") != std::string::npos);
  CHECK(written.find("\"dllSurrogate\": \"\"") != std::string::npos);
  CHECK(written.find("\"appIdFlags\": 0") != std::string::npos);
  CHECK(written.find("\"flags\": [\n        \"restricted\",\n        \"hidden\"") !=
        std::string::npos);
  CHECK(written.find("\"lcid\": 0") == std::string::npos);  // the type library default
  CHECK(written.find("\"lcid\": 7") != std::string::npos);
  CHECK(written.find("\"programmable\"") == std::string::npos);
  CHECK(written.back() == '\n');
}

TEST_CASE("Description writer: \"exclusive\" is read and written only when true", "[writer]") {
  const std::string text = R"({
  "comreg": 1,
  "assembly": { "name": "A.B", "version": "1.0.0.0" },
  "servers": [ { "kind": "local", "path": "C:\\x.exe", "classes": [
    { "clsid": "{11111111-1111-1111-1111-111111111111}", "progid": "A.B.1",
      "versionIndependentProgid": "A.B", "exclusiveVersionIndependentProgid": true,
      "appid": "{55555555-5555-5555-5555-555555555555}" },
    { "clsid": "{11111111-1111-1111-1111-111111111112}", "progid": "A.C.1",
      "versionIndependentProgid": "A.C", "exclusiveVersionIndependentProgid": false } ] } ],
  "appids": [ { "appid": "{55555555-5555-5555-5555-555555555555}", "exclusive": true } ],
  "typelibs": [ { "libid": "{66666666-6666-6666-6666-666666666666}", "version": "1.0", "win32": "a.tlb", "exclusive": true },
                { "libid": "{66666666-6666-6666-6666-666666666666}", "version": "2.0", "win32": "b.tlb" } ],
  "interfaces": [ { "iid": "{88888888-8888-8888-8888-888888888888}", "name": "I", "exclusive": true },
                  { "iid": "{88888888-8888-8888-8888-888888888889}", "name": "J", "exclusive": false } ],
  "categories": [ { "catid": "{77777777-7777-7777-7777-777777777777}", "description": "Cat", "exclusive": true } ]
})";
  const Description d = load_text(text, "exclusive.json");
  CHECK(d.servers[0].classes[0].exclusive_version_independent_progid);
  CHECK_FALSE(d.servers[0].classes[1].exclusive_version_independent_progid);
  CHECK(d.appids[0].exclusive);
  CHECK(d.typelibs[0].exclusive);
  CHECK_FALSE(d.typelibs[1].exclusive);
  CHECK(d.interfaces[0].exclusive);
  CHECK_FALSE(d.interfaces[1].exclusive);
  CHECK(d.categories[0].exclusive);
  const std::string written = description_to_json(d);
  INFO(written);
  CHECK(testing::describe_differences(d, load_text(written, "exclusive.json")).empty());
  // Five true members, each written once; false is the default and is left out.
  std::size_t count = 0;
  for (std::size_t at = written.find(": true"); at != std::string::npos;
       at = written.find(": true", at + 1))
    ++count;
  CHECK(count == 5);
  CHECK(written.find("false") == std::string::npos);

  auto wrong = load_description(R"({"comreg": 1, "assembly": {"name": "A", "version": "1.0.0.0"},
    "servers": [], "appids": [ { "appid": "{55555555-5555-5555-5555-555555555555}", "exclusive": "yes" } ]})",
                                "wrong.json", {});
  CHECK(wrong.diagnostics.has_errors());
}

TEST_CASE("Description writer: members in the order of the format's member table", "[writer]") {
  using nlohmann::ordered_json;
  // Written keys must be a subsequence of the table: no member the table lacks, none out of
  // order.
  const auto in_table_order = [](const ordered_json& object,
                                 std::span<const std::string_view> members) {
    std::size_t next = 0;
    for (const auto& [key, value] : object.items()) {
      while (next < members.size() && members[next] != key) ++next;
      if (next == members.size()) return false;
      ++next;
    }
    return true;
  };
  int objects = 0;
  const auto check = [&](const ordered_json& j, std::span<const std::string_view> members) {
    INFO(j.dump());
    CHECK(in_table_order(j, members));
    ++objects;
  };
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".json") continue;
    const auto j = ordered_json::parse(description_to_json(
        load_text(testing::read_file(entry.path().string()), entry.path().filename().string())));
    check(j, format::root_members);
    check(j["assembly"], format::assembly_members);
    for (const auto& s : j["servers"]) {
      check(s, format::server_members);
      for (const auto& c : s["classes"]) {
        check(c, format::class_members);
        if (c.contains("license")) check(c["license"], format::license_members);
        if (c.contains("miscStatus") && c["miscStatus"].is_object()) {
          check(c["miscStatus"], format::misc_status_members);
        }
      }
    }
    for (const auto& [list, members] :
         {std::pair{"appids", std::span<const std::string_view>(format::appid_members)},
          std::pair{"typelibs", std::span<const std::string_view>(format::typelib_members)},
          std::pair{"interfaces", std::span<const std::string_view>(format::interface_members)},
          std::pair{"categories", std::span<const std::string_view>(format::category_members)}}) {
      if (!j.contains(list)) continue;
      for (const auto& item : j[list]) check(item, members);
    }
  }
  CHECK(objects > 30);
  // And the check can fail: a key out of order is caught.
  CHECK_FALSE(in_table_order(ordered_json{{"version", "1.0.0.0"}, {"name", "A"}},
                             format::assembly_members));
}

TEST_CASE("Description writer: the bytes nlohmann's dump(2) writes, for every member's shape",
          "[writer]") {
  // The writer writes its text directly; parsed and dumped again by nlohmann, it must come back
  // byte for byte: the same layout, escapes and numbers for every kind of value it writes.
  using nlohmann::ordered_json;
  const auto same_as_dump = [](const std::string& written) {
    INFO(written);
    CHECK(ordered_json::parse(written).dump(2) + "\n" == written);
  };
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".json") continue;
    same_as_dump(description_to_json(
        load_text(testing::read_file(entry.path().string()), entry.path().filename().string())));
  }

  Description d;
  d.assembly.name = "Fabrikam.Edge";
  d.assembly.version = "1.0.0.0";
  CHECK(description_to_json(d).find("\"servers\": []") != std::string::npos);
  same_as_dump(description_to_json(d));

  Server s;
  s.path = "C:\\Fabrikam\\edge \"quoted\"\t\x01\x1f\x7f \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80.dll";
  ComClass c;
  c.clsid = "{11111111-1111-1111-1111-111111111111}";
  c.name = "line\nbreak\rand\\back\bspace\fform";
  c.misc_status = MiscStatus{17u, {}};  // a number alone
  c.license = License{c.clsid, "key"};
  c.clr = ClrClass{"N.T", "N, Version=1.0.0.0", "", "file:///C:/n.dll"};
  c.implemented_categories = {"{22222222-2222-2222-2222-222222222222}"};
  c.values = {{"dword", RegValue::dword(0xFFFFFFFFu)},
              {"empty list", RegValue::multi_sz({})},
              {"list", RegValue::multi_sz({"a", "", "\xe2\x82\xac"})},
              {"bytes", RegValue::binary({0x00, 0xAB, 0xFF})},
              {"no bytes", RegValue::binary({})},
              {"", RegValue::expand_sz("%SystemRoot%")}};
  c.subkeys = {{"Instance", {}}, {"Instance\\{3}", {{"FriendlyName", RegValue::sz("x")}}}};
  s.classes.push_back(c);
  c.clsid = "{11111111-1111-1111-1111-111111111112}";
  c.misc_status = MiscStatus{std::nullopt, {{1, 5}, {4, 0}}};
  c.license.reset();
  c.clr.reset();
  c.values.clear();
  c.subkeys.clear();
  s.classes.push_back(c);
  d.servers.push_back(s);
  d.servers.push_back(Server{});  // no classes: an empty list
  TypeLib none;
  none.libid = "{66666666-6666-6666-6666-666666666666}";
  none.flags.reset();
  none.helpdir.reset();
  TypeLib unnamed_bits = none;
  unnamed_bits.flags = 0x30u;  // bits without a spelling: an empty list
  unnamed_bits.helpdir = "C:\\help";
  unnamed_bits.lcid = 0xFFFFFFFFu;
  d.typelibs = {none, unnamed_bits};
  Interface i;
  i.iid = "{88888888-8888-8888-8888-888888888888}";
  i.num_methods = 0;
  d.interfaces = {i};
  d.categories = {Category{}};
  AppId a;
  a.dll_surrogate = "";
  a.executables = {"a.exe", "b.exe"};
  d.appids = {a};
  const std::string written = description_to_json(d);
  same_as_dump(written);
  CHECK(written.find("\"miscStatus\": 17,") != std::string::npos);
  CHECK(written.find("\"value\": []") != std::string::npos);
  CHECK(written.find("\"value\": \"00abff\"") != std::string::npos);
  CHECK(written.find("\"flags\": null") != std::string::npos);
  CHECK(written.find("\"flags\": [],") != std::string::npos);
  CHECK(written.find("\"classes\": []") != std::string::npos);
  CHECK(written.find("\\u0001\\u001f\x7f") != std::string::npos);

  Description broken = d;
  broken.servers[0].path = "\xff";  // not UTF-8: refused as nlohmann refuses it
  CHECK_THROWS_AS(description_to_json(broken), nlohmann::json::type_error);
}
