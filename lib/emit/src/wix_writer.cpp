// WixWriter: the plan as a WiX v4 fragment, so that an MSI registers declaratively (Registry
// table rows) instead of self-registering; in WiX v3's words on request (wix3_schema.hpp).
//
// The product's own Component holds its own keys; its GUID is name-based over the set of keys
// and value names (not their data): MSI's component rules ask for a new GUID exactly when the
// resources of a component change, and this gives one exactly then. Ownership becomes MSI's
// uninstall rules: owned roots ForceDeleteOnUninstall (the whole tree goes), shared keys only
// lose the values the component wrote (MSI removes its own Registry rows).
//
// A tree another product may register too (an AppID, an interface, a type library version, a
// version-independent ProgID, a category: Operation::shareable) is a Component of its own whose
// GUID is name-based over its root, view, keys and values with their data, as written: two
// products that write the same tree the same way name the same component, and Windows
// Installer keeps it until the last of them is gone. It is never ForceDeleteOnUninstall.
#include <cstdio>
#include <set>
#include <string_view>
#include <unordered_map>

#include "comreg/emit/installer_writers.hpp"
#include "emit/name_based_guid.hpp"
#include "emit/plan_keys.hpp"
#include "emit/symbolic_text.hpp"
#include "emit/wix3_schema.hpp"
#include "emit/xml_tree.hpp"

namespace comreg {
namespace {

// Registry Key, Name and Value columns are of the Formatted type: brackets are references.
std::string formatted(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '[') {
      out += "[\\[]";
    } else if (c == ']') {
      out += "[\\]]";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// WiX identifiers: [A-Za-z_][A-Za-z0-9_.]*, at most 72 characters.
std::string identifier(std::string_view name, std::string_view suffix) {
  std::string id;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.';
    id.push_back(ok ? c : '_');
  }
  if (id.empty() || (id[0] >= '0' && id[0] <= '9') || id[0] == '.') id.insert(0, "_");
  const std::size_t room = 72 - suffix.size();
  if (id.size() > room) id.resize(room);
  return id + std::string(suffix);
}

class WixWriter {
 public:
  WixWriter(const Plan& plan, const InstallerWriteOptions& options, Diagnostics& diagnostics)
      : plan_(plan), options_(options), diagnostics_(diagnostics) {}

  // Written as it goes, one RegistryKey at a time: a tree of the whole document held twelve
  // times the file's size. A shareable tree is small and its GUID comes from its content, so
  // it is built whole first.
  std::string run() {
    const auto keys = plan_keys(plan_);
    const bool v3 = options_.wix_schema == WixSchema::v3;
    out_.reserve(4096 + plan_.ops.size() * 200);  // about 130 bytes an operation
    xml::Element wix{"Wix", {{"xmlns", "http://wixtoolset.org/schemas/v4/wxs"}}, {}, {}};
    if (v3) translate_to_wix3(wix);
    start(wix);
    out_.start("Fragment");
    out_.start("ComponentGroup");
    out_.attr("Id", identifier(options_.name, ".Registration"));
    out_.attr("Directory", options_.wix_directory);
    // The product's own keys, and each shareable tree's, grouped in one pass (plan order).
    std::vector<const PlanKey*> own;
    std::vector<std::vector<const PlanKey*>> trees;
    std::unordered_map<std::size_t, std::size_t> tree_of_root;  // root index -> trees index
    for (const auto& k : keys) {
      if (!k.shareable()) {
        own.push_back(&k);
        continue;
      }
      const auto [it, added] = tree_of_root.emplace(k.shareable_tree, trees.size());
      if (added) trees.emplace_back();
      trees[it->second].push_back(&k);
    }
    // A description of shareable keys only (a proxy/stub's interfaces) has no own component.
    if (!own.empty()) {
      xml::Element component{"Component", {}, {}, {}};
      component.attr("Id", identifier(options_.name, ".Registry"))
          .attr("Guid", component_guid(own))
          .attr("Bitness", bitness());
      if (v3) translate_to_wix3(component);
      start(component);
      registry_keys(own, [&](xml::Element&& key) {
        if (v3) translate_to_wix3(key);
        out_.write(key);
      });
      out_.end();
    }
    for (std::size_t i = 0; i < trees.size(); ++i) {
      xml::Element component{"Component", {}, {}, {}};
      component.attr("Id", identifier(options_.name, ".Shared" + std::to_string(i + 1)))
          .attr("Bitness", bitness());
      registry_keys(trees[i],
                    [&](xml::Element&& key) { component.children.push_back(std::move(key)); });
      // After the Id, as in the product's component; derived from what registry_keys() wrote.
      component.attributes.insert(component.attributes.begin() + 1,
                                  {"Guid", shareable_component_guid(component)});
      if (v3) translate_to_wix3(component);
      out_.write(component);
    }
    out_.end();  // ComponentGroup
    out_.end();  // Fragment
    out_.end();  // Wix
    return out_.finish();
  }

 private:
  // `s` in a Formatted column; the placeholders of `symbolic` (null: none) as properties.
  std::string text(std::string_view s, const Operation& op, const SymbolicValue* symbolic) {
    std::string unknown;
    std::string out =
        apply_splices(s, reference_splices(symbolic, s, properties(), true, &unknown), formatted);
    if (!unknown.empty() && reported_.insert(unknown).second) {  // once per name
      diagnostics_.error("undefined-placeholder",
                         "placeholder '${" + unknown + "}' has neither a --define nor a --property",
                         {"", 0, 0, plan_.origin_of(op)},
                         "pass --property " + unknown +
                             "=INSTALLFOLDER (a directory property) or "
                             "--define " +
                             unknown + "=VALUE");
    }
    return out;
  }

