// The installer formats (WiX, .rgs, Inno Setup, GPP) and selfreg.cpp on every sample: golden
// files byte for byte, and each output read back (tinyxml2, the .rgs reader, a small [Registry]
// line reader) and compared with the plan it came from: the same keys, values, types and
// uninstall rules.
// Regenerate after an intended change with: COMREG_UPDATE_GOLDEN=1
// build/tests/test_installers_golden
#include <tinyxml2.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "comreg/core/guid.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/emit/installer_writers.hpp"
#include "comreg/emit/selfreg_writer.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/readers/rgs_reader.hpp"
#include "core/ascii.hpp"
#include "support/test_files.hpp"

namespace {

using comreg::testing::compare_golden;
using comreg::testing::read_file;
using comreg::testing::source_path;

const std::string installdir = "C:\\Program Files\\Fabrikam";

// The sample with ${installdir} defined, or kept symbolic when `dir_define` is empty.
comreg::Description load_sample(const std::string& name, const std::string& dir_define) {
  comreg::LoadOptions options;
  if (dir_define.empty()) {
    options.symbolic = {"installdir"};
  } else {
    options.defines["installdir"] = dir_define;
  }
  const std::string file = "samples/" + name + ".json";
  auto result = comreg::load_description(read_file(source_path(file)), file, options);
  INFO(comreg::format_diagnostics_json(result.diagnostics));
  REQUIRE(result.description);
  return std::move(*result.description);
}

// What a registration says, in a form every format can be read back into. Uninstall rules are
// those of a format without reference counts: a tree another product may register too
// (Operation::shareable) is not an owned root, and each of its keys is treated as shared.
struct Registration {
  std::set<std::string> keys;             // folded, below the classes root
  std::set<std::string> owned_roots;      // folded
  std::set<std::string> shared;           // folded
  std::set<std::string> shareable_roots;  // folded: WiX gives each a component of its own
  std::multiset<std::string> values;      // "key|name|type|display", key folded
  std::vector<std::pair<std::string, std::string>> components;  // WiX: Id and Guid, in order
};

std::string value_line(const std::string& key, const std::string& name, const comreg::RegValue& v) {
  return comreg::text::fold_case(key) + "|" + name + "|" + comreg::reg_type_name(v.type) + "|" +
         v.display();
}

// Whether `key` (folded) is `root` or below it.
bool in_tree(const std::string& key, const std::string& root) {
  return key == root || (key.size() > root.size() && key.compare(0, root.size(), root) == 0 &&
                         key[root.size()] == '\\');
}

bool in_any_tree(const std::string& key, const std::set<std::string>& roots) {
  for (const auto& root : roots) {
    if (in_tree(key, root)) return true;
  }
  return false;
}

Registration from_plan(const comreg::Plan& plan) {
  Registration r;
  for (const auto& op : plan.ops) {
    if (op.kind == comreg::OpKind::create_key && op.shareable)
      r.shareable_roots.insert(comreg::text::fold_case(op.key));
  }
  for (const auto& op : plan.ops) {
    const std::string k = comreg::text::fold_case(op.key);
    if (op.kind == comreg::OpKind::create_key) {
      r.keys.insert(k);
      if (op.ownership == comreg::Ownership::shared || in_any_tree(k, r.shareable_roots))
        r.shared.insert(k);
    } else {
      r.values.insert(value_line(op.key, op.name, op.value));
    }
  }
  for (const auto& root : comreg::owned_roots(plan)) {
    const std::string k = comreg::text::fold_case(root);
    if (!in_any_tree(k, r.shareable_roots)) r.owned_roots.insert(k);
  }
  return r;
}

std::string below_classes(const std::string& key) {
  const std::string prefix = "Software\\Classes\\";
  REQUIRE(key.substr(0, prefix.size()) == prefix);
  return key.substr(prefix.size());
}

std::vector<std::uint8_t> hex_bytes(const std::string& hex) {
  std::vector<std::uint8_t> out;
  std::string digits;
  for (char c : hex) {
    if (c != ' ') digits.push_back(c);
  }
  REQUIRE(digits.size() % 2 == 0);
  for (std::size_t i = 0; i < digits.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
  return out;
}

const char* attr(const tinyxml2::XMLElement* e, const char* name) {
  const char* v = e->Attribute(name);
  return v == nullptr ? "" : v;
}

// The keys and values of one WiX component (v4 or v3), into `r`.
void read_wix_keys(const tinyxml2::XMLElement* component, const comreg::PlanOptions& options,
                   comreg::WixSchema schema, Registration& r) {
  for (auto* k = component->FirstChildElement("RegistryKey"); k != nullptr;
       k = k->NextSiblingElement("RegistryKey")) {
    CHECK(std::string(attr(k, "Root")) ==
          (options.scope == comreg::Scope::machine ? "HKLM" : "HKCU"));
    const std::string key = below_classes(attr(k, "Key"));
    const std::string folded = comreg::text::fold_case(key);
    r.keys.insert(folded);
    if (std::string(attr(k, "ForceDeleteOnUninstall")) == "yes") r.owned_roots.insert(folded);
    for (auto* v = k->FirstChildElement("RegistryValue"); v != nullptr;
         v = v->NextSiblingElement("RegistryValue")) {
      const std::string type = attr(v, "Type"), text = attr(v, "Value");
      comreg::RegValue value;
      if (type == "string") value = comreg::RegValue::sz(text);
      if (type == "expandable") value = comreg::RegValue::expand_sz(text);
      if (type == "integer")
        value = comreg::RegValue::dword(static_cast<std::uint32_t>(std::stoul(text)));
      if (type == "binary") value = comreg::RegValue::binary(hex_bytes(text));
      if (type == "multiString") {
        std::vector<std::string> strings;
        for (auto* m = v->FirstChildElement("MultiStringValue"); m != nullptr;
             m = m->NextSiblingElement("MultiStringValue")) {
          // v4: the Value attribute; v3: the element's text.
          const char* t = m->GetText();
          strings.emplace_back(schema == comreg::WixSchema::v4 ? attr(m, "Value")
                               : t == nullptr                  ? ""
                                                               : t);
        }
        value = comreg::RegValue::multi_sz(strings);
      }
      REQUIRE(value.type != comreg::RegType::none);
      r.values.insert(value_line(key, attr(v, "Name"), value));
    }
  }
}

Registration from_wix(const std::string& xml, const comreg::PlanOptions& options,
                      comreg::WixSchema schema = comreg::WixSchema::v4) {
  const bool v4 = schema == comreg::WixSchema::v4;
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  const auto* wix = doc.RootElement();
  REQUIRE(std::string(wix->Name()) == "Wix");
  CHECK(std::string(attr(wix, "xmlns")) ==
        (v4 ? "http://wixtoolset.org/schemas/v4/wxs" : "http://schemas.microsoft.com/wix/2006/wi"));
  const auto* group = wix->FirstChildElement("Fragment")->FirstChildElement("ComponentGroup");
  REQUIRE(group != nullptr);
  Registration r;
  std::set<std::string> guids;
  for (auto* component = group->FirstChildElement("Component"); component != nullptr;
       component = component->NextSiblingElement("Component")) {
    CHECK(comreg::normalize_guid(attr(component, "Guid")).has_value());
    CHECK(guids.insert(attr(component, "Guid")).second);
    if (v4) {
      CHECK(std::string(attr(component, "Bitness")) ==
            (options.view == comreg::View::v32 ? "always32" : "always64"));
    } else {
      CHECK(std::string(attr(component, "Bitness")).empty());
      CHECK(std::string(attr(component, "Win64")) ==
            (options.view == comreg::View::v32 ? "no" : "yes"));
    }
    const std::string id = attr(component, "Id");
    const std::string own = ".Registry";  // the product's own component; the others are shared
    const bool shareable =
        id.size() < own.size() || id.compare(id.size() - own.size(), own.size(), own) != 0;
    std::string first;
    int key_paths = 0, values = 0;
    for (auto* k = component->FirstChildElement("RegistryKey"); k != nullptr;
         k = k->NextSiblingElement("RegistryKey")) {
      const std::string folded = comreg::text::fold_case(below_classes(attr(k, "Key")));
      if (first.empty()) first = folded;
      // A shareable component is one tree, which Windows Installer never deletes whole.
      if (shareable) {
        CHECK(in_tree(folded, first));
        CHECK(std::string(attr(k, "ForceDeleteOnUninstall")).empty());
      }
      for (auto* v = k->FirstChildElement("RegistryValue"); v != nullptr;
           v = v->NextSiblingElement("RegistryValue")) {
        key_paths += std::string(attr(v, "KeyPath")) == "yes";
        ++values;
      }
    }
    if (shareable) r.shareable_roots.insert(first);
    CHECK(key_paths == (values > 0 ? 1 : 0));
    r.components.emplace_back(attr(component, "Id"), attr(component, "Guid"));
    read_wix_keys(component, options, schema, r);
  }
  return r;
}

// Splits "Param: value; Param: "quoted; value"" into its parameters, quotes undone.
std::map<std::string, std::string> inno_params(const std::string& line) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    const std::size_t colon = line.find(": ", i);
    REQUIRE(colon != std::string::npos);
    const std::string name = line.substr(i, colon - i);
    i = colon + 2;
    std::string value;
    if (line[i] == '"') {
      for (++i;; ++i) {
        REQUIRE(i < line.size());
        if (line[i] == '"' && (i + 1 >= line.size() || line[i + 1] != '"')) break;
        if (line[i] == '"' || (line[i] == '{' && line[i + 1] == '{')) ++i;
        value.push_back(line[i]);
      }
      ++i;
    } else {
      const std::size_t end = line.find(';', i);
      value = line.substr(i, end == std::string::npos ? end : end - i);
      i = end == std::string::npos ? line.size() : end;
    }
    out[name] = value;
    if (i < line.size()) {
      REQUIRE(line.compare(i, 2, "; ") == 0);
      i += 2;
    }
  }
  return out;
}

