// Applying a plan to a registry store: install writes what differs, uninstall removes what the
// server owns and keeps (and reports) what others added.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "comreg/plan.hpp"
#include "comreg/registry_backend.hpp"

namespace comreg {

struct ApplyOptions {
  bool dry_run = false;  // compute the changes against the current state, write nothing
};

/// One change made (or, in a dry run, that would be made). Keys are full physical paths.
struct Change {
  enum class Kind : std::uint8_t { create_key, set_value, replace_value, delete_key, delete_value };
  Kind kind = Kind::create_key;
  std::string key;
  std::string name;                // value name ("" = default value)
  std::optional<RegValue> before;  // replace_value, delete_value
  std::optional<RegValue> after;   // set_value, replace_value
  std::string origin;              // JSON pointer of the description element
};

/// What an install or uninstall did. `kept` lists what uninstall left in place, with why.
/// Stops at the first backend failure (reported in `status`); the changes before it are listed.
struct ApplyReport {
  std::vector<Change> changes;
  std::vector<std::string> kept;
  Status status;
};

/// Writes every key and value of the plan that is missing or different.
[[nodiscard]] ApplyReport install(const Plan& plan, RegistryBackend& registry,
                                  const ApplyOptions& options = {});

/// Removes the plan's owned trees; inside them, content the plan did not write is kept with
/// the keys that lead to it. In shared keys only the plan's values are removed, and only
/// while they still hold the plan's data.
[[nodiscard]] ApplyReport uninstall(const Plan& plan, RegistryBackend& registry,
                                    const ApplyOptions& options = {});

/// "+ key …", "= value …" lines and a closing "N changes" line (text), or JSON.
[[nodiscard]] std::string format_apply_report(const ApplyReport& report, bool json);

/// The full path of a plan key in a store: classes root + the physical key, or the logical
/// key when the store redirects views itself.
[[nodiscard]] std::string registry_path(const Plan& plan, std::string_view key,
                                        const RegistryBackend& registry);

}  // namespace comreg
