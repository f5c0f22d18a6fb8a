// GppWriter: the plan as Group Policy Preferences registry items (a Registry.xml for
// Machine\Preferences\Registry or User\Preferences\Registry of a GPO), so an administrator
// pushes the registration with the deployment engine already in place.
//
// Layout ([MS-GPPREF] 2.2.1.17 and what the Group Policy Management Console writes): a
// RegistrySettings root, one Collection named after the description, in it one Collection per
// key holding a Registry item per value (or one key-only item for a key without values).
// Install items use action U (update: create or overwrite what the item names, keep the
// rest). With `uninstall`, owned roots get one key item with action D (the key and its tree);
// shared keys and the keys of a tree another product may register too (an AppID, an
// interface, …) one D item per value the plan set. `uid` is a name-based GUID of the item's
// identity and `changed` a fixed time, so the file is reproducible; GPMC only displays them.
#include <cstdio>

#include "comreg/emit/installer_writers.hpp"
#include "emit/name_based_guid.hpp"
#include "emit/plan_keys.hpp"
#include "emit/xml_tree.hpp"

namespace comreg {
namespace {

constexpr const char* settings_clsid = "{A3CCFC41-DFDB-43a5-8D26-0FE8B954DA51}";
constexpr const char* collection_clsid = "{53B533F5-224C-47e3-B01B-CA3B3F3FF4BF}";
constexpr const char* registry_clsid = "{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}";
constexpr const char* fixed_changed = "2000-01-01 00:00:00";

class GppWriter {
 public:
  GppWriter(const Plan& plan, const InstallerWriteOptions& options, Diagnostics& diagnostics)
      : plan_(plan), options_(options), diagnostics_(diagnostics) {
    hive_ = plan.options.scope == Scope::machine ? "HKEY_LOCAL_MACHINE" : "HKEY_CURRENT_USER";
  }

  // Written as it goes: a tree of the whole document held ten times the file's size.
  std::string run() {
    out_.reserve(4096 + plan_.ops.size() * 400);  // about 310 bytes an operation
    out_.start("RegistrySettings");
    out_.attr("clsid", settings_clsid);
    collection(options_.name);
    for (const auto& k : plan_keys(plan_)) {
      if (options_.uninstall && !k.deletes_tree() && !k.removes_values_only()) continue;
      if (options_.uninstall && k.removes_values_only() && k.values.empty()) continue;
      // The GPP extension writes through the 64-bit view: 32-bit keys get their Wow6432Node path.
      const std::string key = classes_path(physical_key(k.key->key, plan_.options.view));
      collection(k.key->key);
      if (options_.uninstall) {
        if (k.deletes_tree()) {
          item(key, nullptr, 'D');
        } else {
          for (const Operation* v : k.values) item(key, v, 'D');
        }
      } else if (k.values.empty()) {
        item(key, nullptr, 'U');
      } else {
        for (const Operation* v : k.values) item(key, v, 'U');
      }
      out_.end();
    }
    out_.end();
    out_.end();
    return out_.finish();
  }

 private:
  // Starts a Collection; the caller ends it.
  void collection(const std::string& name) {
    out_.start("Collection");
    out_.attr("clsid", collection_clsid);
    out_.attr("name", name);
  }

  // GPMC's images: key items 0-3, string values 5-8, numbers 10-13, binary 15-18, each in
  // the order create, replace, update, delete.
  static int image(const Operation* v, char action) {
    const int offset = action == 'C' ? 0 : action == 'R' ? 1 : action == 'U' ? 2 : 3;
    if (v == nullptr) return offset;
    switch (v->value.type) {
      case RegType::dword:
      case RegType::qword:
        return 10 + offset;
      case RegType::binary:
        return 15 + offset;
      default:
        return 5 + offset;
    }
  }

