#include "apply/ownership_record.hpp"

#include <cstdio>
#include <iterator>
#include <map>

#include "core/ascii.hpp"

namespace comreg::ownership {
namespace {

const char* const origin = "ownership record";
constexpr std::size_t entries_per_list = 2000;

Change make(Change::Kind kind, std::string key, std::string name = {}) {
  Change c;
  c.kind = kind;
  c.key = std::move(key);
  c.name = std::move(name);
  c.origin = origin;
  return c;
}

std::string list_name(std::string_view base, std::size_t chunk) {
  return chunk == 0 ? std::string(base) : std::string(base) + "." + std::to_string(chunk);
}

// The record's values, named as stored, in the order they are written.
std::vector<std::pair<std::string, RegValue>> encode(const Record& r) {
  std::vector<std::pair<std::string, RegValue>> out;
  out.emplace_back("Sequence", RegValue::qword(r.sequence));
  std::vector<std::string> list;
  std::size_t chunk = 0;
  const auto flush = [&](std::string_view base, bool last) {
    if (list.size() == entries_per_list || (last && (!list.empty() || chunk == 0))) {
      out.emplace_back(list_name(base, chunk++), RegValue::multi_sz(std::move(list)));
      list.clear();
    }
  };
  for (const auto& k : r.keys) {
    list.push_back((k.created ? "+" : "=") + k.key);
    flush("Keys", false);
  }
  flush("Keys", true);
  chunk = 0;
  std::vector<std::pair<std::string, RegValue>> priors;
  for (std::size_t i = 0; i < r.values.size(); ++i) {
    const auto& v = r.values[i];
    std::string& entry = list.emplace_back();  // made at its size: 172,500 at 10,000 classes
    entry.reserve(2 + v.key.size() + v.name.size());
    entry += v.prior ? '~' : '+';
    entry += v.key;
    entry += '\t';
    entry += v.name;
    if (v.prior) priors.emplace_back("Prior." + std::to_string(i), *v.prior);
    flush("Values", false);
  }
  flush("Values", true);
  for (auto& p : priors) out.push_back(std::move(p));
  return out;
}

std::vector<std::string> read_lists(const RegistryBackend& registry, const std::string& key,
                                    std::string_view base) {
  std::vector<std::string> all;
  for (std::size_t chunk = 0;; ++chunk) {
    auto v = registry.get_value(key, list_name(base, chunk));
    if (!v || v->type != RegType::multi_sz) break;
    all.insert(all.end(), std::make_move_iterator(v->strings.begin()),
               std::make_move_iterator(v->strings.end()));
  }
  return all;
}

LegacyRecord read_legacy(const RegistryBackend& registry, const std::string& key) {
  LegacyRecord r;
  if (const auto created = registry.get_value(key, "Created");
      created && created->type == RegType::multi_sz) {
    r.created = created->strings;
  }
  for (std::size_t i = 0;; ++i) {
    char index[16];
    std::snprintf(index, sizeof index, "%04zu", i);
    const std::string entry = key + "\\Overwritten\\" + index;
    const auto k = registry.get_value(entry, "Key");
    const auto n = registry.get_value(entry, "Name");
    const auto p = registry.get_value(entry, "Prior");
    if (!k || !n || !p) break;
    r.overwritten.push_back({k->text, n->text, *p});
  }
  return r;
}

}  // namespace

std::string bookkeeping_key(const RegistryBackend& registry, Scope scope) {
  std::string root = classes_root(scope);
  std::string software = root.substr(0, root.rfind('\\'));  // …\Software
  std::string beside = software + "\\" + std::string(software_bookkeeping_key);
  if (registry.holds(beside)) return beside;
  return root + "\\" + std::string(classes_bookkeeping_key);
}

std::string registrations_key(const RegistryBackend& registry, Scope scope) {
  return bookkeeping_key(registry, scope) + "\\Registrations";
}

std::string view_key(const RegistryBackend& registry, Scope scope, View view) {
  return registrations_key(registry, scope) + "\\" + to_string(view);
}

std::string record_key(const RegistryBackend& registry, Scope scope, View view,
                       std::string_view owner) {
  std::string name(owner);
  for (auto& c : name) {
    if (c == '\\') c = '_';  // a key name cannot hold a backslash
  }
  return view_key(registry, scope, view) + "\\" + name;
}

std::string value_id(std::string_view key, std::string_view name) {
  std::string id = text::fold_case(key);
  id += '\t';
  id += text::fold_case(name);
  return id;
}

Record read_record(const RegistryBackend& registry, const std::string& key, View view,
                   std::string owner) {
  Record r;
  r.path = key;
  r.view = view;
  r.owner = std::move(owner);
  if (!registry.key_exists(key)) return r;
  r.exists = true;
  if (registry.get_value(key, "Created") || registry.key_exists(key + "\\Overwritten")) {
    r.legacy = read_legacy(registry, key);
    return r;
  }
  if (const auto s = registry.get_value(key, "Sequence"); s && s->type == RegType::qword) {
    r.sequence = s->number;
  }
  // Each entry is taken apart in place: a big registration has hundreds of thousands.
  auto keys = read_lists(registry, key, "Keys");
  r.keys.reserve(keys.size());
  for (auto& entry : keys) {
    if (entry.size() < 2) continue;
    const bool created = entry[0] == '+';
    entry.erase(0, 1);
    r.keys.push_back({std::move(entry), created});
  }
  auto values = read_lists(registry, key, "Values");
  r.values.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::string& entry = values[i];
    const std::size_t tab = entry.find('\t');
    if (entry.size() < 2 || tab == std::string::npos) continue;
    const char mark = entry[0];
    ValueClaim v{{}, entry.substr(tab + 1), std::nullopt};
    if (tab == 0) {
      v.key = entry.substr(1);  // malformed ("\tname"): read as before
    } else {
      entry.resize(tab);
      entry.erase(0, 1);
      v.key = std::move(entry);
    }
    if (mark == '~') v.prior = registry.get_value(key, "Prior." + std::to_string(i));
    r.values.push_back(std::move(v));
  }
  return r;
}

