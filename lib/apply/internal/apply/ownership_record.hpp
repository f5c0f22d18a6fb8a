// Ownership records: each registration's claims on the keys and values it registered, and what
// each held before it claimed it. They live in the registry they describe (so they travel with
// a hive file), one per registration (assembly name and version, scope, view):
//
//   <bookkeeping>\Registrations\<view>\<name version>
//     Sequence       REG_QWORD     when it was installed: later installs sit above earlier ones
//     Keys[.N]       REG_MULTI_SZ  "+key" (it created the key) or "=key" (the key was there)
//     Values[.N]     REG_MULTI_SZ  "+key<TAB>name" (absent before) or "~key<TAB>name"
//     Prior.<i>      (its type)    for the i-th value entry marked ~: its data before
//
// where <bookkeeping> is <Software>\comreg, or <Classes>\comreg-records in a hive that holds
// only the classes root (bookkeeping_key()).
//
// Keys are physical paths relative to the classes root (Wow6432Node\CLSID\{…} for the 32-bit
// view), so that registrations of both views that share a key (a ProgID, a type library) find
// each other. Lists are split every 2,000 entries, keeping each value small for any store.
//
// Per key or value, the claimants ordered by Sequence form a chain: each one's prior is what the
// one below it set, the lowest one's is what was there before comreg. Uninstall takes its link
// out of the chain (apply.cpp), which is what makes the end state independent of the order.
//
// Records written before claims existed (a "Created" list of trees and "Overwritten\NNNN"
// entries, keyed by the assembly name alone) are read as `legacy` and converted with the plan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "comreg/apply/apply.hpp"

namespace comreg::ownership {

/// A registration's claim on a key: `created` when the key was absent before it.
struct KeyClaim {
  std::string key;  // physical, relative to the classes root
  bool created = false;
};

/// A registration's claim on a value, with what the value held before (nullopt: absent).
struct ValueClaim {
  std::string key;  // physical, relative to the classes root
  std::string name;
  std::optional<RegValue> prior;
};

/// The previous record format, read only.
struct LegacyRecord {
  std::vector<std::string> created;  // topmost keys created, relative to the classes root
  std::vector<ValueClaim> overwritten;
};

struct Record {
  bool exists = false;
  std::string path;  // full path of the record key
  std::string owner;
  View view = View::v64;
  std::uint64_t sequence = 0;
  std::vector<KeyClaim> keys;
  std::vector<ValueClaim> values;
  std::optional<LegacyRecord> legacy;  // set when the record is in the previous format
};

/// Where comreg keeps its bookkeeping in `registry` for `scope` — the one rule, used by install,
/// uninstall and list: `<Software>\comreg` beside the classes root when the store holds it (the
/// live registry, a SOFTWARE or NTUSER.DAT hive); in a store that holds only the classes root
/// (UsrClass.dat), `<classes root>\comreg-records` (classes_bookkeeping_key), inside the hive.
[[nodiscard]] std::string bookkeeping_key(const RegistryBackend& registry, Scope scope);

/// `<bookkeeping>\Registrations`.
[[nodiscard]] std::string registrations_key(const RegistryBackend& registry, Scope scope);

/// `<bookkeeping>\Registrations\<view>`: the records of one view.
[[nodiscard]] std::string view_key(const RegistryBackend& registry, Scope scope, View view);

/// Full path of the record of `owner` in `view`.
[[nodiscard]] std::string record_key(const RegistryBackend& registry, Scope scope, View view,
                                     std::string_view owner);

/// The record at `key` (exists = false when there is none).
[[nodiscard]] Record read_record(const RegistryBackend& registry, const std::string& key, View view,
                                 std::string owner);

/// Every registration recorded for the scope, in both views.
[[nodiscard]] std::vector<Record> read_all_records(const RegistryBackend& registry, Scope scope);

/// The changes that turn the record `current` into `wanted` (creating the containers a first
/// record needs).
void record_changes(const RegistryBackend& registry, Scope scope, const Record& current,
                    const Record& wanted, std::vector<Change>& out);

/// The changes that delete the record `gone` and, when no other record is left (`others_left`
/// per view), the containers, so that after the last uninstall nothing of comreg's remains.
void remove_record_changes(const RegistryBackend& registry, Scope scope, const Record& gone,
                           bool others_left_in_view, bool others_left_at_all,
                           std::vector<Change>& out);

/// `path` relative to `root` ("" when it is not below it).
[[nodiscard]] std::string relative_to(std::string_view path, std::string_view root);

/// The full path a claim's key (physical, relative to the classes root of `scope`) has in
/// `registry`: without its Wow6432Node where the store redirects views itself.
[[nodiscard]] std::string claim_path(const RegistryBackend& registry, Scope scope,
                                     std::string_view physical);
/// claim_path() into `out` (what it held is replaced): for loops over every claim.
void claim_path(const RegistryBackend& registry, Scope scope, std::string_view physical,
                std::string& out);

/// Folded "key<TAB>name": the identity of a value claim.
[[nodiscard]] std::string value_id(std::string_view key, std::string_view name);

}  // namespace comreg::ownership
