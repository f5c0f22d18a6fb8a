// The ownership record: what an install created and what it overwrote, kept in the registry
// it describes (so it travels with a hive file), for uninstall to undo exactly that.
//
//   <hive>\Software\comreg\Registrations\<view>\<owner>
//     Created       REG_MULTI_SZ  the topmost keys install created, relative to the classes root
//     Overwritten\0000 …          one key per value install replaced in a key it did not create:
//       Key, Name   REG_SZ        where (Key relative to the classes root)
//       Prior       (its type)    the data it held before, type and bytes as they were
#pragma once

#include <string>
#include <vector>

#include "comreg/apply/apply.hpp"

namespace comreg::ownership {

struct Overwritten {
  std::string key;  // relative to the classes root
  std::string name;
  RegValue prior;
};

struct Record {
  bool exists = false;
  std::vector<std::string> created;  // relative to the classes root
  std::vector<Overwritten> overwritten;
};

/// Full path of the record key of `owner` for the plan's scope and view.
[[nodiscard]] std::string record_key(const Plan& plan, std::string_view owner);

/// The record at `key` (exists = false when there is none).
[[nodiscard]] Record read_record(const RegistryBackend& registry, const std::string& key);

/// The changes that turn the record `current` (at `key` in `registry`) into `wanted`.
void record_changes(const RegistryBackend& registry, const Record& current, const Record& wanted,
                    const std::string& key, std::vector<Change>& out);

/// `path` relative to `root` ("" when it is not below it).
[[nodiscard]] std::string relative_to(std::string_view path, std::string_view root);

}  // namespace comreg::ownership
