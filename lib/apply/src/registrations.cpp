#include "comreg/apply/registrations.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "apply/ownership_record.hpp"
#include "core/ascii.hpp"

namespace comreg {

std::string registration_owner(const Assembly& assembly) {
  return assembly.name + " " + assembly.version;
}

OtherClaims claims_of_others(const RegistryBackend& registry, Scope scope, View view,
                             std::string_view owner) {
  OtherClaims out;
  // A claim of the other view's registration counts here only where that key is this view's
  // key too: always in a hive or an export (physical paths tell the views apart), and on the
  // live registry where the store says the two views share it (ProgIDs on Windows 7 and
  // later, but not under Wine), as uninstall decides.
  std::unordered_map<std::string, bool> shared_by_views;
  const auto claims_here = [&](const ownership::Record& r, const std::string& key) {
    if (r.view == view || !registry.redirects_views()) return true;
    const auto [at, fresh] = shared_by_views.try_emplace(text::fold_case(key), true);
    if (fresh)
      at->second = registry.same_key_in_both_views(ownership::claim_path(registry, scope, key));
    return at->second;
  };
  for (const auto& r : ownership::read_all_records(registry, scope)) {
    if (r.legacy || (r.view == view && text::iequals(r.owner, owner))) continue;
    for (const auto& k : r.keys) {
      if (claims_here(r, k.key)) out.keys.insert(text::fold_case(k.key));
    }
    for (const auto& v : r.values) {
      if (claims_here(r, v.key)) out.values.insert(ownership::value_id(v.key, v.name));
    }
  }
  return out;
}

std::vector<RegistrationInfo> list_registrations(const RegistryBackend& registry, Scope scope) {
  const std::vector<ownership::Record> records = ownership::read_all_records(registry, scope);
  std::vector<RegistrationInfo> out;
  // Who claims each key: one pass over every record, so listing stays linear in their size.
  std::unordered_map<std::string, std::vector<std::size_t>> claimants;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    RegistrationInfo info;
    info.owner = r.owner;
    info.view = r.view;
    info.sequence = r.sequence;
    if (r.legacy) {
      info.legacy = true;
      info.keys = info.created = r.legacy->created.size();
      info.values = r.legacy->overwritten.size();
    } else {
      info.keys = r.keys.size();
      info.values = r.values.size();
      for (const auto& k : r.keys) {
        if (k.created) ++info.created;
        claimants[text::fold_case(k.key)].push_back(i);
      }
    }
    out.push_back(std::move(info));
  }
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (records[i].legacy) continue;
    std::map<std::size_t, std::vector<std::string>> with;  // other record -> shared keys
    for (const auto& k : records[i].keys) {
      for (const std::size_t other : claimants[text::fold_case(k.key)]) {
        if (other != i) with[other].push_back(k.key);
      }
    }
    // The others in install order, as the list itself.
    std::vector<std::size_t> order;
    for (const auto& entry : with) order.push_back(entry.first);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return records[a].sequence < records[b].sequence;
    });
    for (const std::size_t other : order) {
      out[i].shared.push_back({records[other].owner, records[other].view, std::move(with[other])});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
  return out;
}

std::string format_registrations(const std::vector<RegistrationInfo>& registrations, Scope scope,
                                 const std::string& where, bool json) {
  if (json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& r : registrations) {
      nlohmann::ordered_json j;
      j["name"] = r.owner;
      j["scope"] = to_string(scope);
      j["view"] = to_string(r.view);
      j["sequence"] = r.sequence;
      j["keys"] = r.keys;
      j["created"] = r.created;
      j["values"] = r.values;
      if (r.legacy) j["legacyRecord"] = true;
      nlohmann::ordered_json shared = nlohmann::ordered_json::array();
      for (const auto& s : r.shared) {
        shared.push_back({{"with", s.owner}, {"view", to_string(s.view)}, {"keys", s.keys}});
      }
      j["shared"] = std::move(shared);
      list.push_back(std::move(j));
    }
    nlohmann::ordered_json doc;
    doc["registry"] = where;
    doc["registrations"] = std::move(list);
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  std::string out;
  for (const auto& r : registrations) {
    out +=
        r.owner + " (" + std::string(to_string(scope)) + ", view " + to_string(r.view) +
        "): " + std::to_string(r.keys) + (r.keys == 1 ? " key" : " keys") + " (" +
        std::to_string(r.created) + " created), " + std::to_string(r.values) +
        (r.values == 1 ? " value" : " values") +
        (r.legacy ? " [recorded by an older comreg: created trees and overwritten values]" : "") +
        "\n";
    for (const auto& s : r.shared) {
      out += "  shares " + std::to_string(s.keys.size()) + (s.keys.size() == 1 ? " key" : " keys") +
             " with " + s.owner + " (view " + to_string(s.view) + "):";
      for (const auto& k : s.keys) out += " " + k;
      out += "\n";
    }
  }
  out += std::to_string(registrations.size()) +
         (registrations.size() == 1 ? " registration" : " registrations") + " in " + where + "\n";
  return out;
}

}  // namespace comreg
