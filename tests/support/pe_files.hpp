// The Windows binaries tests/pe builds with mingw-w64, read as bytes.
#pragma once

#include <string>

#include "support/test_files.hpp"

namespace comreg::testing {

/// Whether the test run built the binaries (mingw-w64 was found by CMake).
inline bool have_pe_binaries() {
#ifdef COMREG_PE_BINARIES
  return true;
#else
  return false;
#endif
}

/// Path of a built binary ("comreg_pe_x64.dll") or of another file in the binaries folder.
inline std::string pe_binary_path(const std::string& name) {
#ifdef COMREG_PE_BINARIES
  return std::string(COMREG_PE_BINARIES) + "/" + name;
#else
  return name;
#endif
}

inline std::string read_pe_binary(const std::string& name) {
  return read_file(pe_binary_path(name));
}

}  // namespace comreg::testing