Registration from_inno(const std::string& text, const comreg::PlanOptions& options) {
  REQUIRE(text.rfind("[Registry]\n", 0) == 0);
  Registration r;
  std::size_t pos = text.find('\n') + 1;
  const std::string root = std::string(options.scope == comreg::Scope::machine ? "HKLM" : "HKCU") +
                           (options.view == comreg::View::v32 ? "32" : "64");
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    auto p = inno_params(text.substr(pos, end - pos));
    pos = end + 1;
    CHECK(p["Root"] == root);
    const std::string key = below_classes(p["Subkey"]);
    const std::string folded = comreg::text::fold_case(key);
    r.keys.insert(folded);
    if (p["Flags"] == "uninsdeletekey") r.owned_roots.insert(folded);
    if (p["Flags"] == "uninsdeletekeyifempty") r.shared.insert(folded);
    const std::string type = p.count("ValueType") ? p["ValueType"] : "none";
    if (type == "none") continue;
    CHECK((p["Flags"] == "uninsdeletevalue") == (r.shared.count(folded) != 0));
    const std::string data = p["ValueData"];
    comreg::RegValue value;
    if (type == "string") value = comreg::RegValue::sz(data);
    if (type == "expandsz") value = comreg::RegValue::expand_sz(data);
    if (type == "dword")
      value = comreg::RegValue::dword(
          static_cast<std::uint32_t>(std::stoul(data.substr(1), nullptr, 16)));
    if (type == "qword") value = comreg::RegValue::qword(std::stoull(data.substr(1), nullptr, 16));
    if (type == "binary") value = comreg::RegValue::binary(hex_bytes(data));
    if (type == "multisz") {
      std::vector<std::string> strings(1);
      for (std::size_t i = 0; i < data.size(); ++i) {
        if (data.compare(i, 7, "{break}") == 0) {
          strings.emplace_back();
          i += 6;
        } else {
          strings.back().push_back(data[i]);
        }
      }
      value = comreg::RegValue::multi_sz(strings);
    }
    REQUIRE(value.type != comreg::RegType::none);
    r.values.insert(value_line(key, p["ValueName"], value));
  }
  return r;
}

