// Test helpers for files: reading samples and comparing against golden files.
#pragma once

#include <filesystem>
#include <string>

namespace comreg::testing {

/// `name`, created, in a folder of the system's temporary folder that belongs to this test
/// process alone and is removed with everything in it when the process ends: test processes
/// run side by side, from several build trees at once, and must not share files.
std::filesystem::path temp_folder(const std::string& name);

/// Absolute path of a file in the source tree ("samples/inproc-typelib.json").
std::string source_path(const std::string& relative);

/// Reads a whole file as bytes; throws std::runtime_error if it cannot be read.
std::string read_file(const std::string& path);

/// Compares `actual` with the golden file at `relative` (under tests/golden/). When the
/// environment variable COMREG_UPDATE_GOLDEN=1 is set, rewrites the golden file instead.
/// Returns "" when equal, else a description of the first difference.
std::string compare_golden(const std::string& relative, const std::string& actual);

}  // namespace comreg::testing
