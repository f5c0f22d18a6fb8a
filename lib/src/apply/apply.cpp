// install/uninstall of a plan on any RegistryBackend.
//
// Neither is atomic yet: a failure stops the run and the report lists what was done before
// it. (A journal and rollback belong to the "safe by construction" work.)
#include "comreg/apply.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>
#include "plan/value_json.hpp"
#include "text/ascii.hpp"

namespace comreg {
namespace {

bool inside(std::string_view key, std::string_view root) {
  return key.size() > root.size() && key.compare(0, root.size(), root) == 0 &&
         key[root.size()] == '\\';
}

// Makes a change (unless this is a dry run) and lists it. A change that fails is not listed,
// and after a failure nothing more is written or listed: the report says exactly what was done.
class Writer {
 public:
  Writer(RegistryBackend& registry, const ApplyOptions& options, ApplyReport& report)
      : registry_(registry), options_(options), report_(report) {}

  bool failed() const { return !report_.status.ok(); }

  template <typename F>
  void apply(Change change, F&& write) {
    if (failed()) return;
    if (!options_.dry_run) {
      Status s = write(registry_);
      if (!s.ok()) {
        report_.status = std::move(s);
        return;
      }
    }
    report_.changes.push_back(std::move(change));
  }

 private:
  RegistryBackend& registry_;
  const ApplyOptions& options_;
  ApplyReport& report_;
};

}  // namespace

std::string registry_path(const Plan& plan, std::string_view key, const RegistryBackend& registry) {
  return classes_root(plan.options.scope) + "\\" +
         (registry.redirects_views() ? std::string(key) : physical_key(key, plan.options.view));
}

ApplyReport install(const Plan& plan, RegistryBackend& registry, const ApplyOptions& options) {
  ApplyReport report;
  Writer writer(registry, options, report);
  // Keys this run creates: they are known to be empty (no value to read back) and so are their
  // subkeys (no existence check). Reads of the live registry are server round trips; skipping
  // the ones whose answer is known keeps install as fast as a plain import.
  std::unordered_set<std::string> created;
  for (const auto& op : plan.ops) {
    if (writer.failed()) break;
    const std::string path = registry_path(plan, op.key, registry);
    if (op.kind == OpKind::create_key) {
      const std::string folded = text::fold_case(path);
      const std::size_t sep = folded.rfind('\\');
      const bool parent_created =
          sep != std::string::npos && created.count(folded.substr(0, sep)) != 0;
      if (options.dry_run) {
        if (!parent_created && registry.key_exists(path)) continue;
      } else {
        // One call both checks and creates (one round trip on the live registry).
        bool is_new = false;
        const Status s =
            parent_created ? registry.create_key(path) : registry.ensure_key(path, is_new);
        if (!s.ok()) {
          report.status = s;
          break;
        }
        if (!parent_created && !is_new) continue;
      }
      report.changes.push_back({Change::Kind::create_key, path, {}, {}, {}, plan.origin_of(op)});
      created.insert(folded);
      continue;
    }
    std::optional<RegValue> before;
    if (created.count(text::fold_case(path)) == 0) before = registry.get_value(path, op.name);
    if (before && *before == op.value) continue;
    writer.apply({before ? Change::Kind::replace_value : Change::Kind::set_value, path, op.name,
                  before, op.value, plan.origin_of(op)},
                 [&](RegistryBackend& r) { return r.set_value(path, op.name, op.value); });
  }
  return report;
}

namespace {

// The plan's content below one owned root, as folded full paths.
struct Expected {
  std::set<std::string> keys;
  std::set<std::pair<std::string, std::string>> values;  // (folded key, folded name)
};

// Something under an owned root that the plan did not write.
struct Foreign {
  std::string holder;  // folded path of the planned key that contains it
  std::string what;    // for the report
};

void foreign_content(const RegistryBackend& registry, const std::string& key,
                     const Expected& expected, std::vector<Foreign>& out) {
  const std::string folded = text::fold_case(key);
  for (const auto& name : registry.value_names(key)) {
    if (expected.values.count({folded, text::fold_case(name)}) == 0) {
      out.push_back({folded, "value " + (name.empty() ? std::string("@") : "\"" + name + "\"") +
                                 " in " + key});
    }
  }
  for (const auto& sub : registry.subkeys(key)) {
    const std::string child = key + "\\" + sub;
    if (expected.keys.count(text::fold_case(child)) == 0) {
      out.push_back({folded, "key " + child});
    } else {
      foreign_content(registry, child, expected, out);
    }
  }
}

}  // namespace

ApplyReport uninstall(const Plan& plan, RegistryBackend& registry, const ApplyOptions& options) {
  ApplyReport report;
  Writer writer(registry, options, report);
  for (const auto& root_key : owned_roots(plan)) {
    if (writer.failed()) break;
    const std::string root = registry_path(plan, root_key, registry);
    if (!registry.key_exists(root)) continue;
    Expected expected;
    std::vector<const Operation*> ops;  // the plan's operations inside this root
    const std::string folded_root = text::fold_case(root);
    for (const auto& op : plan.ops) {
      const std::string path = text::fold_case(registry_path(plan, op.key, registry));
      if (path != folded_root && !inside(path, folded_root)) continue;
      ops.push_back(&op);
      if (op.kind == OpKind::create_key) {
        expected.keys.insert(path);
      } else {
        expected.values.insert({path, text::fold_case(op.name)});
      }
    }
    std::vector<Foreign> foreign;
    foreign_content(registry, root, expected, foreign);
    const std::string origin = ops.empty() ? std::string() : plan.origin_of(*ops.front());
    if (foreign.empty()) {
      writer.apply({Change::Kind::delete_key, root, {}, {}, {}, origin},
                   [&](RegistryBackend& r) { return r.delete_tree(root); });
      continue;
    }
    // Someone else added content under our key: remove exactly what we wrote, keep the rest
    // and the keys that lead to it.
    for (const auto& f : foreign) report.kept.push_back(f.what + " (not written by comreg)");
    for (const Operation* op : ops) {
      if (writer.failed()) break;
      if (op->kind != OpKind::set_value) continue;
      const std::string path = registry_path(plan, op->key, registry);
      auto before = registry.get_value(path, op->name);
      if (!before) continue;
      writer.apply({Change::Kind::delete_value, path, op->name, before, {}, plan.origin_of(*op)},
                   [&](RegistryBackend& r) { return r.delete_value(path, op->name); });
    }
    for (auto it = ops.rbegin(); it != ops.rend(); ++it) {  // children before parents
      if (writer.failed()) break;
      const Operation* op = *it;
      if (op->kind != OpKind::create_key) continue;
      const std::string path = registry_path(plan, op->key, registry);
      if (!registry.key_exists(path)) continue;
      const std::string folded = text::fold_case(path);
      const bool holds_foreign = std::any_of(foreign.begin(), foreign.end(), [&](const Foreign& f) {
        return f.holder == folded || inside(f.holder, folded);
      });
      if (holds_foreign) {
        report.kept.push_back("key " + path + " (holds content not written by comreg)");
        continue;
      }
      writer.apply({Change::Kind::delete_key, path, {}, {}, {}, plan.origin_of(*op)},
                   [&](RegistryBackend& r) { return r.delete_tree(path); });
    }
  }
  // Shared keys: only our values, and only while they are still ours.
  for (const auto& op : plan.ops) {
    if (writer.failed()) break;
    if (op.kind != OpKind::set_value || op.ownership != Ownership::shared) continue;
    const std::string path = registry_path(plan, op.key, registry);
    const auto before = registry.get_value(path, op.name);
    if (!before) continue;
    if (!(*before == op.value)) {
      report.kept.push_back("value \"" + op.name + "\" in " + path +
                            " (changed by someone else since comreg wrote it)");
      continue;
    }
    writer.apply({Change::Kind::delete_value, path, op.name, before, {}, plan.origin_of(op)},
                 [&](RegistryBackend& r) { return r.delete_value(path, op.name); });
  }
  for (const auto& op : plan.ops) {
    if (writer.failed()) break;
    if (op.kind == OpKind::create_key && op.ownership == Ownership::shared &&
        registry.key_exists(registry_path(plan, op.key, registry))) {
      report.kept.push_back("key " + registry_path(plan, op.key, registry) +
                            " (shared with other products)");
    }
  }
  return report;
}

namespace {}  // namespace

std::string format_apply_report(const ApplyReport& report, bool json) {
  static constexpr const char* kinds[] = {"createKey", "setValue", "replaceValue", "deleteKey",
                                          "deleteValue"};
  if (json) {
    nlohmann::ordered_json changes = nlohmann::ordered_json::array();
    for (const auto& c : report.changes) {
      nlohmann::ordered_json j;
      j["change"] = kinds[static_cast<int>(c.kind)];
      j["key"] = c.key;
      if (c.kind != Change::Kind::create_key && c.kind != Change::Kind::delete_key)
        j["name"] = c.name;
      if (c.before) j["before"] = typed_value_json(*c.before);
      if (c.after) j["after"] = typed_value_json(*c.after);
      j["origin"] = c.origin;
      changes.push_back(std::move(j));
    }
    nlohmann::ordered_json doc;
    doc["ok"] = report.status.ok();
    if (!report.status.ok()) doc["error"] = report.status.message;
    doc["changes"] = std::move(changes);
    doc["kept"] = report.kept;
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  std::string out;
  for (const auto& c : report.changes) {
    const std::string name = c.name.empty() ? "@" : "\"" + c.name + "\"";
    switch (c.kind) {
      case Change::Kind::create_key:
        out += "+ key   " + c.key + "\n";
        break;
      case Change::Kind::delete_key:
        out += "- key   " + c.key + "\n";
        break;
      case Change::Kind::set_value:
        out += "+ value " + c.key + " " + name + " = " + reg_type_name(c.after->type) + " " +
               c.after->display() + "\n";
        break;
      case Change::Kind::replace_value:
        out += "~ value " + c.key + " " + name + " = " + reg_type_name(c.after->type) + " " +
               c.after->display() + " (was " + reg_type_name(c.before->type) + " " +
               c.before->display() + ")\n";
        break;
      case Change::Kind::delete_value:
        out += "- value " + c.key + " " + name + "\n";
        break;
    }
  }
  for (const auto& k : report.kept) out += "  kept  " + k + "\n";
  if (!report.status.ok()) out += "error: " + report.status.message + "\n";
  out += std::to_string(report.changes.size()) +
         (report.changes.size() == 1 ? " change\n" : " changes\n");
  return out;
}

}  // namespace comreg
