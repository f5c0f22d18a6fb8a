// Where a registry target's journal lives, and the keys its entries may name. A journal is
// input that outlives the run that wrote it: whoever can write it steers the next run, so
// recover() applies only what a run on that target could itself have written.
#include <string_view>

#include "comreg/apply/journal.hpp"
#include "core/ascii.hpp"

namespace comreg {
namespace {

// `key` is `root` or below it, compared without case and at whole key names.
bool at_or_below(std::string_view key, std::string_view root) {
  if (root.empty() || key.size() < root.size()) return false;
  if (!text::iequals(key.substr(0, root.size()), root)) return false;
  return key.size() == root.size() || key[root.size()] == '\\';
}

// A well-formed full key: no empty names (a doubled or trailing backslash).
bool well_formed(std::string_view key) {
  if (key.empty() || key.front() == '\\' || key.back() == '\\') return false;
  return key.find("\\\\") == std::string_view::npos;
}

bool inside(std::string_view key, const std::vector<std::string>& bounds) {
  if (!well_formed(key)) return false;
  for (const auto& root : bounds) {
    if (at_or_below(key, root)) return true;
  }
  return false;
}

// The first snapshot subkey whose name could not come from a registry (empty, or a path).
const KeySnapshot* bad_name(const KeySnapshot& tree) {
  for (const auto& sub : tree.subkeys) {
    if (sub.name.empty() || sub.name.find('\\') != std::string::npos) return &sub;
    if (const KeySnapshot* bad = bad_name(sub)) return bad;
  }
  return nullptr;
}

}  // namespace

std::string JournalSite::path() const {
#ifdef _WIN32
  const char sep = '\\';
#else
  const char sep = '/';
#endif
  if (folder.empty()) return target + ".journal";
  return folder + (folder.back() == sep ? "" : std::string(1, sep)) + target + ".journal";
}

JournalSite live_journal_site(Scope scope, View view, std::string folder) {
  JournalSite site;
  site.folder = std::move(folder);
  site.target = std::string(to_string(scope)) + "-" + to_string(view);
  site.trust = scope == Scope::machine ? JournalTrust::machine : JournalTrust::user;
  const std::string classes = classes_root(scope);
  const std::string software = classes.substr(0, classes.rfind('\\'));
  site.bounds = {classes, software + "\\comreg"};
  return site;
}

std::string key_out_of_bounds(const Journal& journal, const std::vector<std::string>& bounds) {
  for (const auto& e : journal.entries) {
    if (!inside(e.key, bounds)) return e.key.empty() ? std::string("(an empty key)") : e.key;
    if (e.kind != RegistryOp::Kind::delete_tree || !e.prior_tree) continue;
    if (const KeySnapshot* bad = bad_name(*e.prior_tree))
      return e.key + "\\" + bad->name + " (a subkey name)";
  }
  return {};
}

}  // namespace comreg
