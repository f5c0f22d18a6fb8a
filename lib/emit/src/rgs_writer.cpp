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
#include <cstdint>
#include <cstdio>
#include <optional>
#include <set>
#include <string_view>

#include "comreg/emit/installer_writers.hpp"
#include "core/ascii.hpp"
#include "core/folded_ids.hpp"
#include "emit/plan_keys.hpp"
#include "emit/rgs_syntax.hpp"
#include "emit/symbolic_text.hpp"

namespace comreg {
namespace {

// A key of the script. The nodes live in one vector and name their children by index: a
// 10,000-class plan makes 150,000 of them, each with its own small map of children before.
struct Node {
  static constexpr std::uint32_t none = FoldedIndex::none;
  std::string_view name;         // a view of the plan's key (or a literal)
  std::string_view path;         // below the classes key: a prefix of a key
  const PlanKey* key = nullptr;  // null for keys above the plan's own
  std::uint32_t first_child = none, last_child = none, next_sibling = none;  // first seen first
};

class RgsWriter {
 public:
  RgsWriter(const Plan& plan, const InstallerWriteOptions& options, Diagnostics& diagnostics)
      : plan_(plan), options_(options), diagnostics_(diagnostics) {
    for (const auto& [name, variable] : options.references) variables_[name] = "%" + variable + "%";
    if (!options.rgs_module.empty()) module_file_ = "\\" + text::fold_case(options.rgs_module);
  }

  std::string run() {
    keys_ = plan_keys(plan_);
    nodes_.reserve(keys_.size() + 8);
    nodes_.push_back({});
    std::uint32_t classes = 0;
    if (options_.rgs_root == RgsRoot::classes_root) {
      nodes_[0].name = "HKCR";
    } else {
      nodes_[0].name = plan_.options.scope == Scope::machine ? "HKLM" : "HKCU";
      classes = add_child(add_child(0, "Software"), "Classes");
    }
    // The plan's keys are below `classes`; each node is found by its path there, a prefix of
    // a planned key (the spelling first seen names it, as the registrar would see it).
    FoldedIndex by_path(keys_.size() + keys_.size() / 2);
    const auto path_of = [this](std::uint32_t n) { return nodes_[n].path; };
    for (const auto& k : keys_) {
      const std::string_view path = k.key->key;
      std::uint32_t n = classes;
      for (std::size_t pos = 0;;) {
        const std::size_t sep = path.find('\\', pos);
        const std::string_view prefix = path.substr(0, sep);
        const std::uint32_t found = by_path.find(prefix, path_of);
        if (found != Node::none) {
          n = found;
        } else {
          n = add_child(n, prefix.substr(pos));
          nodes_[n].path = prefix;
          by_path.insert(prefix, n, path_of);
        }
        if (sep == std::string_view::npos) break;
        pos = sep + 1;
      }
      nodes_[n].key = &k;
    }
    std::string out;
    write(out, nodes_[0], 0, false);
    return out;
  }

 private:
  void write(std::string& out, const Node& n, int depth, bool inside_owned) {
    const std::size_t indent = static_cast<std::size_t>(depth) * 4;
    out.append(indent, ' ');
    const bool top = depth == 0;
    if (!top) {
      if (n.key == nullptr || n.key->removes_values_only()) {
        out += "NoRemove ";
      } else if (n.key->deletes_tree() && !inside_owned) {
        out += "ForceRemove ";
      }
    }
    if (top) {
      out += n.name;
    } else {
      append_name(out, n.name);
    }
    const Operation* default_value = nullptr;
    named_.clear();
    if (n.key != nullptr) {
      for (const Operation* v : n.key->values) {
        if (v->name.empty()) {
          default_value = v;
        } else {
          named_.push_back(v);
        }
      }
    }
    if (default_value != nullptr) {
      out += " = ";
      value(out, *default_value);
    }
    out += '\n';
    if (named_.empty() && n.first_child == Node::none) return;
    out.append(indent, ' ');
    out += "{\n";
    for (const Operation* v : named_) {
      out.append(indent + 4, ' ');
      out += "val ";
      append_name(out, v->name);
      out += " = ";
      value(out, *v);
      out += '\n';
    }
    const bool owned = inside_owned || (n.key != nullptr && n.key->deletes_tree());
    for (std::uint32_t c = n.first_child; c != Node::none; c = nodes_[c].next_sibling) {
      write(out, nodes_[c], depth + 1, owned);
    }
    out.append(indent, ' ');
    out += "}\n";
  }

