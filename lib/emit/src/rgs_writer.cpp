// RgsWriter: the plan as an ATL registrar script (.rgs), for servers whose DllRegisterServer
// runs the ATL registrar over a script resource.
//
// The registrar's flags carry ownership: ForceRemove on owned roots (registering deletes and
// recreates the tree, unregistering deletes it), NoRemove on shared keys, on every key of a
// tree another product may register too (an AppID, an interface, a type library version, a
// version-independent ProgID) and on the keys above the plan (Software, Classes, CLSID…),
// which unregistering must never delete. ATL's unregister still deletes the `val` entries of a
// NoRemove key (statreg.h: a value goes unless the `val` itself is NoRemove), so in those keys
// the named values the plan set go and the default values and the keys stay.
//
// The keys are rooted at HKCR, as in ATL projects' scripts: the registrar maps it to the
// per-user or the per-machine classes when it runs. An explicit scope roots them at
// HKLM\Software\Classes or HKCU\Software\Classes instead (RgsRoot::scope).
#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "comreg/emit/installer_writers.hpp"
#include "core/ascii.hpp"
#include "emit/plan_keys.hpp"
#include "emit/rgs_syntax.hpp"
#include "emit/symbolic_text.hpp"

namespace comreg {
namespace {

struct Node {
  std::string name;
  const PlanKey* key = nullptr;                           // null for keys above the plan's own
  std::vector<std::unique_ptr<Node>> children;            // in the order first seen
  std::unordered_map<std::string, Node*> by_folded_name;  // CLSID holds thousands: no scans

  Node& child(const std::string& segment) {
    auto [it, added] = by_folded_name.try_emplace(text::fold_case(segment), nullptr);
    if (added) {
      children.push_back(std::make_unique<Node>());
      children.back()->name = segment;
      it->second = children.back().get();
    }
    return *it->second;
  }
};

class RgsWriter {
 public:
  RgsWriter(const Plan& plan, const InstallerWriteOptions& options, Diagnostics& diagnostics)
      : plan_(plan), options_(options), diagnostics_(diagnostics) {
    for (const auto& [name, variable] : options.references) variables_[name] = "%" + variable + "%";
  }

  std::string run() {
    keys_ = plan_keys(plan_);
    Node root;
    Node* classes = &root;
    if (options_.rgs_root == RgsRoot::classes_root) {
      root.name = "HKCR";
    } else {
      root.name = plan_.options.scope == Scope::machine ? "HKLM" : "HKCU";
      classes = &root.child("Software").child("Classes");
    }
    for (const auto& k : keys_) {
      Node* n = classes;
      std::size_t pos = 0;
      const std::string& path = k.key->key;
      for (;;) {
        const std::size_t sep = path.find('\\', pos);
        n = &n->child(path.substr(pos, sep == std::string::npos ? sep : sep - pos));
        if (sep == std::string::npos) break;
        pos = sep + 1;
      }
      n->key = &k;
    }
    std::string out;
    write(out, root, 0, false);
    return out;
  }

 private:
  void write(std::string& out, const Node& n, int depth, bool inside_owned) {
    const std::string indent(static_cast<std::size_t>(depth) * 4, ' ');
    out += indent;
    const bool top = depth == 0;
    if (!top) {
      if (n.key == nullptr || n.key->removes_values_only()) {
        out += "NoRemove ";
      } else if (n.key->deletes_tree() && !inside_owned) {
        out += "ForceRemove ";
      }
    }
    out += top ? n.name : rgs::quote_name(escape_percent(n.name));
    const Operation* default_value = nullptr;
    std::vector<const Operation*> named;
    if (n.key != nullptr) {
      for (const Operation* v : n.key->values) {
        if (v->name.empty()) {
          default_value = v;
        } else {
          named.push_back(v);
        }
      }
    }
    if (default_value != nullptr) out += " = " + value(*default_value);
    out += "\n";
    if (named.empty() && n.children.empty()) return;
    out += indent + "{\n";
    for (const Operation* v : named) {
      out +=
          indent + "    val " + rgs::quote_name(escape_percent(v->name)) + " = " + value(*v) + "\n";
    }
    const bool owned = inside_owned || (n.key != nullptr && n.key->deletes_tree());
    for (const auto& c : n.children) write(out, *c, depth + 1, owned);
    out += indent + "}\n";
  }