Registration from_gpp(const std::string& xml, const comreg::PlanOptions& options, char action) {
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  const auto* settings = doc.RootElement();
  REQUIRE(std::string(settings->Name()) == "RegistrySettings");
  CHECK(std::string(attr(settings, "clsid")) == "{A3CCFC41-DFDB-43a5-8D26-0FE8B954DA51}");
  const auto* all = settings->FirstChildElement("Collection");
  REQUIRE(all != nullptr);
  Registration r;
  std::set<std::string> uids;
  for (auto* c = all->FirstChildElement("Collection"); c != nullptr;
       c = c->NextSiblingElement("Collection")) {
    CHECK(std::string(attr(c, "clsid")) == "{53B533F5-224C-47e3-B01B-CA3B3F3FF4BF}");
    for (auto* item = c->FirstChildElement("Registry"); item != nullptr;
         item = item->NextSiblingElement("Registry")) {
      CHECK(std::string(attr(item, "clsid")) == "{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}");
      CHECK(uids.insert(attr(item, "uid")).second);
      const auto* p = item->FirstChildElement("Properties");
      REQUIRE(p != nullptr);
      CHECK(std::string(attr(p, "action")) == std::string(1, action));
      CHECK(std::string(attr(p, "hive")) ==
            (options.scope == comreg::Scope::machine ? "HKEY_LOCAL_MACHINE" : "HKEY_CURRENT_USER"));
      const std::string key = below_classes(attr(p, "key"));
      const std::string folded = comreg::text::fold_case(key);
      CHECK(folded == comreg::text::fold_case(attr(c, "name")));
      r.keys.insert(folded);
      const std::string type = attr(p, "type"), name = attr(p, "name"), data = attr(p, "value");
      CHECK((std::string(attr(p, "default")) == "1") == (name.empty() && !type.empty()));
      if (type.empty()) {
        if (action == 'D') r.owned_roots.insert(folded);
        continue;
      }
      if (action == 'D') {  // a removal names the value, with no data to read
        r.shared.insert(folded);
        CHECK(data.empty());
        r.values.insert(folded + "|" + name);
        continue;
      }
      comreg::RegValue value;
      if (type == "REG_SZ") value = comreg::RegValue::sz(data);
      if (type == "REG_EXPAND_SZ") value = comreg::RegValue::expand_sz(data);
      if (type == "REG_DWORD")
        value = comreg::RegValue::dword(static_cast<std::uint32_t>(std::stoul(data, nullptr, 16)));
      if (type == "REG_QWORD") value = comreg::RegValue::qword(std::stoull(data, nullptr, 16));
      if (type == "REG_BINARY") value = comreg::RegValue::binary(hex_bytes(data));
      if (type == "REG_MULTI_SZ") {
        std::vector<std::string> strings;
        for (auto* v = p->FirstChildElement("Values")->FirstChildElement("Value"); v != nullptr;
             v = v->NextSiblingElement("Value"))
          strings.emplace_back(v->GetText() == nullptr ? "" : v->GetText());
        value = comreg::RegValue::multi_sz(strings);
      }
      REQUIRE(value.type != comreg::RegType::none);
      r.values.insert(value_line(key, name, value));
    }
  }
  return r;
}

