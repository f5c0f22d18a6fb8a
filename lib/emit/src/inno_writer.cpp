// InnoWriter: the plan as an Inno Setup [Registry] section.
//
// Ownership becomes Inno's uninstall flags: uninsdeletekey on owned roots (the tree goes),
// uninsdeletekeyifempty on shared keys and on every key of a tree another product may register
// too (an AppID, an interface, …), and uninsdeletevalue on the values set in them. The view is
// the root's suffix (HKLM64, HKCU32, …), which Inno applies without redirecting.
#include <cstdio>
#include <set>

#include "comreg/emit/installer_writers.hpp"
#include "emit/plan_keys.hpp"
#include "emit/symbolic_text.hpp"

namespace comreg {
namespace {

// Text inside a quoted parameter value: '"' doubled, '{' doubled (it starts a constant).
std::string escaped(std::string_view s) {
  std::string out;
  for (char c : s) {
    out.push_back(c);
    if (c == '"' || c == '{') out.push_back(c);
  }
  return out;
}

class InnoWriter {
 public:
  InnoWriter(const Plan& plan, const InstallerWriteOptions& options, Diagnostics& diagnostics)
      : plan_(plan), diagnostics_(diagnostics) {
    for (const auto& [name, constant] : options.references) constants_[name] = "{" + constant + "}";
    root_ = plan.options.scope == Scope::machine ? "HKLM" : "HKCU";
    root_ += plan.options.view == View::v32 ? "32" : "64";
  }

  std::string run() {
    std::string out = "[Registry]\n";
    for (const auto& k : plan_keys(plan_)) {
      const std::string subkey = text(classes_path(k.key->key), *k.key, nullptr);
      // The key's own entry carries its uninstall rule (and creates it when it has no values).
      if (k.deletes_tree() || k.removes_values_only() || k.values.empty()) {
        out += "Root: " + root_ + "; Subkey: " + subkey;
        if (k.deletes_tree()) out += "; Flags: uninsdeletekey";
        if (k.removes_values_only()) out += "; Flags: uninsdeletekeyifempty";
        out += "\n";
      }
      for (const Operation* v : k.values) {
        const std::string data = value(*v);  // "type; ValueData: data"
        const std::size_t semicolon = data.find(';');
        out += "Root: " + root_ + "; Subkey: " + subkey +
               "; ValueType: " + data.substr(0, semicolon) +
               "; ValueName: " + text(v->name, *v, nullptr) + data.substr(semicolon);
        if (k.removes_values_only()) out += "; Flags: uninsdeletevalue";
        out += "\n";
      }
    }
    return out;
  }

 private:
  // `s` as a quoted parameter value; the placeholders of `symbolic` (null: none) as constants.
  std::string text(std::string_view s, const Operation& op, const SymbolicValue* symbolic) {
    std::string unknown;
    std::string out =
        "\"" +
        apply_splices(s, reference_splices(symbolic, s, constants_, false, &unknown), escaped) +
        "\"";
    if (!unknown.empty() && reported_.insert(unknown).second) {  // once per name
      diagnostics_.error(
          "undefined-placeholder",
          "placeholder '${" + unknown + "}' has neither a --define nor a --constant",
          {"", 0, 0, plan_.origin_of(op)},
          "pass --constant " + unknown + "=app (for {app}) or --define " + unknown + "=VALUE");
    }
    return out;
  }

  // "type; ValueData: data"
  std::string value(const Operation& op) {
    const RegValue& v = op.value;
    char buf[32];
    switch (v.type) {
      case RegType::sz:
        return "string; ValueData: " + text(v.text, op, plan_.symbolic_of(op));
      case RegType::expand_sz:
        return "expandsz; ValueData: " + text(v.text, op, plan_.symbolic_of(op));
      case RegType::dword:
        std::snprintf(buf, sizeof buf, "$%08X", static_cast<unsigned>(v.number));
        return std::string("dword; ValueData: ") + buf;
      case RegType::qword:
        std::snprintf(buf, sizeof buf, "$%016llX", static_cast<unsigned long long>(v.number));
        return std::string("qword; ValueData: ") + buf;
      case RegType::multi_sz: {
        // {break} separates the strings; it is a constant, so it is added after escaping.
        std::string data;
        for (std::size_t i = 0; i < v.strings.size(); ++i) {
          const std::string q = text(v.strings[i], op, nullptr);
          if (i > 0) data += "{break}";
          data += q.substr(1, q.size() - 2);
        }
        return "multisz; ValueData: \"" + data + "\"";
      }
      case RegType::binary: {
        std::string hex;
        for (std::uint8_t b : v.raw_bytes()) {
          std::snprintf(buf, sizeof buf, hex.empty() ? "%02x" : " %02x", static_cast<unsigned>(b));
          hex += buf;
        }
        return "binary; ValueData: \"" + hex + "\"";
      }
      case RegType::none:
        return "none; ValueData: \"\"";
      default:
        diagnostics_.error("unrepresentable-value",
                           "value '" + op.name + "' of key " + op.key + " is of type " +
                               reg_type_name(v.type) + ", which Inno Setup cannot write",
                           {"", 0, 0, plan_.origin_of(op)},
                           "use REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD, REG_MULTI_SZ or "
                           "REG_BINARY");
        return "none; ValueData: \"\"";
    }
  }

  const Plan& plan_;
  Diagnostics& diagnostics_;
  std::set<std::string> reported_;  // placeholders already reported
  std::map<std::string, std::string> constants_;
  std::string root_;
};

}  // namespace

InstallerWriteResult write_inno(const Plan& plan, const InstallerWriteOptions& options) {
  InstallerWriteResult result;
  std::string text = InnoWriter(plan, options, result.diagnostics).run();
  if (!result.diagnostics.has_errors()) result.text = std::move(text);
  return result;
}

}  // namespace comreg
