// An ApplyReport as a JSON value, for the reports that contain one (apply, recover): built
// once and serialized by whoever owns the whole document.
#pragma once

#include <nlohmann/json.hpp>

#include "comreg/apply/apply.hpp"

namespace comreg {

/// {"ok", "error"?, "rolledBack"?, "transaction"?, "changes":[…], "kept":[…]}, the body of
/// format_apply_report(report, true).
[[nodiscard]] nlohmann::ordered_json apply_report_json(const ApplyReport& report);

}  // namespace comreg
