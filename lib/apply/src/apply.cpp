// install/uninstall of a plan on any RegistryBackend, all or nothing.
//
// Each run first computes its exact list of changes against the current registry (that list
// is also what --dry-run shows), journals the prior state of everything it touches, then makes
// the changes. A failed write rolls back from the journal; a journal left on disk by a process
// that died is rolled back by recover() (journal.hpp).
#include "comreg/apply/apply.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include "apply/apply_report_json.hpp"
#include "apply/ownership_record.hpp"
#include "comreg/apply/journal.hpp"
#include "core/ascii.hpp"
#include "core/folded_ids.hpp"
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
    if (roots_.empty()) return false;  // the common case: no record of the old format
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
  // A store that can forget this run's changes (an offline hive, written at commit() only)
  // needs no journal when no journal file is kept either: snapshotting every tree an
  // uninstall deletes was an eighth of its instructions.
  const bool discardable = options.journal == nullptr && registry.can_discard();
  Journal journal;
  if (!discardable) journal = make_journal(report.changes, registry);
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
  if (discardable) {
    if (registry.discard()) {
      report.changes.clear();
      report.rolled_back = true;
      report.status = std::move(s);
    } else {
      // Not expected (nothing was committed), but then nothing can take the changes back.
      report.changes.resize(done);
      report.status = Status::failure(
          s.code, s.message + "; rolling back failed too (the store could not forget the changes)");
    }
    return;
  }
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

// The record of `owner` among `records` (the scope's, both views), or `none` made for it (its
// path, view and owner; exists false). A registration recorded by an older comreg under its
// assembly name alone ("Contoso.Widgets" for "Contoso.Widgets 1.0.0.0") is found there as a
// legacy record. A reference, not a copy: a record holds a claim per key and value.
const ownership::Record& find_record(const RegistryBackend& registry,
                                     const std::vector<ownership::Record>& records,
                                     const Plan& plan, const std::string& owner,
                                     ownership::Record& none) {
  const std::string key =
      ownership::record_key(registry, plan.options.scope, plan.options.view, owner);
  for (const auto& r : records) {
    if (text::iequals(r.path, key)) return r;
  }
  if (const std::size_t space = owner.find(' '); space != std::string::npos) {
    const std::string old = ownership::record_key(registry, plan.options.scope, plan.options.view,
                                                  owner.substr(0, space));
    for (const auto& r : records) {
      if (r.legacy && text::iequals(r.path, old)) return r;
    }
  }
  none = {};
  none.path = key;
  none.view = plan.options.view;
  none.owner = owner;
  return none;
}

// An old record (created trees, overwritten values) as claims, with the plan: every plan key
// and value is claimed; a key inside a created tree was created; a value was absent before
// unless the record kept what it overwrote. It sits below every newer registration.
ownership::Record claims_of_legacy(const ownership::Record& legacy, const Plan& plan) {
  ownership::Record r = legacy;
  r.legacy.reset();
  r.sequence = 0;
  const auto& old = *legacy.legacy;
  KeyTrees created;
  for (const auto& t : old.created) created.add(t);
  std::unordered_set<std::string> claimed;
  for (const auto& op : plan.ops) {
    const std::string key = physical_key(op.key, plan.options.view);
    if (op.kind == OpKind::create_key) {
      if (!claimed.insert(text::fold_case(key)).second) continue;
      r.keys.push_back({key, created.contains(key)});
      continue;
    }
    if (!claimed.insert(ownership::value_id(key, op.name)).second) continue;
    ownership::ValueClaim v{key, op.name, std::nullopt};
    for (const auto& o : old.overwritten) {
      if (text::iequals(o.key, key) && text::iequals(o.name, op.name)) v.prior = o.prior;
    }
    r.values.push_back(std::move(v));
  }
  return r;
}

// The store path of a claim's physical key: a store that redirects views itself is given the
// logical key.
std::string claim_path(const Plan& plan, const std::string& physical,
                       const RegistryBackend& registry) {
  return ownership::claim_path(registry, plan.options.scope, physical);
}

// Claims (created) the missing keys between the classes root and `key`'s parent, outermost
// first, and marks them created.
void claim_missing_parents(const Plan& plan, const RegistryBackend& registry, std::string_view key,
                           PackedFoldedIds& created, std::vector<ownership::KeyClaim>& claims) {
  const std::string physical = physical_key(key, plan.options.view);
  std::vector<std::string> missing;
  for (std::size_t sep = physical.rfind('\\'); sep != std::string::npos && sep > 0;
       sep = physical.rfind('\\', sep - 1)) {
    const std::string parent = physical.substr(0, sep);
    const std::string path = claim_path(plan, parent, registry);
    if (created.find(path) != FoldedIndex::none || registry.key_exists(path)) break;
    missing.push_back(parent);
    created.add({path});
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) claims.push_back({*it, true});
}

