#include "comreg/core/output_file.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <thread>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#else
#include <unistd.h>
#endif

#include "comreg/core/file_path.hpp"
#include "core/temporary_file.hpp"
#include "core/utf.hpp"

namespace comreg {
namespace fs = std::filesystem;

namespace {

void read_stdin(std::string& contents) {
#ifdef _WIN32
  _setmode(_fileno(stdin), _O_BINARY);
#endif
  contents.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

// `path` opened for reading, or false with the reason in `error`.
bool open_input(const std::string& path, std::ifstream& in, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(files::path_from_utf8(path), ec)) {
    error = "cannot read '" + path + "': it is a directory";
    return false;
  }
  in.open(files::path_from_utf8(path), std::ios::binary);
  if (!in) {
    error = "cannot read '" + path + "': " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace

bool read_input_start(const std::string& path, std::size_t limit, std::string& contents,
                      std::string& error) {
  if (path == "-") {
    read_stdin(contents);
    return true;
  }
  std::ifstream in;
  if (!open_input(path, in, error)) return false;
  contents.resize(limit);
  in.read(contents.data(), static_cast<std::streamsize>(limit));
  contents.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    error = "cannot read '" + path + "'";
    return false;
  }
  return true;
}

bool read_input(const std::string& path, std::string& contents, std::string& error) {
  if (path == "-") {
    read_stdin(contents);
    return true;
  }
  std::ifstream in;
  if (!open_input(path, in, error)) return false;
  // One read of the size the file has (copying through istreambuf_iterator a character at a
  // time was 15 % of `comreg reg`'s instructions), then whatever follows: a pipe or a /proc
  // file has no size, and a file may grow.
  in.seekg(0, std::ios::end);
  const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
  in.clear();
  in.seekg(0, std::ios::beg);
  in.clear();
  contents.clear();
  if (size > 0) {
    contents.resize(static_cast<std::size_t>(size));
    in.read(contents.data(), size);
    contents.resize(static_cast<std::size_t>(in.gcount()));
  }
  if (!in.bad()) {
    in.clear();
    contents.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (in.bad()) {
    error = "cannot read '" + path + "'";
    return false;
  }
  return true;
}

namespace {

// The temporary file being written, so that an interrupted run (Ctrl-C, SIGTERM) removes it:
// the target is only ever replaced whole by the rename, and no stray sibling is left.
char pending_temp[4096];
volatile std::sig_atomic_t temp_pending = 0;

extern "C" void remove_pending_temp(int signal_number) {
  if (temp_pending != 0) {
#ifdef _WIN32
    _unlink(pending_temp);
#else
    unlink(pending_temp);  // async-signal-safe, unlike std::remove
#endif
  }
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

// Registers `temp` for removal on SIGINT/SIGTERM while it exists; unregisters on destruction.
class PendingTemp {
 public:
  explicit PendingTemp(const std::string& temp) {
    if (temp.size() >= sizeof pending_temp) return;
    temp.copy(pending_temp, temp.size());
    pending_temp[temp.size()] = '\0';
    temp_pending = 1;
    previous_int_ = std::signal(SIGINT, remove_pending_temp);
    previous_term_ = std::signal(SIGTERM, remove_pending_temp);
    // A signal the parent made us ignore (a background job's SIGINT) stays ignored.
    if (previous_int_ == SIG_IGN) std::signal(SIGINT, SIG_IGN);
    if (previous_term_ == SIG_IGN) std::signal(SIGTERM, SIG_IGN);
  }
  ~PendingTemp() {
    temp_pending = 0;
    if (previous_int_ != SIG_ERR) std::signal(SIGINT, previous_int_);
    if (previous_term_ != SIG_ERR) std::signal(SIGTERM, previous_term_);
  }
  PendingTemp(const PendingTemp&) = delete;
  PendingTemp& operator=(const PendingTemp&) = delete;

 private:
  using Handler = void (*)(int);
  Handler previous_int_ = SIG_ERR;
  Handler previous_term_ = SIG_ERR;
};

// Test hook: COMREG_TEST_HOLD_OUTPUT_MS=N waits N ms between writing the temporary file and
// renaming it, so tests can interrupt a run at the worst moment (tests/hostile/atomic_output.sh).
void hold_for_tests() {
  const char* ms = std::getenv("COMREG_TEST_HOLD_OUTPUT_MS");
  if (ms == nullptr) return;
  std::this_thread::sleep_for(std::chrono::milliseconds(std::strtol(ms, nullptr, 10)));
}

// Paths are UTF-8, as TemporaryFile reads them.
bool replace_file(const std::string& from, const std::string& to, std::string& error) {
#ifdef _WIN32
  // std::filesystem::rename does not replace an existing file on every Windows runtime.
  if (!MoveFileExW(text::to_wide(from).c_str(), text::to_wide(to).c_str(),
                   MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    error = "cannot replace '" + to + "' (Windows error " + std::to_string(GetLastError()) + ")";
    return false;
  }
  return true;
#else
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    error = "cannot replace '" + to + "': " + std::strerror(errno);
    return false;
  }
  return true;
#endif
}

}  // namespace

bool write_output(const std::string& path, std::string_view bytes, std::string& error) {
  if (path.empty() || path == "-") {
#ifdef _WIN32
    _setmode(_fileno(stdout), _O_BINARY);
#endif
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    if (std::fflush(stdout) != 0) {
      error = "cannot write to standard output";
      return false;
    }
    return true;
  }
  AtomicOutputFile out(path);
  out.write(bytes);
  return out.commit(error);
}

struct AtomicOutputFile::Temp {
  explicit Temp(const std::string& target_path) : path(target_path) {
    // 0666 less the umask, as any new file; a file replaced keeps its permissions below.
    file = TemporaryFile::create_beside(path, ".tmp", 0666, error);
    if (!file) {
      error = "cannot write '" + path + "': " + error;
      return;
    }
    pending.emplace(file->name());
    if (std::string why; !file->copy_permissions_of(path, 0777, why)) {
      error = "cannot give '" + file->name() + "' the permissions of '" + path + "': " + why;
    }
    buffer.reserve(kBufferSize);
  }
  ~Temp() {
    if (!file || committed) return;
    file->close();
    TemporaryFile::remove_file(file->name());
  }
  Temp(const Temp&) = delete;
  Temp& operator=(const Temp&) = delete;

  void flush_buffer() {
    if (error.empty() && !buffer.empty() && !file->write(buffer, error)) {
      error = "cannot write '" + path + "': " + error;
    }
    buffer.clear();
  }

  // Pieces are gathered to this size before a write() call: writers hand over lines.
  static constexpr std::size_t kBufferSize = std::size_t{256} << 10;

  std::string path;
  std::optional<TemporaryFile> file;
  std::optional<PendingTemp> pending;  // while the file exists
  std::string buffer;
  std::string error;  // the first failure
  bool committed = false;
};

AtomicOutputFile::AtomicOutputFile(const std::string& path) : temp_(std::make_unique<Temp>(path)) {}

AtomicOutputFile::~AtomicOutputFile() = default;

void AtomicOutputFile::write(std::string_view bytes) {
  Temp& t = *temp_;
  if (!t.error.empty()) return;
  if (t.buffer.size() + bytes.size() > Temp::kBufferSize) {
    t.flush_buffer();
    if (bytes.size() >= Temp::kBufferSize) {
      if (t.error.empty() && !t.file->write(bytes, t.error)) {
        t.error = "cannot write '" + t.path + "': " + t.error;
      }
      return;
    }
  }
  t.buffer.append(bytes);
}

bool AtomicOutputFile::commit(std::string& error) {
  Temp& t = *temp_;
  if (t.error.empty()) t.flush_buffer();
  // In a folder another user can write, the file could have been renamed away and something
  // else put at its name; that must not become the output.
  if (t.error.empty() && !t.file->still_named()) {
    t.error = "cannot write '" + t.path + "': its temporary file " + t.file->name() +
              " was replaced while it was written; '" + t.path + "' is unchanged";
  }
  if (!t.error.empty()) {
    error = t.error;
    return false;
  }
  t.file->close();
  hold_for_tests();
  if (!replace_file(t.file->name(), t.path, error)) return false;
  t.committed = true;
  return true;
}

}  // namespace comreg