  void item(const std::string& key, const Operation* v, char action) {
    const std::string value_name = v == nullptr ? "" : v->name;
    const std::string shown = v == nullptr         ? key.substr(key.rfind('\\') + 1)
                              : value_name.empty() ? "(Default)"
                                                   : value_name;
    const std::string identity = std::string("gpp-item\n") + options_.name + "\n" + hive_ + "\n" +
                                 key + "\n" + (v == nullptr ? "key" : "value:" + value_name) +
                                 "\n" + action;
    out_.start("Registry");
    out_.attr("clsid", registry_clsid);
    out_.attr("name", shown);
    out_.attr("status", shown);
    out_.attr("image", std::to_string(image(v, action)));
    out_.attr("changed", fixed_changed);
    out_.attr("uid", name_based_guid(comreg_guid_namespace, identity));
    out_.start("Properties");
    out_.attr("action", std::string(1, action));
    out_.attr("displayDecimal", "0");
    out_.attr("default", v != nullptr && value_name.empty() ? "1" : "0");
    out_.attr("hive", hive_);
    out_.attr("key", key);
    out_.attr("name", value_name);
    if (v == nullptr) {
      out_.attr("type", "");
      out_.attr("value", "");
    } else {
      value(*v, action == 'D');
    }
    out_.end();
    out_.end();
  }

  // The attributes (and the <Values> child) of a value item's Properties.
  void value(const Operation& op, bool remove) {
    const RegValue& v = op.value;
    char buf[32];
    std::string type = reg_type_name(v.type), data;
    switch (v.type) {
      case RegType::sz:
      case RegType::expand_sz:
        data = v.text;
        break;
      case RegType::dword:
        std::snprintf(buf, sizeof buf, "%08X", static_cast<unsigned>(v.number));
        data = buf;
        break;
      case RegType::qword:
        std::snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(v.number));
        data = buf;
        break;
      case RegType::binary:
        for (std::uint8_t b : v.raw_bytes()) {
          std::snprintf(buf, sizeof buf, data.empty() ? "%02x" : " %02x", static_cast<unsigned>(b));
          data += buf;
        }
        break;
      case RegType::multi_sz:
        for (const auto& s : v.strings) {
          if (s.find(' ') != std::string::npos && !remove) {
            diagnostics_.warning("gpp-multi-sz-space",
                                 "value '" + op.name + "' of key " + op.key +
                                     " has a string with a space; GPMC shows the list space-"
                                     "separated, the <Values> list is what is applied",
                                 {"", 0, 0, plan_.origin_of(op)});
          }
          data += (data.empty() ? "" : " ") + s;
        }
        break;
      default:
        diagnostics_.error("unrepresentable-value",
                           "value '" + op.name + "' of key " + op.key + " is of type " + type +
                               ", which Group Policy Preferences cannot write",
                           {"", 0, 0, plan_.origin_of(op)},
                           "use REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD, REG_MULTI_SZ or "
                           "REG_BINARY");
        return;
    }
    if (remove) data.clear();
    if (!remove && plan_.symbolic_of(op) != nullptr) {
      diagnostics_.error("undefined-placeholder", "Group Policy Preferences need literal paths",
                         {"", 0, 0, plan_.origin_of(op)}, "pass --define NAME=VALUE");
    }
    out_.attr("type", type);
    out_.attr("value", data);
    if (v.type == RegType::multi_sz && !remove) {
      out_.start("Values");
      for (const auto& s : v.strings) {
        out_.start("Value");
        out_.text(s);
        out_.end();
      }
      out_.end();
    }
  }

  const Plan& plan_;
  const InstallerWriteOptions& options_;
  Diagnostics& diagnostics_;
  std::string hive_;
  xml::DocumentWriter out_;
};

}  // namespace

InstallerWriteResult write_gpp(const Plan& plan, const InstallerWriteOptions& options) {
  InstallerWriteResult result;
  std::string text = GppWriter(plan, options, result.diagnostics).run();
  if (!result.diagnostics.has_errors()) result.text = std::move(text);
  return result;
}

}  // namespace comreg
