// install/uninstall of a plan on any RegistryBackend, all or nothing.
//
// Each run first computes its exact list of changes against the current registry (that list
// is also what --dry-run shows), journals the prior state of everything it touches, then makes
// the changes. A failed write rolls back from the journal; a journal left on disk by a process
// that died is rolled back by recover() (journal.hpp).
#include "comreg/apply/apply.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include "apply/apply_report_json.hpp"
#include "apply/ownership_record.hpp"
#include "comreg/apply/journal.hpp"
#include "core/ascii.hpp"
#include "plan/value_json.hpp"

namespace comreg {
namespace {

bool inside(std::string_view key, std::string_view root) {
  return key.size() > root.size() && key.compare(0, root.size(), root) == 0 &&
         key[root.size()] == '\\';
}

std::string parent_of(const std::string& folded) {
  const std::size_t sep = folded.rfind('\\');
  return sep == std::string::npos ? std::string() : folded.substr(0, sep);
}

Change change(RegistryOp::Kind kind, std::string key, std::string name,
              const std::optional<RegValue>& before, std::optional<RegValue> after,
              std::string origin) {
  Change c;
  c.kind = kind;
  c.key = std::move(key);
  c.name = std::move(name);
  if (after) c.value = std::move(*after);
  c.prior = keep_prior(before);
  c.origin = std::move(origin);
  return c;
}

// A set of key trees, by folded path: is a key at or below one of them?
class KeyTrees {
 public:
  void add(const std::string& path) { roots_.insert(text::fold_case(path)); }
  bool contains(const std::string& path) const {
    for (std::string p = text::fold_case(path); !p.empty(); p = parent_of(p)) {
      if (roots_.count(p) != 0) return true;
    }
    return false;
  }
  // The root `path` is at or below, or "".
  std::string root_of(const std::string& path) const {
    for (std::string p = text::fold_case(path); !p.empty(); p = parent_of(p)) {
      if (roots_.count(p) != 0) return p;
    }
    return {};
  }

