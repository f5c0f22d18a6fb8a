// Writing results: to stdout, or to a file replaced atomically so an interrupted or failed run
// never leaves a partial file behind.
#pragma once

#include <cstddef>
#include <memory>
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

/// Where a writer puts its output piece by piece, so a large file is never held whole.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(std::string_view bytes) = 0;
};

/// A file written in pieces and replaced atomically, as write_output() does: the pieces go to
/// a temporary sibling that commit() renames over `path`; without commit() (an error found
/// while writing, an exception) the destructor removes it and the target keeps its content.
class AtomicOutputFile final : public ByteSink {
 public:
  explicit AtomicOutputFile(const std::string& path);
  ~AtomicOutputFile() override;
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  /// A failure (the file cannot be created, the disk is full) is kept for commit() to report.
  void write(std::string_view bytes) override;
  /// Renames the file over the target; false with `error` set when any step failed.
  bool commit(std::string& error);

 private:
  struct Temp;
  std::unique_ptr<Temp> temp_;
};

}  // namespace comreg
