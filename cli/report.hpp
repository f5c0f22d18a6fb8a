// The only place that writes diagnostics and errors for people (stderr) or tools (JSON, GitHub
// Actions workflow commands).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "comreg/core/diagnostics.hpp"

namespace comreg::cli {

/// text: compiler-style lines; json: one JSON document; github: GitHub Actions workflow commands
/// ("::error file=…,line=…,col=…,title=<code>::message"), which the runner shows as annotations.
enum class OutputFormat { text, json, github };

/// Writes diagnostics to `out` in `format`. In text format, when running in GitHub Actions
/// (GITHUB_ACTIONS=true), the workflow commands follow the text lines on the same stream.
void print_diagnostics(const Diagnostics& diagnostics, OutputFormat format, std::FILE* out);

/// "comreg: error: <message>" on stderr, for usage and I/O errors that have no source location
/// (and "::error title=comreg::<message>" after it in GitHub Actions).
void print_error(std::string_view message);

/// True when the environment says this is a GitHub Actions job (GITHUB_ACTIONS=true).
[[nodiscard]] bool running_in_github_actions();

/// One diagnostic as a GitHub Actions workflow command line (error, warning or notice), with
/// the runner's escaping: % CR LF in the message; also : and , in the properties.
[[nodiscard]] std::string format_github_annotation(const Diagnostic& d);

}  // namespace comreg::cli