std::vector<Record> read_all_records(const RegistryBackend& registry, Scope scope) {
  std::vector<Record> out;
  const std::string registrations = registrations_key(registry, scope);
  if (!registry.key_exists(registrations)) return out;
  for (const View view : {View::v64, View::v32}) {
    const std::string dir = view_key(registry, scope, view);
    if (!registry.key_exists(dir)) continue;
    for (const auto& owner : registry.subkeys(dir)) {
      out.push_back(read_record(registry, dir + "\\" + owner, view, owner));
    }
  }
  return out;
}

void record_changes(const RegistryBackend& registry, Scope scope, const Record& current,
                    const Record& wanted, std::vector<Change>& out) {
  std::map<std::string, RegValue> before;
  if (!current.exists) {
    // A create_key change always names a key that is absent (the journal relies on it).
    bool absent = false;
    for (const std::string& k :
         {bookkeeping_key(registry, scope), registrations_key(registry, scope),
          view_key(registry, scope, wanted.view)}) {
      absent = absent || !registry.key_exists(k);
      if (absent) out.push_back(make(Change::Kind::create_key, k));
    }
    out.push_back(make(Change::Kind::create_key, wanted.path));
  } else {
    for (const auto& name : registry.value_names(current.path)) {
      if (auto v = registry.get_value(current.path, name)) before.emplace(name, std::move(*v));
    }
  }
  for (auto& [name, value] : encode(wanted)) {
    const auto it = before.find(name);
    if (it != before.end()) {
      const bool same = it->second == value;
      std::optional<RegValue> prior = std::move(it->second);
      before.erase(it);
      if (same) continue;
      Change c = make(Change::Kind::set_value, wanted.path, name);
      c.prior = keep_prior(prior);
      c.value = std::move(value);
      out.push_back(std::move(c));
      continue;
    }
    Change c = make(Change::Kind::set_value, wanted.path, name);
    c.value = std::move(value);
    out.push_back(std::move(c));
  }
  for (auto& [name, value] : before) {  // stale entries (a shorter list, a prior now gone)
    Change c = make(Change::Kind::delete_value, wanted.path, name);
    c.prior = keep_prior(std::optional<RegValue>(std::move(value)));
    out.push_back(std::move(c));
  }
}

void remove_record_changes(const RegistryBackend& registry, Scope scope, const Record& gone,
                           bool others_left_in_view, bool others_left_at_all,
                           std::vector<Change>& out) {
  const std::string comreg = bookkeeping_key(registry, scope);
  std::string doomed = gone.path;
  if (!others_left_in_view) doomed = view_key(registry, scope, gone.view);
  if (!others_left_at_all) {
    doomed = registrations_key(registry, scope);
    const auto subkeys = registry.subkeys(comreg);
    if (subkeys.size() == 1 && registry.value_names(comreg).empty()) doomed = comreg;
  }
  out.push_back(make(Change::Kind::delete_tree, doomed));
}

std::string relative_to(std::string_view path, std::string_view root) {
  if (path.size() <= root.size() + 1 || !text::iequals(path.substr(0, root.size()), root) ||
      path[root.size()] != '\\') {
    return {};
  }
  return std::string(path.substr(root.size() + 1));
}

std::string claim_path(const RegistryBackend& registry, Scope scope, std::string_view physical) {
  std::string path;
  claim_path(registry, scope, physical, path);
  return path;
}

void claim_path(const RegistryBackend& registry, Scope scope, std::string_view physical,
                std::string& out) {
  constexpr std::string_view wow = "Wow6432Node\\";
  if (registry.redirects_views() && physical.size() > wow.size() &&
      text::iequals(physical.substr(0, wow.size()), wow)) {
    physical.remove_prefix(wow.size());
  }
  // Uninstall asks for every key and value it withdraws: the roots are made once.
  static const std::string machine = classes_root(Scope::machine);
  static const std::string user = classes_root(Scope::user);
  const std::string& root = scope == Scope::machine ? machine : user;
  out.clear();
  out.reserve(root.size() + 1 + physical.size());
  out += root;
  out += '\\';
  out += physical;
}

}  // namespace comreg::ownership
