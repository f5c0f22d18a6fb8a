// Registry data compared as Windows reads it, not as bytes: the one place that says when a
// value that differs from the plan still registers the same thing (verify, import).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "comreg/core/registry_value.hpp"

namespace comreg {

/// How Windows reads a found value against the expected one.
enum class Reading : std::uint8_t {
  same,              // equal data
  same_for_windows,  // other bytes or spelling, the same registration for COM
  ambiguous,         // may start the same server, may not (an unquoted path with spaces)
  differs,           // another registration
};

struct Comparison {
  Reading reading = Reading::same;
  std::string why;  // for same_for_windows and ambiguous: what Windows does with the value
};

/// Compares the data of value `name` of `key` (a path relative to the classes root:
/// "CLSID\\{…}\\TreatAs", "Contoso.Widget\\CLSID") as COM reads it.
[[nodiscard]] Comparison compare_as_windows(std::string_view key, std::string_view name,
                                            const RegValue& expected, const RegValue& found);

/// Whether COM reads the value as a GUID (CLSIDFromString/IIDFromString): the table of
/// GUID-valued values a plan writes.
[[nodiscard]] bool is_guid_valued(std::string_view key, std::string_view name);

/// A ThreadingModel value (under InprocServer32 or InprocHandler32).
[[nodiscard]] bool is_threading_model(std::string_view key, std::string_view name);

/// The raw bytes of a value as hex ("47 00 00 00"), for reports whose texts look equal.
[[nodiscard]] std::string raw_hex(const RegValue& v);

}  // namespace comreg