void walk_rgs(const comreg::RgsKey& k, const std::string& path, bool inside_plan,
              const std::map<std::string, std::string>& replacements, Registration& r,
              std::set<std::string>& no_remove) {
  const std::string folded = comreg::text::fold_case(path);
  r.keys.insert(folded);
  if (k.flag == comreg::RgsFlag::force_remove) r.owned_roots.insert(folded);
  if (k.flag == comreg::RgsFlag::no_remove) no_remove.insert(folded);
  const auto add = [&](const std::string& name, const comreg::RgsValue& v) {
    std::string error;
    const auto value = comreg::rgs_to_reg_value(v, replacements, &error);
    INFO(error);
    REQUIRE(value);
    r.values.insert(value_line(path, name, *value));
  };
  if (k.default_value) add("", *k.default_value);
  for (const auto& [name, v] : k.values) add(name, v);
  for (const auto& c : k.children) {
    walk_rgs(c, path + "\\" + c.name, inside_plan, replacements, r, no_remove);
  }
}

// `rgs_root`: HKCR, or the scope's HKLM/HKCU with Software\Classes below it.
Registration from_rgs(const std::string& text, const comreg::PlanOptions& options,
                      const Registration& expected, comreg::RgsRoot rgs_root,
                      const std::map<std::string, std::string>& replacements = {}) {
  const auto read = comreg::read_rgs(text, "generated.rgs");
  INFO(comreg::format_diagnostics_json(read.diagnostics));
  REQUIRE_FALSE(read.diagnostics.has_errors());
  REQUIRE(read.roots.size() == 1);
  const auto* classes = &read.roots[0];
  if (rgs_root == comreg::RgsRoot::classes_root) {
    CHECK(classes->name == "HKCR");
  } else {
    const auto& root = read.roots[0];
    CHECK(root.name == (options.scope == comreg::Scope::machine ? "HKLM" : "HKCU"));
    REQUIRE(root.children.size() == 1);
    REQUIRE(root.children[0].name == "Software");
    CHECK(root.children[0].flag == comreg::RgsFlag::no_remove);
    REQUIRE(root.children[0].children.size() == 1);
    classes = &root.children[0].children[0];
    REQUIRE(classes->name == "Classes");
    CHECK(classes->flag == comreg::RgsFlag::no_remove);
  }
  Registration r;
  std::set<std::string> no_remove;
  for (const auto& c : classes->children) walk_rgs(c, c.name, false, replacements, r, no_remove);
  // Keys above the plan's own (CLSID, TypeLib…) are NoRemove; plan keys are NoRemove exactly
  // when shared.
  for (const auto& k : r.keys) {
    if (expected.keys.count(k) == 0) CHECK(no_remove.count(k) == 1);
  }
  for (const auto& k : no_remove) {
    if (expected.keys.count(k) != 0) r.shared.insert(k);
  }
  std::set<std::string> planned;
  for (const auto& k : r.keys) {
    if (expected.keys.count(k) != 0) planned.insert(k);
  }
  r.keys = planned;
  return r;
}