// A reinstall that writes over what a newer registration claims (a repair of version 1 after
// version 2 was installed) holds those keys and values now, so it moves above every
// registration, as if it had been uninstalled and installed again: in each chain it leaves, the
// registration just above inherits what it had found (its prior, or the fact that it created the
// key), and it now finds what the registry holds before this run. Without the move, its
// uninstall would leave its data behind (it is not the top claimant) and the newer one's would
// keep them as "changed by someone else". A reinstall that writes nothing keeps its place.
void move_to_top_if_over_newer(const RegistryBackend& registry, const Plan& plan,
                               const std::vector<ownership::Record>& records,
                               const std::vector<ownership::ValueClaim>& found_now,
                               const std::unordered_set<std::string>& written,
                               ownership::Record& me, std::vector<Change>& changes) {
  std::vector<ownership::Record> above;  // the newer registrations, as found
  for (const auto& r : records) {
    if (r.sequence > me.sequence && !r.legacy && !text::iequals(r.path, me.path)) {
      above.push_back(r);
    }
  }
  // Each newer registration's claims by id (folded key, or value_id): where it claims them.
  // Indexed once, so that a repair of a big registration costs what it writes, not its square.
  struct Claims {
    std::unordered_map<std::string, std::size_t> keys, values;
  };
  std::vector<Claims> index(above.size());
  for (std::size_t i = 0; i < above.size(); ++i) {
    for (std::size_t j = 0; j < above[i].keys.size(); ++j) {
      index[i].keys.emplace(text::fold_case(above[i].keys[j].key), j);
    }
    for (std::size_t j = 0; j < above[i].values.size(); ++j) {
      const auto& v = above[i].values[j];
      index[i].values.emplace(ownership::value_id(v.key, v.name), j);
    }
  }
  const bool over_newer = std::any_of(index.begin(), index.end(), [&](const Claims& c) {
    return std::any_of(written.begin(), written.end(), [&](const std::string& id) {
      return c.keys.count(id) != 0 || c.values.count(id) != 0;
    });
  });
  if (!over_newer) return;
  std::vector<ownership::Record> moved = above;
  // The lowest of the newer registrations that claims `id` (in `of`: keys or values), and
  // where; nullptr if none does.
  const auto lowest = [&](std::unordered_map<std::string, std::size_t> Claims::*of,
                          const std::string& id, std::size_t& at) -> ownership::Record* {
    ownership::Record* next = nullptr;
    for (std::size_t i = 0; i < moved.size(); ++i) {
      const auto& claims = index[i].*of;
      const auto found = claims.find(id);
      if (found != claims.end() && (next == nullptr || moved[i].sequence < next->sequence)) {
        next = &moved[i];
        at = found->second;
      }
    }
    return next;
  };
  std::unordered_map<std::string, const std::optional<RegValue>*> now;
  for (const auto& v : found_now) now.emplace(ownership::value_id(v.key, v.name), &v.prior);
  for (auto& k : me.keys) {
    std::size_t at = 0;
    ownership::Record* next = lowest(&Claims::keys, text::fold_case(k.key), at);
    if (next == nullptr || !k.created) continue;
    next->keys[at].created = true;
    k.created = false;
  }
  for (auto& v : me.values) {
    const std::string id = ownership::value_id(v.key, v.name);
    std::size_t at = 0;
    ownership::Record* next = lowest(&Claims::values, id, at);
    if (next == nullptr) continue;
    next->values[at].prior = v.prior;
    const auto it = now.find(id);
    v.prior = it != now.end() ? *it->second
                              : registry.get_value(claim_path(plan, v.key, registry), v.name);
  }
  std::uint64_t top = 0;
  for (const auto& r : records) top = std::max(top, r.sequence);
  me.sequence = top + 1;
  for (std::size_t i = 0; i < above.size(); ++i) {
    ownership::record_changes(registry, plan.options.scope, above[i], moved[i], changes);
  }
}

// Whether the record's claims and the new ones are all different keys and values, told by
// their hashes (false also when two only hash alike: the caller then checks exactly).
bool all_distinct(const ownership::Record& wanted, const std::vector<ownership::KeyClaim>& keys,
                  const std::vector<ownership::ValueClaim>& values) {
  Folder fold;
  SeenHashes seen_keys(wanted.keys.size() + keys.size());
  for (const auto* list : {&wanted.keys, &keys}) {
    for (const auto& k : *list) {
      if (!seen_keys.add(fold(k.key))) return false;
    }
  }
  SeenHashes seen_values(wanted.values.size() + values.size());
  for (const auto* list : {&wanted.values, &values}) {
    for (const auto& v : *list) {
      if (!seen_values.add(fold.join(v.key, "\t", v.name))) return false;
    }
  }
  return true;
}

}  // namespace