 private:
  std::unordered_set<std::string> roots_;
};

// Journals `report.changes`, makes them, and rolls back on failure.
void apply_changes(ApplyReport& report, RegistryBackend& registry, const ApplyOptions& options,
                   const char* operation) {
  if (options.dry_run || report.changes.empty()) return;
  Journal journal = make_journal(report.changes, registry);
  journal.operation = operation;
  if (options.journal != nullptr) {
    journal.target = options.journal->site().target;
    if (Status s = options.journal->write(journal); !s.ok()) {
      report.changes.clear();
      report.status = Status::failure(s.code, s.message + "; nothing was changed");
      return;
    }
  }
  bool transacted = false;
  if (options.transaction != nullptr) {
    std::string why;
    transacted = options.transaction->begin(why);
    report.transaction = transacted ? "kernel transaction" : why;
  }
  std::size_t done = 0;
  Status s = execute_changes(report.changes, registry, done);
  if (s.ok() && transacted) s = options.transaction->commit();
  // A store that keeps changes until told (an offline hive) makes them permanent here, while
  // a failure can still be rolled back.
  if (s.ok()) s = registry.commit();
  if (s.ok()) {
    if (options.journal != nullptr) report.status = options.journal->remove();
    return;
  }
  if (transacted) options.transaction->abort();
  // Roll back from the journal (after an aborted transaction there is nothing left to undo,
  // and the rollback changes nothing).
  const std::vector<Change> undo = rollback_changes(journal, registry);
  std::size_t undone = 0;
  const Status rolled = execute_changes(undo, registry, undone);
  if (rolled.ok()) {
    report.changes.clear();
    report.rolled_back = true;
    report.status = std::move(s);
    if (options.journal != nullptr) {
      if (const Status removed = options.journal->remove(); !removed.ok()) {
        report.status.message += "; " + removed.message;
      }
    }
    return;
  }
  report.changes.resize(done);
  std::string message = s.message + "; rolling back failed too (" + rolled.message + ")";
  if (options.journal != nullptr) {
    message += ": the journal " + options.journal->path() +
               " is kept, run 'comreg recover' to put the registry back as it was";
  }
  report.status = Status::failure(s.code, std::move(message));
}

}  // namespace

Status execute_changes(const std::vector<Change>& changes, RegistryBackend& registry,
                       std::size_t& done) {
  done = 0;
  for (const auto& c : changes) {
    if (Status s = registry.apply(c); !s.ok()) return s;
    ++done;
  }
  return Status::success();
}

std::string registry_path(const Plan& plan, std::string_view key, const RegistryBackend& registry) {
  return classes_root(plan.options.scope) + "\\" +
         (registry.redirects_views() ? std::string(key) : physical_key(key, plan.options.view));
}

ApplyReport install(const Plan& plan, RegistryBackend& registry, const ApplyOptions& options) {
  ApplyReport report;
  auto& changes = report.changes;
  // Keys this run creates: they are known to be empty (no value to read back) and so are their
  // subkeys (no existence check). Reads of the live registry are server round trips; skipping
  // the ones whose answer is known keeps install as fast as a plain import.
  std::unordered_set<std::string> created;
  for (const auto& op : plan.ops) {
    const std::string path = registry_path(plan, op.key, registry);
    if (op.kind == OpKind::create_key) {
      const std::string folded = text::fold_case(path);
      if (created.count(folded) != 0) continue;
      const bool parent_created = created.count(parent_of(folded)) != 0;
      if (!parent_created && registry.key_exists(path)) continue;
      changes.push_back(change(Change::Kind::create_key, path, {}, {}, {}, plan.origin_of(op)));
      created.insert(folded);
      continue;
    }
    std::optional<RegValue> before;
    if (created.count(text::fold_case(path)) == 0) before = registry.get_value(path, op.name);
    if (before && *before == op.value) continue;
    changes.push_back(
        change(Change::Kind::set_value, path, op.name, before, op.value, plan.origin_of(op)));
  }
  if (!options.owner.empty()) {
    const std::string root = classes_root(plan.options.scope);
    const std::string key = ownership::record_key(plan, options.owner);
    const ownership::Record current = ownership::read_record(registry, key);
    ownership::Record wanted = current;
    KeyTrees ours;
    for (const auto& rel : current.created) ours.add(root + "\\" + rel);
    for (const auto& c : changes) {
      if (c.kind != Change::Kind::create_key) continue;
      if (created.count(parent_of(text::fold_case(c.key))) != 0 || ours.contains(c.key)) continue;
      wanted.created.push_back(ownership::relative_to(c.key, root));
      ours.add(c.key);
    }
    std::set<std::pair<std::string, std::string>> recorded;
    for (const auto& o : current.overwritten) {
      recorded.insert({text::fold_case(o.key), text::fold_case(o.name)});
    }
    for (const auto& c : changes) {
      // A value replaced in a key install created was comreg's own (someone changed it since):
      // there is nothing of anyone else's to give back.
      if (c.kind != Change::Kind::set_value || !c.prior || ours.contains(c.key)) continue;
      const std::string rel = ownership::relative_to(c.key, root);
      if (!recorded.insert({text::fold_case(rel), text::fold_case(c.name)}).second) continue;
      wanted.overwritten.push_back({rel, c.name, *c.prior});
    }
    // Nothing to change, nothing to record: a registration that is already complete without
    // a record (imported from a .reg file) keeps going by the plan's ownership.
    if (!changes.empty()) ownership::record_changes(registry, current, wanted, key, changes);
  }
  apply_changes(report, registry, options, "install");
  return report;
}

namespace {

// The plan's content below one of our trees, as folded full paths.
struct Expected {
  std::set<std::string> keys;
  std::map<std::pair<std::string, std::string>, const RegValue*> values;  // (folded key, name)
  // Without an ownership record a tree is only presumed ours: a value holding other data than
  // the plan's is then someone else's (another server that registered the same ProgID).
  bool strict = false;
};

// Something under one of our trees that the plan did not write.
struct Foreign {
  std::string holder;    // folded path of the planned key that contains it
  std::string what;      // for the report
  bool changed = false;  // a planned value holding other data
};

void foreign_content(const RegistryBackend& registry, const std::string& key,
                     const Expected& expected, std::vector<Foreign>& out) {
  const std::string folded = text::fold_case(key);
  for (const auto& name : registry.value_names(key)) {
    const auto it = expected.values.find({folded, text::fold_case(name)});
    const std::string what =
        "value " + (name.empty() ? std::string("@") : "\"" + name + "\"") + " in " + key;
    if (it == expected.values.end()) {
      out.push_back({folded, what});
    } else if (expected.strict) {
      const auto now = registry.get_value(key, name);
      if (now && !(*now == *it->second)) out.push_back({folded, what, true});
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

// Removes one of our trees: whole when it holds only what the plan wrote, else exactly what
// the plan wrote, keeping other content and the keys that lead to it.
void remove_tree(const Plan& plan, const std::string& root,
                 const std::vector<const Operation*>& ops, bool strict,
                 const RegistryBackend& registry, ApplyReport& report) {
  Expected expected;
  expected.strict = strict;
  for (const Operation* op : ops) {
    const std::string path = text::fold_case(registry_path(plan, op->key, registry));
    if (op->kind == OpKind::create_key) {
      expected.keys.insert(path);
    } else {
      expected.values[{path, text::fold_case(op->name)}] = &op->value;
    }
  }
  std::vector<Foreign> foreign;
  if (expected.keys.count(text::fold_case(root)) == 0) {
    // A tree install created whose top the plan does not name (a container): what the plan
    // wrote below it is ours, the rest is someone else's.
    expected.keys.insert(text::fold_case(root));
  }
  foreign_content(registry, root, expected, foreign);
  const std::string origin = ops.empty() ? std::string() : plan.origin_of(*ops.front());
  if (foreign.empty()) {
    report.changes.push_back(change(Change::Kind::delete_tree, root, {}, {}, {}, origin));
    return;
  }
  for (const auto& f : foreign) {
    report.kept.push_back(f.what + (f.changed ? " (holds other data than comreg wrote)"
                                              : " (not written by comreg)"));
  }
  for (const Operation* op : ops) {
    if (op->kind != OpKind::set_value) continue;
    const std::string path = registry_path(plan, op->key, registry);
    auto before = registry.get_value(path, op->name);
    if (!before || (strict && !(*before == op->value))) continue;
    report.changes.push_back(
        change(Change::Kind::delete_value, path, op->name, before, {}, plan.origin_of(*op)));
  }
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) {  // children before parents
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
    report.changes.push_back(
        change(Change::Kind::delete_tree, path, {}, {}, {}, plan.origin_of(*op)));
  }
}

}  // namespace

ApplyReport uninstall(const Plan& plan, RegistryBackend& registry, const ApplyOptions& options) {
  ApplyReport report;
  const std::string root = classes_root(plan.options.scope);
  const std::string record_key =
      options.owner.empty() ? std::string() : ownership::record_key(plan, options.owner);
  const ownership::Record record =
      options.owner.empty() ? ownership::Record{} : ownership::read_record(registry, record_key);
  // Our trees: what install recorded it created; without a record, the plan's owned trees.
  std::vector<std::string> trees;
  if (record.exists) {
    for (const auto& rel : record.created) trees.push_back(root + "\\" + rel);
  } else {
    for (const auto& key : owned_roots(plan)) trees.push_back(registry_path(plan, key, registry));
  }
  KeyTrees ours;
  for (const auto& t : trees) ours.add(t);
  std::unordered_map<std::string, std::vector<const Operation*>> ops_of_tree;
  for (const auto& op : plan.ops) {
    const std::string tree = ours.root_of(registry_path(plan, op.key, registry));
    if (!tree.empty()) ops_of_tree[tree].push_back(&op);
  }
  std::unordered_set<std::string> done;
  for (const auto& tree : trees) {
    const std::string folded = text::fold_case(tree);
    if (!done.insert(folded).second || !registry.key_exists(tree)) continue;
    if (ours.contains(parent_of(tree))) continue;  // inside another of our trees
    remove_tree(plan, tree, ops_of_tree[folded], /*strict=*/!record.exists, registry, report);
  }
  // Values in keys that are not ours: only ours, only while they are still as comreg left them.
  for (const auto& op : plan.ops) {
    if (op.kind != OpKind::set_value) continue;
    const std::string path = registry_path(plan, op.key, registry);
    if (ours.contains(path)) continue;
    const std::string where =
        "value " + (op.name.empty() ? std::string("@") : "\"" + op.name + "\"") + " in " + path;
    const std::string rel = ownership::relative_to(path, root);
    const auto overwritten = std::find_if(
        record.overwritten.begin(), record.overwritten.end(),
        [&](const auto& o) { return text::iequals(o.key, rel) && text::iequals(o.name, op.name); });
    const auto before = registry.get_value(path, op.name);
    if (!before) continue;
    if (!(*before == op.value)) {
      report.kept.push_back(where + " (changed by someone else since comreg wrote it)");
      continue;
    }
    if (overwritten != record.overwritten.end()) {
      report.changes.push_back(change(Change::Kind::set_value, path, op.name, before,
                                      overwritten->prior, plan.origin_of(op)));
    } else {
      report.changes.push_back(
          change(Change::Kind::delete_value, path, op.name, before, {}, plan.origin_of(op)));
    }
  }
  for (const auto& op : plan.ops) {
    if (op.kind != OpKind::create_key) continue;
    const std::string path = registry_path(plan, op.key, registry);
    if (ours.contains(path) || !registry.key_exists(path)) continue;
    report.kept.push_back("key " + path +
                          (op.ownership == Ownership::shared
                               ? " (shared with other products)"
                               : " (it was there before comreg installed)"));
  }
  if (record.exists) {
    report.changes.push_back(
        change(Change::Kind::delete_tree, record_key, {}, {}, {}, "ownership record"));
  }
  apply_changes(report, registry, options, "uninstall");
  return report;
}

nlohmann::ordered_json apply_report_json(const ApplyReport& report) {
  // A set_value with a prior value replaces it: "replaceValue", "~".
  const auto kind_name = [](const Change& c) {
    switch (c.kind) {
      case Change::Kind::create_key:
        return "createKey";
      case Change::Kind::set_value:
        return c.prior ? "replaceValue" : "setValue";
      case Change::Kind::delete_tree:
        return "deleteKey";
      case Change::Kind::delete_value:
        return "deleteValue";
    }
    return "";
  };
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const auto& c : report.changes) {
    nlohmann::ordered_json j;
    j["change"] = kind_name(c);
    j["key"] = c.key;
    if (c.kind != Change::Kind::create_key && c.kind != Change::Kind::delete_tree)
      j["name"] = c.name;
    if (c.prior) j["before"] = typed_value_json(*c.prior);
    if (c.kind == Change::Kind::set_value) j["after"] = typed_value_json(c.value);
    j["origin"] = c.origin;
    changes.push_back(std::move(j));
  }
  nlohmann::ordered_json doc;
  doc["ok"] = report.status.ok();
  if (!report.status.ok()) doc["error"] = report.status.message;
  if (!report.status.ok()) doc["rolledBack"] = report.rolled_back;
  if (!report.transaction.empty()) doc["transaction"] = report.transaction;
  doc["changes"] = std::move(changes);
  doc["kept"] = report.kept;
  return doc;
}

std::string format_apply_report(const ApplyReport& report, bool json) {
  if (json) {
    return apply_report_json(report).dump(2, ' ', false,
                                          nlohmann::ordered_json::error_handler_t::replace) +
           "\n";
  }
  std::string out;
  for (const auto& c : report.changes) {
    const std::string name = c.name.empty() ? "@" : "\"" + c.name + "\"";
    switch (c.kind) {
      case Change::Kind::create_key:
        out += "+ key   " + c.key + "\n";
        break;
      case Change::Kind::delete_tree:
        out += "- key   " + c.key + "\n";
        break;
      case Change::Kind::set_value:
        out += (c.prior ? "~ value " : "+ value ") + c.key + " " + name + " = " +
               reg_type_name(c.value.type) + " " + c.value.display() +
               (c.prior ? " (was " + reg_type_name(c.prior->type) + " " + c.prior->display() + ")"
                        : std::string()) +
               "\n";
        break;
      case Change::Kind::delete_value:
        out += "- value " + c.key + " " + name + "\n";
        break;
    }
  }
  for (const auto& k : report.kept) out += "  kept  " + k + "\n";
  if (!report.status.ok()) out += "error: " + report.status.message + "\n";
  if (report.rolled_back) out += "rolled back: the registry is as it was before\n";
  out += std::to_string(report.changes.size()) +
         (report.changes.size() == 1 ? " change\n" : " changes\n");
  return out;
}

}  // namespace comreg
