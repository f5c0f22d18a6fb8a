// HiveBackend: an offline registry hive file (NTUSER.DAT, SOFTWARE, UsrClass.dat) as a
// registry store, read and written by comreg's own regf reader and writer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "comreg/store/hive_file_commit.hpp"
#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// The registry path a hive's root stands for: "HKEY_LOCAL_MACHINE\SOFTWARE" for a SOFTWARE
/// hive, "HKEY_CURRENT_USER" for NTUSER.DAT, "HKEY_CURRENT_USER\Software\Classes" for
/// UsrClass.dat. Paths outside the mount point are refused (writes) or absent (reads).
///
/// Changes stay in memory until commit(), which writes the whole hive to an exclusive temporary
/// sibling and renames it over the file (commit_hive_file): a run that fails before commit()
/// leaves the file as it was.
/// Names compare case-insensitively, as Windows compares them; values keep their exact bytes.
class HiveBackend final : public RegistryBackend {
 public:
  struct OpenResult {
    std::unique_ptr<HiveBackend> backend;  // null on failure
    Status status;
  };
  /// Opens `file` (read-only unless `writable`). `mount` may use HKLM/HKCU abbreviations.
  [[nodiscard]] static OpenResult open(const std::string& file, const std::string& mount,
                                       bool writable);
  /// Opens `bytes`, the replayed state of the dirty hive `file` (read_hive_replayed), as if
  /// they were `file`. commit() writes `file` and then empties `reset_logs`, whose entries it
  /// holds.
  [[nodiscard]] static OpenResult open_replayed(const std::string& file,
                                                const std::vector<std::uint8_t>& bytes,
                                                const std::string& mount, bool writable,
                                                std::vector<std::string> reset_logs);
  /// Keeps `lock` (the hive file's, hive_file_commit.hpp) until the backend goes.
  void keep(HiveFileLock lock);

  ~HiveBackend() override;
  HiveBackend(const HiveBackend&) = delete;
  HiveBackend& operator=(const HiveBackend&) = delete;

  /// Writes the changes to the file atomically; does nothing when nothing changed.
  [[nodiscard]] Status commit() override;
  /// True while nothing is changed or committed since the hive was opened: its keys then
  /// load again from the bytes read at open.
  [[nodiscard]] bool can_discard() const override;
  [[nodiscard]] bool discard() override;
  [[nodiscard]] bool modified() const;
  [[nodiscard]] const std::string& mount() const;
  [[nodiscard]] bool holds(std::string_view key) const override;

  Status create_key(std::string_view key) override;
  Status set_value(std::string_view key, std::string_view name, const RegValue& value) override;
  Status delete_value(std::string_view key, std::string_view name) override;
  Status delete_tree(std::string_view key) override;

  bool key_exists(std::string_view key) const override;
  std::optional<RegValue> get_value(std::string_view key, std::string_view name) const override;
  std::vector<std::string> subkeys(std::string_view key) const override;
  std::vector<std::string> value_names(std::string_view key) const override;
  std::optional<KeyContents> read_key(std::string_view key) const override;
  std::optional<KeyCounts> key_counts(std::string_view key) const override;

 private:
  struct Impl;
  explicit HiveBackend(std::unique_ptr<Impl> impl);
  [[nodiscard]] static OpenResult open_image(const std::string& file,
                                             std::vector<std::uint8_t> bytes,
                                             const std::string& mount, bool writable);
  std::unique_ptr<Impl> impl_;
};

/// "HKLM\Software" -> "HKEY_LOCAL_MACHINE\Software"; trailing backslashes dropped.
[[nodiscard]] std::string normalize_mount(std::string_view mount);

/// The bytes of a minimal valid empty hive: the 4 KiB base block ("regf", checksum) and one
/// 4 KiB bin holding the root key (nk), its security descriptor (sk) and free space. hivex can
/// open and grow it, but cannot create a hive from nothing.
[[nodiscard]] std::vector<std::uint8_t> empty_hive_bytes();

/// Writes empty_hive_bytes() to `file` (commit_hive_file); fails if it exists.
[[nodiscard]] Status create_empty_hive(const std::string& file);

}  // namespace comreg
