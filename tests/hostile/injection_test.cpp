// Metacharacters in every string field: `"` `\` `[` `]` `;` `=` `@` for .reg files, `<` `>` `&`
// `'` `"` `]]>` `--` for manifests. Each field is either refused with an error located at that
// field, or written so that reading the output back gives exactly the value and nothing else:
// the .reg file read with the reg reader equals the plan applied to an empty registry, and the
// manifest read with tinyxml2 has the same elements and attributes as with a benign value.
#include <tinyxml2.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "support/test_files.hpp"

namespace {

using nlohmann::json;

// A value with every metacharacter, ending in a backslash (the classic "x\" escaping bug).
const std::string hostile = "a\"b\\c<d>&e'f]]>g--h;i=j[k]@\"\\";
// The same without backslashes, for file names and key names (where '\' is a separator).
const std::string hostile_name = "x\"y<z>&w'v]]>u--t;s=r[q]@";
const std::string benign = "BENIGN";

struct Field {
  const char* pointer;
  enum Kind { text, path, name } kind;
};

const Field fields[] = {
    {"/assembly/name", Field::name},
    {"/assembly/language", Field::name},
    {"/servers/0/path", Field::path},
    {"/servers/1/path", Field::path},
    {"/servers/1/arguments", Field::text},
    {"/servers/0/classes/0/name", Field::text},
    {"/servers/1/classes/0/name", Field::text},
    {"/servers/0/classes/0/progid", Field::name},
    {"/servers/0/classes/0/version", Field::text},
    {"/servers/0/classes/0/toolboxBitmap", Field::path},
    {"/servers/0/classes/0/defaultIcon", Field::path},
    {"/servers/0/classes/0/license/key", Field::text},
    {"/appids/0/name", Field::text},
    {"/appids/0/localService", Field::text},
    {"/appids/0/serviceParameters", Field::text},
    {"/appids/0/runAs", Field::text},
    {"/appids/0/remoteServerName", Field::text},
    {"/appids/0/executables/0", Field::name},
    {"/appids/0/executables/0", Field::text},
    {"/appids/1/dllSurrogate", Field::path},
    {"/typelibs/0/name", Field::text},
    {"/typelibs/0/win32", Field::path},
    {"/typelibs/0/win64", Field::path},
    {"/typelibs/0/helpdir", Field::path},
    {"/interfaces/0/name", Field::text},
    {"/categories/0/description", Field::text},
};

std::string with_value(const json& full, const Field& f, const std::string& core) {
  json doc = full;
  const std::string value = f.kind == Field::path ? "${installdir}\\" + core + ".dll" : core;
  doc[json::json_pointer(f.pointer)] = value;
  return doc.dump(1);
}

comreg::LoadResult load(const std::string& text) {
  comreg::LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Contoso";
  return comreg::load_description(text, "hostile.json", options);
}

// The plan applied to an empty registry: what reading the .reg file must give.
comreg::MemoryBackend expected_registry(const comreg::Plan& plan) {
  comreg::MemoryBackend b;
  const std::string root = comreg::classes_root(plan.options.scope) + "\\";
  for (const auto& op : plan.ops) {
    const std::string key = root + comreg::physical_key(op.key, plan.options.view);
    if (op.kind == comreg::OpKind::create_key) {
      REQUIRE(b.create_key(key).ok());
    } else {
      REQUIRE(b.set_value(key, op.name, op.value).ok());
    }
  }
  return b;
}

// Every element, attribute and text of an XML document as lines, with `core` replaced by
// "BENIGN", so two documents that differ only by that value compare equal.
void flatten(const tinyxml2::XMLElement* e, const std::string& path, const std::string& core,
             std::vector<std::string>& out) {
  const auto replaced = [&](std::string s) {
    for (std::size_t at = 0; !core.empty() && (at = s.find(core, at)) != std::string::npos;) {
      s.replace(at, core.size(), benign);
      at += benign.size();
    }
    return s;
  };
  const std::string here = path + "/" + e->Name();
  out.push_back(here);
  for (const auto* a = e->FirstAttribute(); a != nullptr; a = a->Next()) {
    out.push_back(here + "@" + a->Name() + "=" + replaced(a->Value()));
  }
  if (e->GetText() != nullptr) out.push_back(here + "#" + replaced(e->GetText()));
  for (const auto* c = e->FirstChildElement(); c != nullptr; c = c->NextSiblingElement()) {
    flatten(c, here, core, out);
  }
}

std::vector<std::string> manifest_lines(const comreg::Description& d, const std::string& core) {
  const auto m = comreg::write_component_manifest(d);
  REQUIRE_FALSE(m.diagnostics.has_errors());
  tinyxml2::XMLDocument doc;
  INFO(m.xml);
  REQUIRE(doc.Parse(m.xml.data(), m.xml.size()) == tinyxml2::XML_SUCCESS);
  std::vector<std::string> out;
  flatten(doc.RootElement(), "", core, out);
  return out;
}

}  // namespace

TEST_CASE("Hostile: metacharacters in every string field are refused or round-trip exactly",
          "[hostile]") {
  const json full = json::parse(
      comreg::testing::read_file(comreg::testing::source_path("tests/hostile/full.json")));
  std::size_t refused = 0, written = 0;
  for (const auto& f : fields) {
    const std::string core = f.kind == Field::text ? hostile : hostile_name;
    const std::string text = with_value(full, f, core);
    CAPTURE(f.pointer, core);
    const auto result = load(text);
    if (!result.description) {
      // Refused: every error is located, and one is at this field.
      bool at_field = false;
      for (const auto& d : result.diagnostics) {
        CHECK(d.location.line > 0);
        at_field = at_field || d.location.pointer == f.pointer;
      }
      INFO(comreg::format_diagnostics_json(result.diagnostics));
      CHECK(at_field);
      ++refused;
      continue;
    }
    ++written;
    const auto baseline = load(with_value(full, f, benign));
    REQUIRE(baseline.description);
    for (const auto scope : {comreg::Scope::user, comreg::Scope::machine}) {
      for (const auto format : {comreg::RegFormat::v5, comreg::RegFormat::regedit4}) {
        const comreg::Plan plan =
            comreg::make_plan(*result.description, {scope, comreg::View::v32});
        comreg::RegWriteOptions options;
        options.format = format;
        const auto reg = comreg::write_reg(plan, options);
        REQUIRE_FALSE(reg.diagnostics.has_errors());
        comreg::MemoryBackend read;
        comreg::Diagnostics problems;
        INFO(reg.bytes.substr(0, 4000));
        REQUIRE(comreg::read_reg(reg.bytes, {}, read, problems));
        CHECK(read.dump() == expected_registry(plan).dump());
      }
    }
    CHECK(manifest_lines(*result.description, core) ==
          manifest_lines(*baseline.description, benign));
  }
  // The test means something only if both branches are taken.
  CHECK(refused + written == std::size(fields));
  CHECK(refused >= 3);
  CHECK(written >= 15);
}
