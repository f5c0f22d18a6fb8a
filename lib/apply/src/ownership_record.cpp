#include "apply/ownership_record.hpp"

#include <cstdio>

#include "core/ascii.hpp"

namespace comreg::ownership {
namespace {

const char* const origin = "ownership record";

Change create(std::string key) {
  Change c;
  c.key = std::move(key);
  c.origin = origin;
  return c;
}

std::string entry_key(const std::string& key, std::size_t i) {
  char index[16];
  std::snprintf(index, sizeof index, "%04zu", i);
  return key + "\\Overwritten\\" + index;
}

void set_new(const std::string& key, const std::string& name, const RegValue& value,
             std::vector<Change>& out) {
  Change c;
  c.kind = Change::Kind::set_value;
  c.key = key;
  c.name = name;
  c.value = value;
  c.origin = origin;
  out.push_back(std::move(c));
}

}  // namespace

std::string record_key(const Plan& plan, std::string_view owner) {
  std::string root = classes_root(plan.options.scope);
  root.resize(root.rfind('\\'));  // …\Software
  std::string name(owner);
  for (auto& c : name) {
    if (c == '\\') c = '_';  // a key name cannot hold a backslash
  }
  return root + "\\comreg\\Registrations\\" + to_string(plan.options.view) + "\\" + name;
}

Record read_record(const RegistryBackend& registry, const std::string& key) {
  Record r;
  if (!registry.key_exists(key)) return r;
  r.exists = true;
  if (const auto created = registry.get_value(key, "Created");
      created && created->type == RegType::multi_sz) {
    r.created = created->strings;
  }
  for (std::size_t i = 0;; ++i) {
    const std::string entry = entry_key(key, i);
    const auto k = registry.get_value(entry, "Key");
    const auto n = registry.get_value(entry, "Name");
    const auto p = registry.get_value(entry, "Prior");
    if (!k || !n || !p) break;
    r.overwritten.push_back({k->text, n->text, *p});
  }
  return r;
}

void record_changes(const RegistryBackend& registry, const Record& current, const Record& wanted,
                    const std::string& key, std::vector<Change>& out) {
  if (!current.exists) out.push_back(create(key));
  const RegValue created = RegValue::multi_sz(wanted.created);
  if (!current.exists || current.created != wanted.created) {
    std::optional<RegValue> before;
    if (current.exists) before = RegValue::multi_sz(current.created);
    set_new(key, "Created", created, out);
    out.back().prior = keep_prior(before);
  }
  for (std::size_t i = current.overwritten.size(); i < wanted.overwritten.size(); ++i) {
    // A create_key change always names a key that is absent (the journal relies on it).
    if (i == 0 && !(current.exists && registry.key_exists(key + "\\Overwritten"))) {
      out.push_back(create(key + "\\Overwritten"));
    }
    const std::string entry = entry_key(key, i);
    const auto& o = wanted.overwritten[i];
    if (!current.exists || !registry.key_exists(entry)) {
      out.push_back(create(entry));
    }
    set_new(entry, "Key", RegValue::sz(o.key), out);
    set_new(entry, "Name", RegValue::sz(o.name), out);
    set_new(entry, "Prior", o.prior, out);
  }
}

std::string relative_to(std::string_view path, std::string_view root) {
  if (path.size() <= root.size() + 1 || !text::iequals(path.substr(0, root.size()), root) ||
      path[root.size()] != '\\') {
    return {};
  }
  return std::string(path.substr(root.size() + 1));
}

}  // namespace comreg::ownership