  static std::string escape_percent(std::string_view s) {
    std::string out;
    for (char c : s) {
      out.push_back(c);
      if (c == '%') out.push_back('%');
    }
    return out;
  }

  // Strings: '%' doubled (the registrar's replacement syntax), but the placeholders of
  // `symbolic` (null: none), which become %VARIABLE%, and the module's own path, %MODULE%.
  std::string string(const std::string& s, const Operation& op, const SymbolicValue* symbolic) {
    std::vector<Splice> splices;
    std::size_t after_module = 0;  // placeholders before it are part of the module's path
    if (auto m = module(s)) {
      after_module = m->offset + m->length;
      splices.push_back(std::move(*m));
    }
    for (auto& r : reference_splices(symbolic, s, variables_, false, nullptr)) {
      if (r.offset >= after_module) splices.push_back(std::move(r));
    }
    std::string unknown;
    for (const auto& p : symbolic != nullptr ? symbolic->placeholders : no_placeholders) {
      if (p.offset >= after_module && variables_.count(p.name) == 0 && unknown.empty())
        unknown = p.name;
    }
    const std::string t = apply_splices(s, splices, escape_percent);
    if (!unknown.empty() && reported_.insert(unknown).second) {  // once per name
      diagnostics_.error("undefined-placeholder",
                         "placeholder '${" + unknown + "}' has neither a --define nor a --variable",
                         {"", 0, 0, plan_.origin_of(op)},
                         "pass --variable " + unknown +
                             "=NAME (a replacement the server adds to "
                             "the registrar) or --define " +
                             unknown + "=VALUE");
    }
    return rgs::quote_string(t);
  }

  // The path of the --module server (…\name.dll, any case, possibly quoted; placeholders in
  // it included) -> %MODULE%.
  std::optional<Splice> module(const std::string& s) const {
    if (options_.rgs_module.empty()) return std::nullopt;
    const std::string folded = text::fold_case(s);
    const std::string file = "\\" + text::fold_case(options_.rgs_module);
    const std::size_t at = folded.find(file);
    if (at == std::string::npos) return std::nullopt;
    const std::size_t end = at + file.size();
    if (end != s.size() && s[end] != '"' && s[end] != ' ') return std::nullopt;
    const std::size_t begin = s[0] == '"' ? 1 : 0;
    return Splice{begin, end - begin, "%MODULE%"};
  }

  std::string value(const Operation& op) {
    const RegValue& v = op.value;
    char buf[32];
    switch (v.type) {
      case RegType::sz:
        return "s " + string(v.text, op, plan_.symbolic_of(op));
      case RegType::expand_sz:
        return "e " + string(v.text, op, plan_.symbolic_of(op));
      case RegType::dword:
        std::snprintf(buf, sizeof buf, "d '%u'", static_cast<unsigned>(v.number));
        return buf;
      case RegType::qword:
        std::snprintf(buf, sizeof buf, "q '%llu'", static_cast<unsigned long long>(v.number));
        return buf;
      case RegType::multi_sz: {
        std::string joined;
        for (std::size_t i = 0; i < v.strings.size(); ++i) {
          if (i > 0) joined += "\\0";
          joined += v.strings[i];
        }
        return "m " + string(joined, op, nullptr);
      }
      case RegType::binary: {
        std::string hex = "b '";
        for (std::uint8_t b : v.raw_bytes()) {
          std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned>(b));
          hex += buf;
        }
        return hex + "'";
      }
      default:
        diagnostics_.error("unrepresentable-value",
                           "value '" + op.name + "' of key " + op.key + " is of type " +
                               reg_type_name(v.type) + ", which the ATL registrar cannot write",
                           {"", 0, 0, plan_.origin_of(op)},
                           "use REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD, REG_MULTI_SZ or "
                           "REG_BINARY");
        return "s ''";
    }
  }

  const Plan& plan_;
  const InstallerWriteOptions& options_;
  Diagnostics& diagnostics_;
  std::set<std::string> reported_;  // placeholders already reported
  std::map<std::string, std::string> variables_;
  std::vector<PlanKey> keys_;
  const std::vector<PlaceholderSpan> no_placeholders;
};

}  // namespace

InstallerWriteResult write_rgs(const Plan& plan, const InstallerWriteOptions& options) {
  InstallerWriteResult result;
  std::string text = RgsWriter(plan, options, result.diagnostics).run();
  if (!result.diagnostics.has_errors()) result.text = std::move(text);
  return result;
}

}  // namespace comreg
