// The only place that writes diagnostics and errors for people (stderr) or tools (JSON).
#pragma once

#include <cstdio>
#include <string_view>

#include "comreg/diagnostics.hpp"

namespace comreg::cli {

enum class OutputFormat { text, json };

/// Writes diagnostics to `out`: compiler-style lines, or one JSON document.
void print_diagnostics(const Diagnostics& diagnostics, OutputFormat format, std::FILE* out);

/// "comreg: error: <message>" on stderr, for usage and I/O errors that have no source location.
void print_error(std::string_view message);

}  // namespace comreg::cli
