// Win32Backend: the live Windows registry through the Win32 API (Windows builds only).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "comreg/store/registry_backend.hpp"
#include "comreg/store/registry_transaction.hpp"

namespace comreg {

/// Opens keys below HKEY_CURRENT_USER / HKEY_LOCAL_MACHINE / HKEY_CLASSES_ROOT / HKEY_USERS in
/// the given registry view (KEY_WOW64_64KEY or KEY_WOW64_32KEY), so callers pass logical paths
/// and Windows applies its own redirection. Access denied is reported with what to do.
/// As a RegistryTransaction it uses the kernel transaction manager (ktmw32, transacted
/// registry functions), looked up at run time: where it is a stub (Wine), begin() says why.
class Win32Backend final : public RegistryBackend, public RegistryTransaction {
 public:
  explicit Win32Backend(View view);
  ~Win32Backend() override;
  Win32Backend(const Win32Backend&) = delete;
  Win32Backend& operator=(const Win32Backend&) = delete;

  Status create_key(std::string_view key) override;
  Status set_value(std::string_view key, std::string_view name, const RegValue& value) override;
  Status delete_value(std::string_view key, std::string_view name) override;
  Status delete_tree(std::string_view key) override;
  Status ensure_key(std::string_view key, bool& created) override;

  bool key_exists(std::string_view key) const override;
  std::optional<RegValue> get_value(std::string_view key, std::string_view name) const override;
  std::vector<std::string> subkeys(std::string_view key) const override;
  std::vector<std::string> value_names(std::string_view key) const override;
  std::optional<KeyCounts> key_counts(std::string_view key) const override;
  std::optional<KeyContents> read_key(std::string_view key) const override;
  void expect_whole_key_reads() const override { whole_reads_ = true; }
  bool redirects_views() const override { return true; }
  /// Compares the kernel's names of the key opened in each view (NtQueryKey).
  bool same_key_in_both_views(std::string_view key) const override;

  bool begin(std::string& why) override;
  /// Both the store's commit and the transaction's: commits the running kernel transaction;
  /// without one every write is already made and there is nothing to do.
  Status commit() override;
  void abort() override;

 private:
  // The key used last stays open: a plan touches one key several times in a row, and every
  // open and close is a round trip to the registry (to wineserver, under Wine).
  struct OpenKey {
    std::string path;
    void* handle = nullptr;  // HKEY
    unsigned long access = 0;
  };
  // The subkeys of a parent asked about often (folded): once a run has asked about as many
  // absent keys below it as it has subkeys, one listing answers the rest.
  struct Listing {
    std::size_t questions = 0;  // below the parent, not answered by `known_`
    std::size_t list_at = 32;   // the number of questions at which to look again
    bool listed = false;        // `names` holds every subkey, all ASCII
    std::unordered_set<std::string> names;
  };
  // RegQueryInfoKeyW's answer: what a key holds and how long its longest name and data are.
  struct KeyShape {
    unsigned long subkeys = 0;
    unsigned long values = 0;
    unsigned long longest_name = 0;
    unsigned long longest_data = 0;
  };
  bool query_shape(void* key, KeyShape& shape) const;
  KeyContents read_open(void* key, const KeyShape& shape) const;
  void writing() const;
  const KeyContents* read_whole(std::string_view key, std::string folded) const;
  long delete_below(void* key, const std::string& folded, unsigned long sam);
  void* open(std::string_view key, unsigned long access, bool create, long& status,
             bool* created = nullptr) const;
  void close_cached() const;
  void close_retired() const;
  void remember(std::string_view key) const;
  void forget() const;
  const Listing* listing(std::string_view parent, const std::string& folded_parent) const;

  View view_;
  mutable OpenKey cached_;
  // Handles of keys used before, still open (see close_cached()); at most this many, whose
  // cost is the system's memory for each (a key object kept, a table entry), not a request.
  static constexpr std::size_t kRetiredAtMost = 1 << 20;
  mutable std::vector<void*> retired_;
  // Keys this store has opened or created, and so their ancestors: a run asks about the same
  // containers (CLSID, Interface) once per class, and each answer from the registry is a round
  // trip. Forgotten when keys may go (a tree delete, an aborted transaction).
  struct KnownKeys;
  mutable std::unique_ptr<KnownKeys> known_;
  mutable std::unordered_map<std::string, Listing> listings_;  // by folded parent path
  // Small keys read whole since the last write (folded path), by key_counts() or, after
  // expect_whole_key_reads(), by get_value(): an uninstall asks each key's values, its counts,
  // its contents (for the journal), and deletes it by its subkeys, in that order.
  mutable std::unordered_map<std::string, KeyContents> read_;
  mutable bool whole_reads_ = false;  // expect_whole_key_reads() since the last write
  void* transaction_ = nullptr;       // HANDLE of the running kernel transaction, if any
};

}  // namespace comreg
