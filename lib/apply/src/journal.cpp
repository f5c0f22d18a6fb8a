// Journals: the prior state of a run's changes, rolling back to it, and recovering an
// unfinished run from its journal file.
#include "comreg/apply/journal.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "apply/apply_report_json.hpp"
#include "core/ascii.hpp"

namespace comreg {
namespace {

std::string parent_of(std::string_view path) {
  const std::size_t sep = path.rfind('\\');
  return sep == std::string_view::npos ? std::string() : std::string(path.substr(0, sep));
}

// Folded key paths, looked up by any prefix of one without a copy.
struct PathHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using PathSet = std::unordered_set<std::string, PathHash, std::equal_to<>>;

// The length of the longest prefix of `path` that is one of a set of keys (folded), or npos
// when it is below none. One folded copy of the path, its ancestors looked up as prefixes of
// it: a run journals every change through here.
std::size_t root_above(const PathSet& roots, std::string_view path) {
  if (roots.empty()) return std::string_view::npos;
  const std::string folded = text::fold_case(path);
  for (std::string_view p = folded; !p.empty();) {
    if (roots.find(p) != roots.end()) return p.size();
    const std::size_t sep = p.rfind('\\');
    if (sep == std::string_view::npos) break;
    p = p.substr(0, sep);
  }
  return std::string_view::npos;
}

// Is a key at or below one of a set of keys (folded)?
bool at_or_below(const PathSet& roots, std::string_view path) {
  return root_above(roots, path) != std::string_view::npos;
}

// A change of a rollback; `now` is what it replaces or deletes.
Change undo(Change::Kind kind, const std::string& key, const std::string& name = {},
            const std::optional<RegValue>& now = {}, const RegValue& value = {}) {
  Change c;
  c.kind = kind;
  c.key = key;
  c.name = name;
  c.value = value;
  c.prior = keep_prior(now);
  c.origin = "journal";
  return c;
}

// One read of the store per key of the tree; `key` is a buffer the walk extends and gives back.
KeySnapshot snapshot(const RegistryBackend& registry, std::string& key) {
  KeySnapshot s;
  const std::size_t sep = key.rfind('\\');
  s.name = sep == std::string::npos ? key : key.substr(sep + 1);
  auto contents = registry.read_key(key);
  if (!contents) return s;
  s.values = std::move(contents->values);
  s.subkeys.reserve(contents->subkeys.size());
  const std::size_t length = key.size();
  for (const auto& sub : contents->subkeys) {
    key += '\\';
    key += sub;
    s.subkeys.push_back(snapshot(registry, key));
    key.resize(length);
  }
  return s;
}

void restore(const RegistryBackend& registry, const KeySnapshot& s, const std::string& key,
             bool parent_exists, std::vector<Change>& out) {
  const bool exists = parent_exists && registry.key_exists(key);
  if (!exists) out.push_back(undo(Change::Kind::create_key, key));
  for (const auto& [name, value] : s.values) {
    std::optional<RegValue> now;
    if (exists) now = registry.get_value(key, name);
    if (now && *now == value) continue;
    out.push_back(undo(Change::Kind::set_value, key, name, now, value));
  }
  for (const auto& sub : s.subkeys) restore(registry, sub, key + "\\" + sub.name, exists, out);
}

}  // namespace

Journal make_journal(const std::vector<Change>& changes, const RegistryBackend& registry) {
  Journal j;
  std::unordered_map<std::string, bool> existed;  // folded path -> existed before the run
  auto exists = [&](const std::string& path) {
    const std::string folded = text::fold_case(path);
    const auto it = existed.find(folded);
    if (it != existed.end()) return it->second;
    return existed[folded] = registry.key_exists(path);
  };
  PathSet absent;                          // folded absent_key entries
  std::unordered_set<std::string> values;  // folded "key\nname"
  PathSet trees;
  // The absent key the last key found inside one is in. Absent keys are only added, so it
  // stays absent, and the keys and values below it that follow need no walk up the tree.
  std::string last_inside;
  const auto inside_absent = [&](std::string_view key) {
    const std::size_t n = last_inside.size();
    if (n != 0 && key.size() >= n && (key.size() == n || key[n] == '\\') &&
        (key.compare(0, n, last_inside) == 0 || text::iequals(key.substr(0, n), last_inside))) {
      return true;
    }
    const std::size_t root = root_above(absent, key);
    if (root == std::string_view::npos) return false;
    last_inside.assign(key.substr(0, root));
    return true;
  };
  values.reserve(changes.size());
  j.entries.reserve(changes.size());
  for (const auto& c : changes) {
    switch (c.kind) {
      case Change::Kind::create_key: {
        // A key created here is absent before the run (install computed it so). Nothing asks
        // again: a later key below it is inside the absent tree noted here.
        if (inside_absent(c.key)) break;
        // The topmost missing ancestor: creating the key creates it, rolling back deletes it.
        std::string top = c.key;
        for (std::string p = parent_of(c.key); !p.empty() && !exists(p); p = parent_of(p)) top = p;
        absent.insert(text::fold_case(top));
        j.entries.push_back({RegistryOp::Kind::create_key, top, {}, {}, {}, {}});
        break;
      }
      case Change::Kind::set_value:
      case Change::Kind::delete_value: {
        if (inside_absent(c.key)) break;
        if (!values.insert(text::fold_case(c.key) + "\n" + text::fold_case(c.name)).second) break;
        j.entries.push_back({RegistryOp::Kind::set_value, c.key, c.name, {}, c.prior, {}});
        break;
      }
      case Change::Kind::delete_tree: {
        if (inside_absent(c.key) || at_or_below(trees, c.key) || !exists(c.key)) break;
        trees.insert(text::fold_case(c.key));
        std::string path = c.key;
        j.entries.push_back({RegistryOp::Kind::delete_tree,
                             c.key,
                             {},
                             {},
                             {},
                             std::make_shared<const KeySnapshot>(snapshot(registry, path))});
        break;
      }
    }
  }
  return j;
}

std::vector<Change> rollback_changes(const Journal& journal, const RegistryBackend& registry) {
  std::vector<Change> out;
  PathSet absent;
  PathSet trees;
  for (const auto& e : journal.entries) {
    if (e.kind == RegistryOp::Kind::create_key) absent.insert(text::fold_case(e.key));
    if (e.kind == RegistryOp::Kind::delete_tree) trees.insert(text::fold_case(e.key));
  }
  // Keys that were not there go first (whatever was written inside them goes with them), then
  // deleted trees come back, then single values get their prior data.
  for (const auto& e : journal.entries) {
    if (e.kind != RegistryOp::Kind::create_key || at_or_below(absent, parent_of(e.key))) continue;
    if (registry.key_exists(e.key)) {
      out.push_back(undo(Change::Kind::delete_tree, e.key));
    }
  }
  for (const auto& e : journal.entries) {
    if (e.kind != RegistryOp::Kind::delete_tree || at_or_below(trees, parent_of(e.key))) continue;
    restore(registry, *e.prior_tree, e.key, registry.key_exists(parent_of(e.key)), out);
  }
  for (const auto& e : journal.entries) {
    if (e.kind != RegistryOp::Kind::set_value || at_or_below(absent, e.key) ||
        at_or_below(trees, e.key)) {
      continue;
    }
    const bool key_exists = registry.key_exists(e.key);
    const std::optional<RegValue> now =
        key_exists ? registry.get_value(e.key, e.name) : std::nullopt;
    if (!e.prior) {
      if (now) out.push_back(undo(Change::Kind::delete_value, e.key, e.name, now));
      continue;
    }
    if (now && *now == *e.prior) continue;
    if (!key_exists) out.push_back(undo(Change::Kind::create_key, e.key));
    out.push_back(undo(Change::Kind::set_value, e.key, e.name, now, *e.prior));
  }
  return out;
}

RecoverReport recover(JournalStore& store, RegistryBackend& registry, bool dry_run) {
  RecoverReport report;
  const std::string path = store.path();
  std::string text;
  std::string error;
  const JournalRead read = store.read(text, error);
  if (read == JournalRead::absent) return report;  // nothing unfinished
  report.found = true;
  const auto refuse = [&](BackendErrc code, const std::string& why) {
    report.status = Status::failure(code, "the journal " + path + " " + why);
    return report;
  };
  if (read == JournalRead::failed) {
    return refuse(BackendErrc::access_denied,
                  "is not trusted (" + error +
                      "): nothing was changed; check the registry, then remove the file");
  }
  if (!parse_journal(text, report.journal, error)) {
    return refuse(BackendErrc::io, "is unreadable (" + error +
                                       "): nothing was changed; check the registry, then "
                                       "remove the file");
  }
  const JournalSite& site = store.site();
  if (report.journal.target != site.target) {
    return refuse(BackendErrc::unsupported,
                  "is for " +
                      (report.journal.target.empty() ? "no target" : report.journal.target) +
                      ", not " + site.target + ": nothing was changed");
  }
  if (const std::string outside = key_out_of_bounds(report.journal, site.bounds);
      !outside.empty()) {
    // Not something a run on this target writes: a planted or foreign journal. Applying any
    // of it would let whoever wrote the file steer this (possibly elevated) process.
    return refuse(BackendErrc::access_denied,
                  "names " + outside + ", outside what a run on " + site.target +
                      " can change: nothing was changed; it was not written by comreg for this "
                      "registry, so remove it and check the registry");
  }
  report.changes = rollback_changes(report.journal, registry);
  if (dry_run) return report;
  std::size_t done = 0;
  report.status = execute_changes(report.changes, registry, done);
  if (!report.status.ok()) {
    report.changes.resize(done);
    report.status.message += "; the journal " + path + " is kept: run 'comreg recover' again";
    return report;
  }
  report.status = store.remove();
  return report;
}

std::string format_recover_report(const RecoverReport& report, bool json, bool dry_run) {
  ApplyReport changes;
  changes.changes = report.changes;
  changes.status = report.status;
  if (json) {
    nlohmann::ordered_json out;
    out["found"] = report.found;
    if (report.found) {
      out["operation"] = report.journal.operation;
      out["target"] = report.journal.target;
    }
    out["dryRun"] = dry_run;
    nlohmann::ordered_json body = apply_report_json(changes);
    for (auto& [k, v] : body.items()) out[k] = std::move(v);
    return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  if (!report.found) return "no unfinished install or uninstall: nothing to recover\n";
  std::string head;
  if (report.status.ok() || !report.changes.empty()) {
    const std::string op = report.journal.operation.empty() ? "run" : report.journal.operation;
    head = (dry_run ? "would roll back the unfinished " : "rolled back the unfinished ") + op +
           (report.journal.target.empty() ? "" : " on " + report.journal.target) + "\n";
  }
  return head + format_apply_report(changes, false);
}

}  // namespace comreg