  std::uint32_t add_child(std::uint32_t parent, std::string_view name) {
    const auto child = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back({name, {}, nullptr, Node::none, Node::none, Node::none});
    Node& p = nodes_[parent];
    if (p.last_child == Node::none) {
      p.first_child = child;
    } else {
      nodes_[p.last_child].next_sibling = child;
    }
    p.last_child = child;
    return child;
  }

  // A key or value name: '%' doubled, then quoted where the registrar would not read it bare
  // (doubling '%' never changes that).
  static void append_name(std::string& out, std::string_view name) {
    const bool bare = rgs::is_bare(name);
    if (!bare) out += '\'';
    for (char c : name) {
      out += c;
      if (c == '%' || (!bare && c == '\'')) out += c;
    }
    if (!bare) out += '\'';
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
  void string(std::string& out, const std::string& s, const Operation& op,
              const SymbolicValue* symbolic) {
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
    rgs::append_quoted(out, t);
  }

  // The path of the --module server (…\name.dll, any case, possibly quoted; placeholders in
  // it included) -> %MODULE%.
  std::optional<Splice> module(const std::string& s) {
    if (module_file_.empty()) return std::nullopt;
    const std::string_view file = module_file_;
    const std::size_t at = fold_(s).find(file);
    if (at == std::string::npos) return std::nullopt;
    const std::size_t end = at + file.size();
    if (end != s.size() && s[end] != '"' && s[end] != ' ') return std::nullopt;
    const std::size_t begin = s[0] == '"' ? 1 : 0;
    return Splice{begin, end - begin, "%MODULE%"};
  }

  void value(std::string& out, const Operation& op) {
    const RegValue& v = op.value;
    char buf[32];
    switch (v.type) {
      case RegType::sz:
        out += "s ";
        string(out, v.text, op, plan_.symbolic_of(op));
        return;
      case RegType::expand_sz:
        out += "e ";
        string(out, v.text, op, plan_.symbolic_of(op));
        return;
      case RegType::dword:
        std::snprintf(buf, sizeof buf, "d '%u'", static_cast<unsigned>(v.number));
        out += buf;
        return;
      case RegType::qword:
        std::snprintf(buf, sizeof buf, "q '%llu'", static_cast<unsigned long long>(v.number));
        out += buf;
        return;
      case RegType::multi_sz: {
        std::string joined;
        for (std::size_t i = 0; i < v.strings.size(); ++i) {
          if (i > 0) joined += "\\0";
          joined += v.strings[i];
        }
        out += "m ";
        string(out, joined, op, nullptr);
        return;
      }
      case RegType::binary: {
        out += "b '";
        for (std::uint8_t b : v.raw_bytes()) {
          std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned>(b));
          out += buf;
        }
        out += '\'';
        return;
      }
      default:
        diagnostics_.error("unrepresentable-value",
                           "value '" + op.name + "' of key " + op.key + " is of type " +
                               reg_type_name(v.type) + ", which the ATL registrar cannot write",
                           {"", 0, 0, plan_.origin_of(op)},
                           "use REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD, REG_MULTI_SZ or "
                           "REG_BINARY");
        out += "s ''";
        return;
    }
  }

  const Plan& plan_;
  const InstallerWriteOptions& options_;
  Diagnostics& diagnostics_;
  std::set<std::string> reported_;  // placeholders already reported
  std::map<std::string, std::string> variables_;
  std::vector<PlanKey> keys_;
  std::vector<Node> nodes_;  // [0] is the root (HKCR, HKLM or HKCU)
  Folder fold_;
  std::string module_file_;              // "\\" and the --module file's name, folded
  std::vector<const Operation*> named_;  // write()'s named values of one key, reused
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
