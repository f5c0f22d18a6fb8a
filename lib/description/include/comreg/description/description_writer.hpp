// DescriptionWriter: a Description back as the JSON text of the description format.
#pragma once

#include <string>

#include "comreg/model/description.hpp"

namespace comreg {

/// Canonical, pretty JSON (two-space indent, members in docs/description.md order, defaults
/// omitted, a final newline) that load_description() reads back to an equal model. Paths are
/// written as the model holds them: placeholders already resolved.
[[nodiscard]] std::string description_to_json(const Description& description);

}  // namespace comreg