  const std::map<std::string, std::string>& properties() {
    if (properties_.empty()) {
      for (const auto& [name, property] : options_.references)
        properties_[name] = "[" + property + "]";
    }
    return properties_;
  }

  void value(xml::Element& e, const Operation& op) {
    const RegValue& v = op.value;
    char buf[32];
    switch (v.type) {
      case RegType::sz:
        e.attr("Type", "string").attr("Value", text(v.text, op, plan_.symbolic_of(op)));
        return;
      case RegType::expand_sz:
        e.attr("Type", "expandable").attr("Value", text(v.text, op, plan_.symbolic_of(op)));
        return;
      case RegType::dword:
        std::snprintf(buf, sizeof buf, "%u", static_cast<unsigned>(v.number));
        e.attr("Type", "integer").attr("Value", buf);
        return;
      case RegType::multi_sz:
        e.attr("Type", "multiString");
        for (const auto& s : v.strings)
          e.child("MultiStringValue").attr("Value", text(s, op, nullptr));
        return;
      case RegType::binary: {
        std::string hex;
        for (std::uint8_t b : v.raw_bytes()) {
          std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned>(b));
          hex += buf;
        }
        e.attr("Type", "binary").attr("Value", hex);
        return;
      }
      default:
        diagnostics_.error("unrepresentable-value",
                           "value '" + op.name + "' of key " + op.key + " is of type " +
                               reg_type_name(v.type) + ", which WiX's RegistryValue cannot write",
                           {"", 0, 0, plan_.origin_of(op)},
                           "use REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_MULTI_SZ or REG_BINARY");
    }
  }

  // Starts `e` with its attributes; the caller writes its children and ends it.
  void start(const xml::Element& e) {
    out_.start(e.name);
    for (const auto& [key, value] : e.attributes) out_.attr(key, value);
  }

  const char* bitness() const { return plan_.options.view == View::v32 ? "always32" : "always64"; }

  // The component's keys and their values, each RegistryKey handed to `put` when complete;
  // the first value is the component's KeyPath.
  template <typename Put>
  void registry_keys(const std::vector<const PlanKey*>& keys, Put put) {
    const char* root = plan_.options.scope == Scope::machine ? "HKLM" : "HKCU";
    bool key_path = false;
    for (const PlanKey* k : keys) {
      xml::Element key{"RegistryKey", {}, {}, {}};
      key.attr("Root", root).attr("Key", text(classes_path(k->key->key), *k->key, nullptr));
      // An empty key is only created when asked for; owned roots go whole on uninstall.
      if (k->values.empty()) key.attr("ForceCreateOnInstall", "yes");
      if (k->deletes_tree()) key.attr("ForceDeleteOnUninstall", "yes");
      for (const Operation* v : k->values) {
        xml::Element& value = key.child("RegistryValue");
        if (!v->name.empty()) value.attr("Name", text(v->name, *v, nullptr));
        this->value(value, *v);
        if (!key_path) {
          value.attr("KeyPath", "yes");
          key_path = true;
        }
      }
      put(std::move(key));
    }
  }

  // Keys and value names only: the identity of the component's resources.
  std::string component_guid(const std::vector<const PlanKey*>& keys) const {
    std::string name = "wix-component\n" + options_.name + "\n" + to_string(plan_.options.scope) +
                       "\n" + to_string(plan_.options.view) + "\n";
    for (const PlanKey* k : keys) {
      name += k->key->key + "\n";
      for (const Operation* v : k->values) name += "\t" + v->name + "\n";
    }
    return name_based_guid(comreg_guid_namespace, name);
  }

  // Everything the component writes, as written (root, keys, value names, types and data,
  // in plan order), and nothing of the product: the same content gives the same GUID in
  // every product. Each text is length-prefixed, so no two contents spell the same name.
  static std::string shareable_component_guid(const xml::Element& component) {
    std::string name = "wix-shareable-component\n";
    const auto put = [&name](std::string_view s) {
      name += std::to_string(s.size()) + ":";
      name += s;
    };
    const auto element = [&put](const xml::Element& e, const auto& self) -> void {
      put(e.name);
      for (const auto& [attribute, value] : e.attributes) {
        if (attribute == "Id") continue;  // the product's name for it, not content
        put(attribute);
        put(value);
      }
      put(e.text);
      for (const auto& c : e.children) self(c, self);
      put("/");
    };
    element(component, element);
    return name_based_guid(comreg_guid_namespace, name);
  }

  const Plan& plan_;
  const InstallerWriteOptions& options_;
  Diagnostics& diagnostics_;
  std::set<std::string> reported_;  // placeholders already reported
  std::map<std::string, std::string> properties_;
  xml::DocumentWriter out_;
};

}  // namespace

InstallerWriteResult write_wix(const Plan& plan, const InstallerWriteOptions& options) {
  InstallerWriteResult result;
  std::string text = WixWriter(plan, options, result.diagnostics).run();
  if (!result.diagnostics.has_errors()) result.text = std::move(text);
  return result;
}

}  // namespace comreg