void check_same(const Registration& got, const Registration& expected, bool check_shared) {
  CHECK(got.keys == expected.keys);
  CHECK(got.owned_roots == expected.owned_roots);
  if (check_shared) CHECK(got.shared == expected.shared);
  CHECK(got.values == expected.values);
}

comreg::InstallerWriteResult require_ok(comreg::InstallerWriteResult result) {
  INFO(comreg::format_diagnostics_json(result.diagnostics));
  REQUIRE_FALSE(result.diagnostics.has_errors());
  REQUIRE_FALSE(result.text.empty());
  return result;
}

}  // namespace

TEST_CASE("Installer formats: every sample, read back and compared with the plan", "[golden]") {
  const std::string sample =
      GENERATE(as<std::string>{}, "contoso-widgets", "inproc-typelib", "local-server", "surrogate",
               "activex-control", "remote-client");
  CAPTURE(sample);
  const auto description = load_sample(sample, installdir);
  comreg::InstallerWriteOptions options;
  options.name = description.assembly.name;

  for (const comreg::PlanOptions plan_options :
       {comreg::PlanOptions{comreg::Scope::machine, comreg::View::v64},
        comreg::PlanOptions{comreg::Scope::user, comreg::View::v32}}) {
    const auto plan = comreg::make_plan(description, plan_options);
    const Registration expected = from_plan(plan);
    const std::string variant =
        std::string(plan_options.scope == comreg::Scope::machine ? "machine" : "user") + "-" +
        comreg::to_string(plan_options.view);
    CAPTURE(variant);

    const auto wix = require_ok(comreg::write_wix(plan, options));
    CHECK(compare_golden(sample + "/install-" + variant + ".wxs", wix.text).empty());
    const Registration from_wxs = from_wix(wix.text, plan_options);
    check_same(from_wxs, expected, false);
    CHECK(from_wxs.shareable_roots == expected.shareable_roots);
    // WiX v3: the same content in v3's words, and the same components (Ids and GUIDs), so a v3
    // and a v4 product that share a tree name one component.
    comreg::InstallerWriteOptions v3 = options;
    v3.wix_schema = comreg::WixSchema::v3;
    const auto wix3 = require_ok(comreg::write_wix(plan, v3));
    CHECK(compare_golden(sample + "/install-" + variant + ".wix3.wxs", wix3.text).empty());
    const Registration from_wxs3 = from_wix(wix3.text, plan_options, comreg::WixSchema::v3);
    check_same(from_wxs3, expected, false);
    CHECK(from_wxs3.shareable_roots == expected.shareable_roots);
    CHECK(from_wxs3.owned_roots == from_wxs.owned_roots);
    CHECK(from_wxs3.components == from_wxs.components);

    // .rgs: rooted at HKCR (the default, as ATL projects do) for machine-64, at the scope's
    // own root for user-32.
    comreg::InstallerWriteOptions rgs_options = options;
    if (plan_options.scope == comreg::Scope::user) rgs_options.rgs_root = comreg::RgsRoot::scope;
    const auto rgs = require_ok(comreg::write_rgs(plan, rgs_options));
    CHECK(compare_golden(sample + "/install-" + variant + ".rgs", rgs.text).empty());
    check_same(from_rgs(rgs.text, plan_options, expected, rgs_options.rgs_root), expected, true);

    const auto inno = require_ok(comreg::write_inno(plan, options));
    CHECK(compare_golden(sample + "/install-" + variant + ".iss", inno.text).empty());
    check_same(from_inno(inno.text, plan_options), expected, true);

    if (plan_options.view == comreg::View::v64) {
      const auto gpp = require_ok(comreg::write_gpp(plan, options));
      CHECK(compare_golden(sample + "/Registry-" + variant + ".xml", gpp.text).empty());
      Registration got = from_gpp(gpp.text, plan_options, 'U');
      CHECK(got.keys == expected.keys);
      CHECK(got.values == expected.values);

      comreg::InstallerWriteOptions remove = options;
      remove.uninstall = true;
      const auto gpp_remove = require_ok(comreg::write_gpp(plan, remove));
      CHECK(compare_golden(sample + "/Registry-uninstall-" + variant + ".xml", gpp_remove.text)
                .empty());
      const Registration removed = from_gpp(gpp_remove.text, plan_options, 'D');
      CHECK(removed.owned_roots == expected.owned_roots);
      std::multiset<std::string> shared_values;
      for (const auto& op : plan.ops) {
        const std::string k = comreg::text::fold_case(op.key);
        if (op.kind == comreg::OpKind::set_value && expected.shared.count(k) != 0)
          shared_values.insert(k + "|" + op.name);
      }
      CHECK(removed.values == shared_values);
    }
  }
}

