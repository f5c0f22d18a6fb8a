// One body of conformance checks that every RegistryBackend must pass, written once and run on
// MemoryBackend and HiveBackend (tests/unit/store_conformance_test.cpp, Catch2) and on
// Win32Backend under Wine (tests/com/store_conformance_win32.cpp, a plain Windows program:
// Debian's Catch2 is built for the host only). Header-only, with no test framework: every
// check goes through `check(ok, expression, line)`.
#pragma once

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "comreg/store/registry_backend.hpp"

namespace comreg::test {

using ConformanceCheck = std::function<void(bool ok, const char* expression, int line)>;

#define COMREG_CONFORM(cond) check(static_cast<bool>(cond), #cond, __LINE__)

/// Runs the checks below `root` (a key the store can write; it is deleted first and at the
/// end). `reopen` commits nothing itself: it closes the store and opens it again on the same
/// registry (for a store that keeps everything in memory, it returns the same store).
inline void store_conformance(RegistryBackend& first, const std::string& root,
                              const std::function<RegistryBackend&()>& reopen,
                              const ConformanceCheck& check) {
  RegistryBackend* store = &first;
  const std::string base = root + "\\ComregConformance";
  COMREG_CONFORM(store->delete_tree(base).ok());
  COMREG_CONFORM(!store->key_exists(base));

  // Keys: created with their missing parents, spelled as created, found in any case.
  COMREG_CONFORM(store->create_key(base + "\\Outer\\MixedCase").ok());
  COMREG_CONFORM(store->key_exists(base + "\\Outer"));
  COMREG_CONFORM(store->key_exists(base + "\\OUTER\\mixedcase"));
  COMREG_CONFORM(store->create_key(base + "\\outer\\Second").ok());
  std::vector<std::string> subs = store->subkeys(base + "\\Outer");
  std::sort(subs.begin(), subs.end());
  COMREG_CONFORM((subs == std::vector<std::string>{"MixedCase", "Second"}));
  bool created = true;
  COMREG_CONFORM(store->ensure_key(base + "\\Outer\\Second", created).ok());
  COMREG_CONFORM(!created);
  COMREG_CONFORM(store->ensure_key(base + "\\Outer\\Third", created).ok());
  COMREG_CONFORM(created);
  COMREG_CONFORM(store->key_exists(base + "\\Outer\\Third"));

  // Every value type, set and read back with its exact bytes.
  const std::string key = base + "\\Outer\\MixedCase";
  const std::vector<std::pair<std::string, RegValue>> values = {
      {"", RegValue::sz("default \xc3\xa9t\xc3\xa9")},
      {"Sz", RegValue::sz("C:\\Program Files\\Contoso\\w.dll")},
      {"EmptySz", RegValue::sz("")},
      {"Expand", RegValue::expand_sz("%SystemRoot%\\system32")},
      {"Multi", RegValue::multi_sz({"one", "two \xe2\x82\xac", "three"})},
      {"Dword", RegValue::dword(0xdeadbeef)},
      {"Qword", RegValue::qword(0x0123456789abcdefULL)},
      {"Binary", RegValue::binary({0x00, 0x01, 0xfe, 0xff})},
      {"EmptyBinary", RegValue::binary({})},
      {"None", RegValue::from_raw(RegType::none, {0x2a})},
      {"Nam\xc3\xa9 \xe2\x82\xac", RegValue::dword(7)},
  };
  for (const auto& [name, value] : values) {
    COMREG_CONFORM(store->set_value(key, name, value).ok());
  }
  const auto read_back_all = [&](const char* when) {
    (void)when;
    for (const auto& [name, value] : values) {
      const auto got = store->get_value(key, name);
      COMREG_CONFORM(got.has_value());
      COMREG_CONFORM(got && *got == value);
      COMREG_CONFORM(got && got->type == value.type && got->raw_bytes() == value.raw_bytes());
    }
    std::vector<std::string> names = store->value_names(key);
    std::vector<std::string> expected;
    for (const auto& v : values) expected.push_back(v.first);
    std::sort(names.begin(), names.end());
    std::sort(expected.begin(), expected.end());
    COMREG_CONFORM(names == expected);
  };
  read_back_all("set");

  // A key's values and subkeys at once (read_key), as the calls one by one give them.
  const auto contents = store->read_key(key);
  COMREG_CONFORM(contents.has_value());
  if (contents) {
    std::vector<std::string> names;
    for (const auto& [name, value] : contents->values) {
      names.push_back(name);
      COMREG_CONFORM(store->get_value(key, name) == value);
    }
    COMREG_CONFORM(names == store->value_names(key));
    COMREG_CONFORM(contents->subkeys.empty());
  }
  const auto outer = store->read_key(base + "\\OUTER");
  COMREG_CONFORM(outer && outer->values.empty() &&
                 outer->subkeys == store->subkeys(base + "\\Outer"));
  COMREG_CONFORM(!store->read_key(base + "\\Nowhere").has_value());

  // The counts of a key's values and subkeys, as many as the names (uninstall decides on them).
  const auto counts_match = [&](const std::string& at) {
    const auto counts = store->key_counts(at);
    return counts && counts->values == store->value_names(at).size() &&
           counts->subkeys == store->subkeys(at).size();
  };
  COMREG_CONFORM(counts_match(key));
  COMREG_CONFORM(store->key_counts(key) && store->key_counts(key)->values == values.size());
  COMREG_CONFORM(counts_match(base + "\\OUTER"));
  COMREG_CONFORM(store->key_counts(base + "\\Outer") &&
                 store->key_counts(base + "\\Outer")->subkeys == 3);
  COMREG_CONFORM(!store->key_counts(base + "\\Nowhere").has_value());

  // What a count or read saw is not kept past a write (the live registry keeps small keys
  // read whole until then): a key counted, then changed, counts and reads anew.
  const std::string third = base + "\\Outer\\Third";
  COMREG_CONFORM(store->key_counts(third) && store->key_counts(third)->subkeys == 0);
  COMREG_CONFORM(store->create_key(third + "\\Inside").ok());
  COMREG_CONFORM(store->set_value(third, "Added", RegValue::dword(3)).ok());
  COMREG_CONFORM(store->key_counts(third) && store->key_counts(third)->subkeys == 1 &&
                 store->key_counts(third)->values == 1);
  COMREG_CONFORM(store->get_value(third, "added") == RegValue::dword(3));
  COMREG_CONFORM(store->delete_tree(third + "\\Inside").ok());
  COMREG_CONFORM(store->delete_value(third, "Added").ok());
  COMREG_CONFORM(!store->get_value(third, "Added").has_value());
  const auto third_now = store->read_key(third);
  COMREG_CONFORM(third_now && third_now->subkeys.empty() && third_now->values.empty());

  // Value names compare without case: a set in another case replaces, it does not add.
  COMREG_CONFORM(store->get_value(base + "\\OUTER\\MIXEDCASE", "DWORD") == values[5].second);
  COMREG_CONFORM(store->set_value(key, "SZ", RegValue::sz("replaced")).ok());
  COMREG_CONFORM(store->get_value(key, "sz") == RegValue::sz("replaced"));
  COMREG_CONFORM(store->value_names(key).size() == values.size());
  COMREG_CONFORM(store->set_value(key, "Sz", values[1].second).ok());

  // Absence is not an error.
  COMREG_CONFORM(!store->get_value(key, "Missing").has_value());
  COMREG_CONFORM(!store->get_value(base + "\\Nowhere", "").has_value());
  COMREG_CONFORM(store->subkeys(base + "\\Nowhere").empty());
  COMREG_CONFORM(store->value_names(base + "\\Nowhere").empty());
  COMREG_CONFORM(store->delete_value(key, "Missing").ok());
  COMREG_CONFORM(store->delete_tree(base + "\\Nowhere").ok());

  // Deleting a value, and a tree with subkeys and values, through RegistryOp as well.
  COMREG_CONFORM(store->create_key(base + "\\Outer\\Second\\Deep").ok());
  COMREG_CONFORM(store->set_value(base + "\\Outer\\Second\\Deep", "x", RegValue::dword(1)).ok());
  COMREG_CONFORM(
      store->apply({RegistryOp::Kind::set_value, key, "Op", RegValue::sz("by op"), {}, {}}).ok());
  COMREG_CONFORM(store->get_value(key, "op") == RegValue::sz("by op"));
  COMREG_CONFORM(store->apply({RegistryOp::Kind::delete_value, key, "OP", {}, {}, {}}).ok());
  COMREG_CONFORM(!store->get_value(key, "Op").has_value());
  COMREG_CONFORM(store->delete_value(key, "binary").ok());
  COMREG_CONFORM(!store->get_value(key, "Binary").has_value());
  COMREG_CONFORM(store->key_counts(key) && store->key_counts(key)->values == values.size() - 1);
  COMREG_CONFORM(store->set_value(key, "Binary", values[7].second).ok());
  COMREG_CONFORM(
      store->apply({RegistryOp::Kind::delete_tree, base + "\\OUTER\\second", {}, {}, {}, {}}).ok());
  COMREG_CONFORM(!store->key_exists(base + "\\Outer\\Second"));
  COMREG_CONFORM(!store->key_exists(base + "\\Outer\\Second\\Deep"));
  COMREG_CONFORM(store->key_exists(base + "\\Outer\\MixedCase"));
  COMREG_CONFORM(store->key_counts(base + "\\Outer") &&
                 store->key_counts(base + "\\Outer")->subkeys == 2);
  COMREG_CONFORM(
      store->apply({RegistryOp::Kind::create_key, base + "\\Outer\\ByOp", {}, {}, {}, {}}).ok());
  COMREG_CONFORM(store->key_exists(base + "\\outer\\byop"));

  // Many questions below one key, which a store may answer from one listing of it: right
  // before and after keys below it are created and deleted, in any case.
  const std::string many = base + "\\Many";
  std::set<int> present;
  for (int i = 0; i < 40; i += 4) {
    COMREG_CONFORM(store->create_key(many + "\\Key" + std::to_string(i)).ok());
    present.insert(i);
  }
  const auto ask_many = [&] {
    for (int i = 0; i < 100; ++i) {
      const std::string name = (i % 2 == 0 ? "key" : "KEY") + std::to_string(i);
      COMREG_CONFORM(store->key_exists(many + "\\" + name) == (present.count(i) != 0));
    }
  };
  ask_many();
  COMREG_CONFORM(store->create_key(many + "\\Key51").ok());
  present.insert(51);
  ask_many();
  COMREG_CONFORM(store->delete_tree(many + "\\Key4").ok());
  present.erase(4);
  ask_many();
  // A name outside ASCII below it: still found, and the others still answered right.
  COMREG_CONFORM(store->create_key(many + "\\Caf\xc3\xa9").ok());
  COMREG_CONFORM(store->key_exists(many + "\\Caf\xc3\xa9"));
  COMREG_CONFORM(store->delete_tree(many + "\\Key8").ok());
  present.erase(8);
  ask_many();
  COMREG_CONFORM(store->key_exists(many + "\\Caf\xc3\xa9"));
  COMREG_CONFORM(store->delete_tree(many).ok());
  COMREG_CONFORM(!store->key_exists(many + "\\Key0"));

  // What was committed is what a new handle on the same registry reads.
  COMREG_CONFORM(store->commit().ok());
  store = &reopen();
  COMREG_CONFORM(store->key_exists(base + "\\Outer\\ByOp"));
  COMREG_CONFORM(!store->key_exists(base + "\\Outer\\Second"));
  subs = store->subkeys(base + "\\Outer");
  std::sort(subs.begin(), subs.end());
  COMREG_CONFORM((subs == std::vector<std::string>{"ByOp", "MixedCase", "Third"}));
  read_back_all("reopened");

  COMREG_CONFORM(store->delete_tree(base).ok());
  COMREG_CONFORM(!store->key_exists(base));
  COMREG_CONFORM(store->commit().ok());
}

}  // namespace comreg::test
