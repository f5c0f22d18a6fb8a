// Writing results: to stdout, or to a file replaced atomically so an interrupted or failed run
// never leaves a partial file behind.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace comreg {

/// Reads a whole file ("-" = stdin) as bytes; false with `error` set when it cannot.
bool read_input(const std::string& path, std::string& contents, std::string& error);

/// read_input() of at most the first `limit` bytes of a file (of stdin, which cannot be read
/// twice, all of it): enough to tell a file's kind without holding a large one.
bool read_input_start(const std::string& path, std::size_t limit, std::string& contents,
                      std::string& error);

/// Writes `bytes` to `path` ("" or "-" = stdout, in binary mode). A file is written to a
/// temporary sibling first and renamed over the target; SIGINT/SIGTERM meanwhile remove the
/// temporary file (the target keeps its old content). False with `error` set on failure.
bool write_output(const std::string& path, std::string_view bytes, std::string& error);

}  // namespace comreg
