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
#include <thread>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#else
#include <unistd.h>
#endif

#include "core/random_bytes.hpp"

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
  if (fs::is_directory(fs::path(path), ec)) {
    error = "cannot read '" + path + "': it is a directory";
    return false;
  }
  in.open(fs::path(path), std::ios::binary);
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
  explicit PendingTemp(const fs::path& temp) {
    const std::string s = temp.string();
    if (s.size() >= sizeof pending_temp) return;
    s.copy(pending_temp, s.size());
    pending_temp[s.size()] = '\0';
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

bool replace_file(const fs::path& from, const fs::path& to, std::string& error) {
#ifdef _WIN32
  // std::filesystem::rename does not replace an existing file on every Windows runtime.
  if (!MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    error = "cannot replace '" + to.string() + "' (Windows error " +
            std::to_string(GetLastError()) + ")";
    return false;
  }
  return true;
#else
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) {
    error = "cannot replace '" + to.string() + "': " + ec.message();
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
  explicit Temp(const std::string& target_path)
      : path(target_path),
        target(target_path),
        temp(temp_sibling(target)),
        pending(temp),
        out(temp, std::ios::binary | std::ios::trunc) {
    if (!out) error = "cannot write '" + path + "': " + std::strerror(errno);
  }
  ~Temp() {
    if (out.is_open()) out.close();
    if (committed) return;
    std::error_code ignored;
    fs::remove(temp, ignored);
  }
  Temp(const Temp&) = delete;
  Temp& operator=(const Temp&) = delete;

  // A name other processes cannot guess ahead: the system's CSPRNG, not std::random_device
  // (MinGW's, the Windows build's, was a fixed sequence).
  static fs::path temp_sibling(const fs::path& target) {
    std::uint32_t n = 0;
    random_bytes(reinterpret_cast<std::uint8_t*>(&n), sizeof n);
    return target.parent_path() /
           ("." + target.filename().string() + ".comreg-" + std::to_string(n % 1000000) + ".tmp");
  }

  std::string path;
  fs::path target;
  fs::path temp;
  PendingTemp pending;
  std::ofstream out;
  std::string error;  // the first failure
  bool committed = false;
};

AtomicOutputFile::AtomicOutputFile(const std::string& path) : temp_(std::make_unique<Temp>(path)) {}

AtomicOutputFile::~AtomicOutputFile() = default;

void AtomicOutputFile::write(std::string_view bytes) {
  Temp& t = *temp_;
  if (!t.error.empty()) return;
  t.out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!t.out) t.error = "cannot write '" + t.path + "': " + std::strerror(errno);
}

bool AtomicOutputFile::commit(std::string& error) {
  Temp& t = *temp_;
  if (t.error.empty()) {
    t.out.flush();
    if (!t.out) t.error = "cannot write '" + t.path + "': " + std::strerror(errno);
  }
  if (!t.error.empty()) {
    error = t.error;
    return false;
  }
  t.out.close();
  hold_for_tests();
  if (!replace_file(t.temp, t.target, error)) return false;
  t.committed = true;
  return true;
}

}  // namespace comreg