Status execute_changes(const std::vector<Change>& changes, RegistryBackend& registry,
                       std::size_t& done) {
  done = 0;
  // An uninstall lists every key it deletes, each right after the key above it: a key below
  // the tree deleted last went with it, and asking the store to delete it again is a wasted
  // request (on the live registry, a failed open each; a tenth of an uninstall's requests).
  std::string_view last_tree;
  for (const auto& c : changes) {
    if (c.kind == Change::Kind::delete_tree) {
      const std::string_view key = c.key;
      if (!last_tree.empty() && key.size() > last_tree.size() && key[last_tree.size()] == '\\' &&
          text::iequals(key.substr(0, last_tree.size()), last_tree)) {
        ++done;
        continue;
      }
      last_tree = key;
    } else {
      last_tree = {};  // a key made or written since may be inside
    }
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
  // What this registration claims, as the loop finds it: each key and value with what was there.
  std::vector<ownership::KeyClaim> key_claims;
  std::vector<ownership::ValueClaim> value_claims;
  const bool recording = !options.owner.empty();
  // Keys this run creates: they are known to be empty (no value to read back) and so are their
  // subkeys (no existence check). Reads of the live registry are server round trips; skipping
  // the ones whose answer is known keeps install as fast as a plain import.
  PackedFoldedIds created(plan.ops.size());  // store paths, compared folded
  // The claims this run writes (indices in key_claims and value_claims). Only a reinstall
  // needs them as ids (move_to_top_if_over_newer): a first install makes no id of them.
  std::vector<std::size_t> written_keys;
  std::vector<std::size_t> written_values;
  // Sized once, with room for the record's own changes (its containers, a list per 2,000
  // claims): growing moves every change made so far, and the reserve below for them found a
  // vector exactly full and moved 327,700 changes (76 MB) into a second one. A value that had a
  // prior value may still grow it there.
  changes.reserve(plan.ops.size() + plan.ops.size() / 1000 + 32);
  if (recording) {
    key_claims.reserve(plan.ops.size());
    value_claims.reserve(plan.ops.size());
  }
  // registry_path() of each operation, without its per-call copies of the root.
  const std::string root = classes_root(plan.options.scope) + "\\";
  const bool redirects = registry.redirects_views();
  const auto was_created = [&created](std::string_view path) {
    return created.find(path) != FoldedIndex::none;
  };
  for (const auto& op : plan.ops) {
    std::string physical = physical_key(op.key, plan.options.view);
    const std::string_view key = redirects ? std::string_view(op.key) : std::string_view(physical);
    std::string path;
    path.reserve(root.size() + key.size());
    path += root;
    path += key;
    if (op.kind == OpKind::create_key) {
      if (was_created(path)) continue;
      const std::size_t sep = path.rfind('\\');
      const bool parent_created =
          sep != std::string::npos && was_created(std::string_view(path).substr(0, sep));
      if (!parent_created && registry.key_exists(path)) {
        if (recording) key_claims.push_back({std::move(physical), false});
        continue;
      }
      if (recording && !parent_created) {
        // Containers the store makes on the way (AppID, Interface, Wow6432Node\CLSID in a
        // fresh hive) are this registration's too, or nobody would ever remove them.
        claim_missing_parents(plan, registry, op.key, created, key_claims);
      }
      created.add({path});
      changes.push_back(
          change(Change::Kind::create_key, std::move(path), {}, {}, {}, plan.origin_of(op)));
      if (recording) {
        written_keys.push_back(key_claims.size());
        key_claims.push_back({std::move(physical), true});
      }
      continue;
    }
    std::optional<RegValue> before;
    if (!was_created(path)) before = registry.get_value(path, op.name);
    if (recording) value_claims.push_back({std::move(physical), op.name, before});
    if (before && *before == op.value) continue;
    if (recording) written_values.push_back(value_claims.size() - 1);
    changes.push_back(change(Change::Kind::set_value, std::move(path), op.name, before, op.value,
                             plan.origin_of(op)));
  }
  // Nothing to change and nobody else recorded: a registration that is already complete without
  // a record (imported from a .reg file) keeps going by the plan's ownership. When others are
  // recorded, this one's claims are recorded even if it changes nothing (version 2 of the same
  // classes over version 1): their uninstalls must leave it its keys.
  std::vector<ownership::Record> records;
  if (recording) records = ownership::read_all_records(registry, plan.options.scope);
  if (recording && (!changes.empty() || !records.empty())) {
    ownership::Record absent;
    const ownership::Record& current = find_record(registry, records, plan, options.owner, absent);
    ownership::Record wanted = current.legacy ? claims_of_legacy(current, plan) : current;
    wanted.path =
        ownership::record_key(registry, plan.options.scope, plan.options.view, options.owner);
    if (!current.exists || current.legacy) {
      // A new registration sits above every one there is. The number is not kept anywhere
      // else: it only orders the registrations present, so their bookkeeping leaves nothing
      // behind when the last of them goes.
      std::uint64_t top = 0;
      for (const auto& r : records) top = std::max(top, r.sequence);
      wanted.sequence = top + 1;
    } else {
      // What this run writes, as claim ids (folded physical key; value_id for a value).
      std::unordered_set<std::string> written;
      for (const std::size_t i : written_keys) written.insert(text::fold_case(key_claims[i].key));
      for (const std::size_t i : written_values) {
        written.insert(ownership::value_id(value_claims[i].key, value_claims[i].name));
      }
      move_to_top_if_over_newer(registry, plan, records, value_claims, written, wanted, changes);
    }
    // A reinstall keeps its claims (and what each found); new ones are added.
    if (all_distinct(wanted, key_claims, value_claims)) {
      // The common case, a first install: every claim is new, no set of ids is needed, and
      // with no claims before, the lists themselves become the record's (a copy was 42 MB of
      // new memory at 10,000 classes).
      const auto append = [](auto& to, auto& from) {
        if (to.empty()) {
          to = std::move(from);
          return;
        }
        to.reserve(to.size() + from.size());
        std::move(from.begin(), from.end(), std::back_inserter(to));
      };
      append(wanted.keys, key_claims);
      append(wanted.values, value_claims);
    } else {
      // Sized once: moving a few hundred thousand claims on each growth costs more than slack.
      wanted.keys.reserve(wanted.keys.size() + key_claims.size());
      wanted.values.reserve(wanted.values.size() + value_claims.size());
      std::unordered_set<std::string> claimed;
      for (const auto& k : wanted.keys) claimed.insert(text::fold_case(k.key));
      for (auto& k : key_claims) {
        if (claimed.insert(text::fold_case(k.key)).second) wanted.keys.push_back(std::move(k));
      }
      claimed.clear();
      for (const auto& v : wanted.values) claimed.insert(ownership::value_id(v.key, v.name));
      for (auto& v : value_claims) {
        if (claimed.insert(ownership::value_id(v.key, v.name)).second) {
          wanted.values.push_back(std::move(v));
        }
      }
    }
    // The record's changes: containers, a list per 2,000 claims, a prior per value that had
    // one. Room for them now, or the first of them moves every change made so far.
    std::size_t priors = 0;
    for (const auto& v : wanted.values) priors += v.prior ? 1 : 0;
    changes.reserve(changes.size() + 16 + priors +
                    (wanted.keys.size() + wanted.values.size()) / 2000);
    if (current.legacy) {
      // The old record goes; the new one is written at its identity's place.
      changes.push_back(
          change(Change::Kind::delete_tree, current.path, {}, {}, {}, "ownership record"));
      ownership::Record none;
      ownership::record_changes(registry, plan.options.scope, none, wanted, changes);
    } else {
      ownership::record_changes(registry, plan.options.scope, current, wanted, changes);
    }
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

namespace {

std::size_t depth(std::string_view key) {
  return static_cast<std::size_t>(std::count(key.begin(), key.end(), '\\'));
}

// What the plan says of each key and value (where it came from, the data it writes), by id
// compared folded: a key by its physical path, a value by path <TAB> name (ownership::value_id);
// the first operation on an id speaks for it. Each set is made the first time it is asked: an
// uninstall alone in its scope asks for values only where a key it did not create alone holds
// them, mostly never (a 10,000-class plan has 172,500 value ids, made and asked for 2-3 % of an
// uninstall). The ids lie one after the other in one buffer per set.
class PlannedIds {
 public:
  explicit PlannedIds(const Plan& plan) : plan_(plan) {}
  const Operation* key(std::string_view id) { return find(keys_, true, id); }
  const Operation* value(std::string_view id) { return find(values_, false, id); }

 private:
  struct Ids {
    std::optional<PackedFoldedIds> ids;
    std::vector<const Operation*> ops;  // by the id's number
  };

  const Operation* find(Ids& set, bool keys, std::string_view id) {
    if (!set.ids) make(set, keys);
    const std::uint32_t i = set.ids->find(id);
    return i == FoldedIndex::none ? nullptr : set.ops[i];
  }

  void make(Ids& set, bool keys) {
    std::size_t count = 0;  // the table sized for this set: for every operation it was 8 MB
    for (const auto& op : plan_.ops) count += (op.kind == OpKind::create_key) == keys ? 1 : 0;
    set.ids.emplace(count);
    std::string physical;
    for (const auto& op : plan_.ops) {
      if ((op.kind == OpKind::create_key) != keys) continue;
      // physical_key() is the key itself in the 64-bit view: no copy made there.
      const std::string_view key = plan_.options.view == View::v64
                                       ? std::string_view(op.key)
                                       : (physical = physical_key(op.key, plan_.options.view));
      const bool added =
          keys ? set.ids->add({key}).second : set.ids->add({key, "\t", op.name}).second;
      if (added) set.ops.push_back(&op);
    }
  }

  const Plan& plan_;
  Ids keys_;
  Ids values_;
};

// Takes one registration out of the registry and out of every chain it is in: for each key and
// value it claims, the registration above it inherits what it found (so the order of
// uninstalls does not matter); where none is above, the registry gets back what it found (a
// value's prior data, or no value; a key it created goes when nothing else is in it).
void withdraw(const Plan& plan, const RegistryBackend& registry,
              const std::vector<ownership::Record>& records, const ownership::Record& found,
              ApplyReport& report) {
  std::optional<ownership::Record> converted;
  const ownership::Record& me =
      found.legacy ? converted.emplace(claims_of_legacy(found, plan)) : found;
  std::vector<ownership::Record> others;
  KeyTrees legacy_trees;    // claimed by records of the old format
  FoldedSet legacy_values;  // value ids they overwrote
  bool others_in_view = false;
  bool other_view = false;
  for (const auto& r : records) {
    if (text::iequals(r.path, found.path)) continue;
    others_in_view = others_in_view || r.view == found.view;
    if (r.legacy) {
      for (const auto& t : r.legacy->created) legacy_trees.add(t);
      for (const auto& v : r.legacy->overwritten)
        legacy_values.insert(ownership::value_id(v.key, v.name));
      continue;
    }
    other_view = other_view || r.view != found.view;
    others.push_back(r);
  }
  const std::vector<ownership::Record> as_found = others;
  std::vector<bool> dirty(others.size(), false);
  struct At {
    std::size_t record;
    std::size_t claim;
  };
  Folder fold;        // for lookups
  Folder fold_other;  // for a second lookup while `fold`'s view is in use
  // A registration of the other view claims the same key only where the two views share it.
  // Records name keys as Windows lays the views out (ProgIDs shared); a store that redirects
  // views itself is asked, once per key this registration claims too, since Wine keeps ProgIDs
  // apart per view. Keys only the other registration claims need no answer.
  FoldedSet claimed_by_me;
  if (other_view && registry.redirects_views()) {
    for (const auto& k : me.keys) claimed_by_me.insert(text::fold_case(k.key));
  }
  FoldedMap<bool> shared_by_views;
  const auto claims_here = [&](const ownership::Record& r, const std::string& key) {
    if (r.view == found.view || !registry.redirects_views()) return true;
    std::string folded = text::fold_case(key);
    if (claimed_by_me.count(folded) == 0) return true;
    const auto [at, fresh] = shared_by_views.try_emplace(std::move(folded), true);
    if (fresh) at->second = registry.same_key_in_both_views(claim_path(plan, key, registry));
    return at->second;
  };
  FoldedMap<std::vector<At>> key_claimants;
  FoldedMap<std::vector<At>> value_claimants;
  for (std::size_t i = 0; i < others.size(); ++i) {
    for (std::size_t j = 0; j < others[i].keys.size(); ++j) {
      if (!claims_here(others[i], others[i].keys[j].key)) continue;
      key_claimants[text::fold_case(others[i].keys[j].key)].push_back({i, j});
    }
    for (std::size_t j = 0; j < others[i].values.size(); ++j) {
      const auto& v = others[i].values[j];
      if (!claims_here(others[i], v.key)) continue;
      value_claimants[ownership::value_id(v.key, v.name)].push_back({i, j});
    }
  }
  // The claimant just above this registration (nullptr: it is the top one), and whether any
  // is below it.
  const auto above = [&](const std::vector<At>* claimants, bool& below) -> const At* {
    const At* next = nullptr;
    below = false;
    if (claimants == nullptr) return nullptr;
    for (const auto& at : *claimants) {
      const std::uint64_t s = others[at.record].sequence;
      if (s <= me.sequence) {
        below = true;
      } else if (next == nullptr || s < others[next->record].sequence) {
        next = &at;
      }
    }
    return next;
  };
  // Registrations alone in their scope (the common case) have no claimants: no id is hashed.
  const auto find = [](auto& map, std::string_view id) {
    using Found = decltype(&map.find(id)->second);
    if (map.empty()) return Found{};
    const auto it = map.find(id);
    return it == map.end() ? nullptr : &it->second;
  };
  PlannedIds planned(plan);
  const auto origin_of = [&](const Operation* op) {
    return op == nullptr ? std::string("ownership record") : plan.origin_of(*op);
  };

  // This registration's keys with their store paths, in the record's order.
  struct OwnKey {
    const ownership::KeyClaim* claim;
    std::string path;        // in the store
    std::string folded;      // `path` folded
    std::string folded_key;  // the claim's key folded
    std::size_t depth;       // of the claimed key, counted once for the sort below
    // What `mine` gives for `folded` and for its parent path (everything before its last
    // '\\'), asked once here: the loops below ask about every key and its parent several
    // times (a million lookups in a 10,000-class uninstall, a tenth of its instructions).
    std::uint32_t first = 0;
    std::uint32_t parent = 0;
  };
  std::vector<OwnKey> own_keys;
  own_keys.reserve(me.keys.size());
  // own_keys by folded path, and the keys this registration created that no other claims, by
  // folded key (the indexes keep numbers into own_keys, not strings).
  FoldedIndex my_keys(me.keys.size());
  FoldedIndex created_alone;
  const auto own_path = [&own_keys](std::uint32_t i) -> std::string_view {
    return own_keys[i].folded;
  };
  const auto own_key = [&own_keys](std::uint32_t i) -> std::string_view {
    return own_keys[i].folded_key;
  };
  for (const auto& k : me.keys) {
    std::string path = claim_path(plan, k.key, registry);
    std::string folded = text::fold_case(path);
    own_keys.push_back(
        {&k, std::move(path), std::move(folded), text::fold_case(k.key), depth(k.key)});
    OwnKey& own = own_keys.back();
    const auto number = static_cast<std::uint32_t>(own_keys.size() - 1);
    own.first = my_keys.insert(own.folded, number, own_path).first;
    if (k.created && key_claimants.count(own.folded_key) == 0) {
      created_alone.insert(own.folded_key, number, own_key);
    }
  }
  const auto mine = [&](std::string_view folded_path) {
    return my_keys.find(folded_path, own_path);  // FoldedIndex::none when not
  };
  for (auto& k : own_keys) {
    const std::size_t sep = k.folded.rfind('\\');
    k.parent = mine(sep == std::string::npos ? std::string_view()
                                             : std::string_view(k.folded).substr(0, sep));
  }

  // The values this registration takes back, in the record's order, with the data found: a
  // Change is made at the end, and only for those whose key does not go whole (nearly all do:
  // a Change per value, its path and data copied, was made and then dropped).
  struct ValueChange {
    const ownership::ValueClaim* claim;
    std::optional<RegValue> found;
    std::uint32_t deleted;  // its id's number in `deleting`; FoldedIndex::none: prior restored
  };
  std::vector<ValueChange> value_changes;
  value_changes.reserve(me.values.size());
  PackedFoldedIds deleting(me.values.size());  // path <TAB> name of each value deleted
  Folder fold_value;                           // the id of the value the loop is at
  std::string value_path;                      // its store path
  // Per key of own_keys (the number `mine` gives): the values deleted in it, and its subkeys
  // found to go whole. A key that holds just as many of each goes whole without its names
  // being listed (the live registry counts them in one request; a listing is one per name).
  std::vector<std::uint32_t> deleted_in(own_keys.size(), 0);
  std::vector<std::uint32_t> going_below(own_keys.size(), 0);
  // Per id in `deleting`: the number `mine` gives for its key (FoldedIndex::none: not ours).
  std::vector<std::uint32_t> key_of_deleted;
  key_of_deleted.reserve(me.values.size());
  for (const auto& c : me.values) {
    const std::string_view id = fold_value.join(c.key, "\t", c.name);  // value_id()
    bool below = false;
    if (const At* next = above(find(value_claimants, id), below); next != nullptr) {
      others[next->record].values[next->claim].prior = c.prior;
      dirty[next->record] = true;
      continue;
    }
    ownership::claim_path(registry, plan.options.scope, c.key, value_path);
    auto now = registry.get_value(value_path, c.name);
    if (!now) continue;
    const auto where = [&] {
      return "value " + (c.name.empty() ? std::string("@") : "\"" + c.name + "\"") + " in " +
             value_path;
    };
    // Inside a key this registration created and alone claims, a value it added goes even if
    // someone changed its data: without the key, the registry is as it was. Elsewhere a changed
    // value is someone else's now. (A value id starts with its key, folded.)
    const bool own_key_alone =
        !c.prior && created_alone.find(id.substr(0, c.key.size()), own_key) != FoldedIndex::none;
    if (const Operation* p = own_key_alone ? nullptr : planned.value(id);
        p != nullptr && !(*now == p->value)) {
      report.kept.push_back(where() + " (changed by someone else since comreg wrote it)");
      continue;
    }
    if (c.prior) {
      if (!(*c.prior == *now)) value_changes.push_back({&c, std::move(now), FoldedIndex::none});
      continue;
    }
    if (below || (!legacy_values.empty() && legacy_values.count(id) != 0)) {
      report.kept.push_back(where() + " (also registered by another registration)");
      continue;
    }
    const auto [number, added] = deleting.add({value_path, "\t", c.name});
    value_changes.push_back({&c, std::move(now), number});
    if (added) {
      const std::uint32_t key = mine(fold(value_path));
      key_of_deleted.push_back(key);
      if (key != FoldedIndex::none) ++deleted_in[key];
    }
  }

  std::vector<const OwnKey*> deepest_first;
  deepest_first.reserve(own_keys.size());
  for (const auto& k : own_keys) deepest_first.push_back(&k);
  std::stable_sort(deepest_first.begin(), deepest_first.end(),
                   [](const auto* a, const auto* b) { return a->depth > b->depth; });
  // Whether each of own_keys goes whole (asked through `mine`: the first of equal paths).
  std::vector<char> deletable(own_keys.size(), 0);
  const auto is_deletable = [&](std::string_view folded_path) {
    const std::uint32_t i = mine(folded_path);
    return i != FoldedIndex::none && deletable[i] != 0;
  };
  // Marks own_keys[i] as going whole, once, and counts it below its parent when the parent is
  // one of own_keys (paths with an empty name in them are not counted: those keys are listed).
  const auto goes_whole = [&](std::uint32_t i) {
    if (deletable[i] != 0) return;
    deletable[i] = 1;
    const std::string_view key_path = own_keys[i].folded;
    const std::size_t sep = key_path.rfind('\\');
    if (sep == std::string_view::npos || sep == 0 || sep + 1 == key_path.size() ||
        key_path[sep - 1] == '\\') {
      return;
    }
    if (const std::uint32_t parent = own_keys[i].parent; parent != FoldedIndex::none) {
      ++going_below[parent];
    }
  };
  const auto goes = [&deletable](std::uint32_t i) {
    return i != FoldedIndex::none && deletable[i] != 0;
  };
  for (const OwnKey* own : deepest_first) {
    const ownership::KeyClaim* c = own->claim;
    const std::string& path = own->path;
    const std::string& folded = own->folded;
    const std::string& folded_key = own->folded_key;
    const auto* claimants = find(key_claimants, folded_key);
    const bool legacy_claimed = legacy_trees.contains(c->key);
    if (claimants != nullptr || legacy_claimed) {
      if (c->created && claimants != nullptr) {
        // Everyone else found the key there: the lowest of them now stands where it was made.
        bool below = false;
        if (const At* next = above(claimants, below); next != nullptr) {
          others[next->record].keys[next->claim].created = true;
          dirty[next->record] = true;
        }
      }
      continue;
    }
    if (!registry.key_exists(path)) continue;
    if (!c->created) {
      const Operation* p = planned.key(folded_key);
      const bool shared = p != nullptr && p->ownership == Ownership::shared;
      report.kept.push_back(
          "key " + path +
          (shared ? " (shared with other products)" : " (it was there before comreg installed)"));
      continue;
    }
    const std::uint32_t number = own->first;
    if (const auto counts = registry.key_counts(path);
        counts && counts->values == deleted_in[number] && counts->subkeys == going_below[number]) {
      goes_whole(number);
      continue;
    }
    bool whole = true;
    for (const auto& name : registry.value_names(path)) {
      if (deleting.find(fold.join(folded, "\t", name)) != FoldedIndex::none) continue;
      whole = false;
      const bool ours = planned.value(fold.join(folded_key, "\t", name)) != nullptr;
      if (!ours) {
        report.kept.push_back("value " + (name.empty() ? std::string("@") : "\"" + name + "\"") +
                              " in " + path + " (not written by comreg)");
      }
    }
    bool foreign = !whole;
    const At* heir = nullptr;  // a registration with a key inside: the container becomes its
    for (const auto& sub : registry.subkeys(path)) {
      const std::string_view folded_child = fold.join(folded, "\\", sub);
      if (is_deletable(folded_child)) continue;
      whole = false;
      if (const auto* inside = key_claimants.empty()
                                   ? nullptr
                                   : find(key_claimants, fold_other.join(c->key, "\\", sub));
          inside != nullptr && !inside->empty()) {
        if (heir == nullptr) heir = &inside->front();
        continue;
      }
      if (mine(folded_child) == FoldedIndex::none) {
        report.kept.push_back("key " + path + "\\" + sub + " (not written by comreg)");
      }
      foreign = true;
    }
    if (whole) {
      goes_whole(number);
      continue;
    }
    if (heir != nullptr) {
      // A container this registration created (CLSID in a fresh hive, Wow6432Node) that
      // another one still has keys in: it inherits the key, and removes it when it goes.
      const At at = *heir;
      others[at.record].keys.push_back({c->key, true});
      dirty[at.record] = true;
      key_claimants[folded_key].push_back({at.record, others[at.record].keys.size() - 1});
    }
    if (foreign) report.kept.push_back("key " + path + " (holds content not written by comreg)");
  }

  // At most every value change and a tree per key, and the records' few: sized once, since a
  // Change is big and a growth moves every one made so far.
  report.changes.reserve(report.changes.size() + value_changes.size() + own_keys.size() + 16);
  for (auto& v : value_changes) {
    const ownership::ValueClaim& c = *v.claim;
    if (v.deleted != FoldedIndex::none && goes(key_of_deleted[v.deleted])) {
      continue;  // its key goes whole
    }
    const bool restore = v.deleted == FoldedIndex::none;
    report.changes.push_back(
        change(restore ? Change::Kind::set_value : Change::Kind::delete_value,
               claim_path(plan, c.key, registry), c.name, v.found, restore ? c.prior : std::nullopt,
               origin_of(planned.value(fold_value.join(c.key, "\t", c.name)))));
  }
  for (const auto& k : own_keys) {
    if (!goes(k.first) || goes(k.parent)) continue;
    report.changes.push_back(change(Change::Kind::delete_tree, k.path, {}, {}, {},
                                    origin_of(planned.key(k.folded_key))));
    deletable[k.first] = 0;  // listed once
  }
  for (std::size_t i = 0; i < others.size(); ++i) {
    if (dirty[i]) {
      ownership::record_changes(registry, plan.options.scope, as_found[i], others[i],
                                report.changes);
    }
  }
  ownership::remove_record_changes(registry, plan.options.scope, found, others_in_view,
                                   !records.empty() && records.size() > 1, report.changes);
}

}  // namespace

ApplyReport uninstall(const Plan& plan, RegistryBackend& registry, const ApplyOptions& options) {
  ApplyReport report;
  if (!options.owner.empty()) {
    const auto records = ownership::read_all_records(registry, plan.options.scope);
    ownership::Record absent;
    const ownership::Record& found = find_record(registry, records, plan, options.owner, absent);
    if (found.exists) {
      // withdraw() reads each value the record names, then counts its key, and the journal
      // reads the keys that go whole: on the live registry, one read of each small key.
      registry.expect_whole_key_reads();
      withdraw(plan, registry, records, found, report);
      apply_changes(report, registry, options, "uninstall");
      return report;
    }
  }
  // No record: the plan's owned trees are presumed ours (a registration made from a .reg
  // file); a value holding other data than the plan's is someone else's.
  std::vector<std::string> trees;
  for (const auto& key : owned_roots(plan)) trees.push_back(registry_path(plan, key, registry));
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
    remove_tree(plan, tree, ops_of_tree[folded], /*strict=*/true, registry, report);
  }
  // Values in keys that are not ours: only ours, only while they still hold the plan's data.
  for (const auto& op : plan.ops) {
    if (op.kind != OpKind::set_value) continue;
    const std::string path = registry_path(plan, op.key, registry);
    if (ours.contains(path)) continue;
    const auto before = registry.get_value(path, op.name);
    if (!before) continue;
    if (!(*before == op.value)) {
      report.kept.push_back("value " +
                            (op.name.empty() ? std::string("@") : "\"" + op.name + "\"") + " in " +
                            path + " (changed by someone else since comreg wrote it)");
      continue;
    }
    report.changes.push_back(
        change(Change::Kind::delete_value, path, op.name, before, {}, plan.origin_of(op)));
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

namespace {

// At least the length of a value's display(): its strings may have every character escaped.
std::size_t display_bound(const RegValue& v) {
  std::size_t n = 24 + 3 * v.bytes.size() + 2 * v.text.size();
  for (const auto& s : v.strings) n += 4 + 2 * s.size();
  return n;
}

// At least the length of the text report's change lines. Reserved at a guess per line, the
// text outgrew it and was copied once: the ownership record's lists are lines of hundreds of
// kilobytes (40 MB printed for a 10,000-class install, 37 MB copied). Room that is reserved
// and never written is not touched.
std::size_t report_bound(const ApplyReport& report) {
  std::size_t n = 64;
  for (const auto& c : report.changes) {
    n += 32 + c.key.size() + c.name.size();
    if (c.kind == Change::Kind::set_value) n += display_bound(c.value);
    if (c.prior) n += 24 + display_bound(*c.prior);
  }
  return n;
}

// A value's name in the report: @ for the default value, else in quotes.
void append_value_name(std::string& out, const std::string& name) {
  if (name.empty()) {
    out += '@';
    return;
  }
  out += '"';
  out += name;
  out += '"';
}

}  // namespace

std::string format_apply_report(const ApplyReport& report, bool json) {
  if (json) {
    return apply_report_json(report).dump(2, ' ', false,
                                          nlohmann::ordered_json::error_handler_t::replace) +
           "\n";
  }
  // Appended in place: a 10,000-class install lists 327,700 changes, and building each line
  // from temporaries made 6.5 million allocations.
  std::string out;
  out.reserve(report_bound(report));
  for (const auto& c : report.changes) {
    switch (c.kind) {
      case Change::Kind::create_key:
        out += "+ key   ";
        out += c.key;
        out += '\n';
        break;
      case Change::Kind::delete_tree:
        out += "- key   ";
        out += c.key;
        out += '\n';
        break;
      case Change::Kind::set_value:
        out += c.prior ? "~ value " : "+ value ";
        out += c.key;
        out += ' ';
        append_value_name(out, c.name);
        out += " = ";
        out += reg_type_name(c.value.type);
        out += ' ';
        c.value.display(out);
        if (c.prior) {
          out += " (was ";
          out += reg_type_name(c.prior->type);
          out += ' ';
          c.prior->display(out);
          out += ')';
        }
        out += '\n';
        break;
      case Change::Kind::delete_value:
        out += "- value ";
        out += c.key;
        out += ' ';
        append_value_name(out, c.name);
        out += '\n';
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