TEST_CASE("Installer formats: ${installdir} as the installer's own reference", "[golden]") {
  const auto description = load_sample("contoso-widgets", "");
  const auto plan = comreg::make_plan(description, {comreg::Scope::machine, comreg::View::v64});
  comreg::InstallerWriteOptions options;
  options.name = description.assembly.name;

  options.references = {{"installdir", "INSTALLFOLDER"}};
  const auto wix = require_ok(comreg::write_wix(plan, options));
  CHECK(compare_golden("contoso-widgets/install-property.wxs", wix.text).empty());
  CHECK(wix.text.find("Value=\"[INSTALLFOLDER]widgets.dll\"") != std::string::npos);
  CHECK(wix.text.find("Value=\"&quot;[INSTALLFOLDER]widgetsvc.exe&quot;\"") != std::string::npos);

  options.references = {{"installdir", "app"}};
  const auto inno = require_ok(comreg::write_inno(plan, options));
  CHECK(compare_golden("contoso-widgets/install-constant.iss", inno.text).empty());
  CHECK(inno.text.find("ValueData: \"{app}\\widgets.dll\"") != std::string::npos);

  options.references = {{"installdir", "INSTALLDIR"}};
  options.rgs_module = "WIDGETS.DLL";
  const auto rgs = require_ok(comreg::write_rgs(plan, options));
  CHECK(compare_golden("contoso-widgets/install-module.rgs", rgs.text).empty());
  CHECK(rgs.text.find("InprocServer32 = s '%MODULE%'") != std::string::npos);
  // Read back with the replacements the server's registrar would have.
  const auto resolved = load_sample("contoso-widgets", "C:\\Contoso Apps");
  const auto resolved_plan =
      comreg::make_plan(resolved, {comreg::Scope::machine, comreg::View::v64});
  const Registration expected = from_plan(resolved_plan);
  check_same(
      from_rgs(rgs.text, resolved_plan.options, expected, options.rgs_root,
               {{"MODULE", "C:\\Contoso Apps\\widgets.dll"}, {"INSTALLDIR", "C:\\Contoso Apps"}}),
      expected, true);

  // Without a reference the placeholder is an error, not a marker in the output.
  options.references.clear();
  for (auto writer :
       {comreg::write_wix, comreg::write_rgs, comreg::write_inno, comreg::write_gpp}) {
    const auto result = writer(plan, options);
    CHECK(result.diagnostics.has_errors());
    CHECK(result.text.empty());
  }
}

TEST_CASE("selfreg.cpp for every sample", "[golden]") {
  const std::string sample =
      GENERATE(as<std::string>{}, "contoso-widgets", "inproc-typelib", "local-server", "surrogate",
               "activex-control", "remote-client");
  CAPTURE(sample);
  const auto description = load_sample(sample, "");
  const comreg::PlanOptions options{comreg::Scope::machine, comreg::View::v64};
  comreg::SelfregWriteOptions write;
  write.source_name = sample + ".json";
  const auto result =
      require_ok(comreg::write_selfreg(comreg::make_plan(description, options), write));
  CHECK(compare_golden(sample + "/selfreg-machine-64.cpp.txt", result.text).empty());
}
