// The in-place commit (see hive_in_place_commit.hpp). The order of the writes is the whole
// point: the log is complete and named before the file is touched; the mark (primary sequence
// number raised) is on disk before any page is; the seal (both equal) after every page is. So
// a reader or a replay finds the hive as it was (log not yet in place), or dirty with a log
// that holds every changed page (hive_log_replay applies the entries from the secondary
// sequence number on), or clean and new.
#include "store/hive_in_place_commit.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "comreg/core/file_path.hpp"
#include "comreg/store/hive_header.hpp"
#include "core/ascii.hpp"
#include "core/temporary_file.hpp"
#include "store/hive_log_writer.hpp"
#include "store/regf_format.hpp"

namespace comreg {
namespace {

using regf::base_block_size;
using regf::log_page_size;

constexpr std::size_t sector = 512;

std::string errno_text() {
  return std::strerror(errno);
}

// pread or pwrite (`call`) until all `size` bytes are moved; false on an error, or at the end
// of the file for a read.
template <typename Byte, typename Call>
bool move_all(int fd, Byte* data, std::size_t size, std::size_t at, Call call) {
  while (size > 0) {
    const ssize_t n = call(fd, data, size, static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
    at += static_cast<std::size_t>(n);
  }
  return true;
}

bool write_at(int fd, const std::uint8_t* data, std::size_t size, std::size_t at) {
  return move_all(fd, data, size, at, ::pwrite);
}

bool read_at(int fd, std::uint8_t* data, std::size_t size, std::size_t at) {
  return move_all(fd, data, size, at, ::pread);
}

void sync_folder_of(const std::string& file) {
  const std::filesystem::path path = files::path_from_utf8(file);
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// FILE.LOG1 as it is already spelled beside the hive (names compare without case), else new.
std::string log1_path(const std::string& file, bool& existed) {
  for (const auto& log : hive_log_paths(file)) {
    if (text::iequals(std::string_view(log).substr(log.size() - 5), ".log1")) {
      existed = true;
      return log;
    }
  }
  existed = false;
  return file + ".LOG1";
}

// The file as it is now, against `after`: the pages of the bins that differ or lie past the
// file's end, and the old bytes of those inside it (base block first), to put back.
struct Difference {
  std::vector<std::uint32_t> pages;
  std::vector<std::uint8_t> old_base_block;
  std::vector<std::uint8_t> old_pages;  // of pages[i] for i < inside, one after another
  std::size_t inside = 0;
  std::vector<std::uint8_t> old_tail;  // what the file holds past `after`'s end (cut off)
};

bool compare_with_file(int fd, std::size_t file_size, std::span<const std::uint8_t> after,
                       Difference& d) {
  d.old_base_block.resize(base_block_size);
  if (!read_at(fd, d.old_base_block.data(), base_block_size, 0)) return false;
  constexpr std::size_t chunk = std::size_t{256} * log_page_size;  // read 1 MiB at a time
  std::vector<std::uint8_t> old(chunk);
  const std::size_t common = std::min(file_size, after.size());
  for (std::size_t at = base_block_size; at < common; at += chunk) {
    const std::size_t n = std::min(chunk, common - at);
    if (!read_at(fd, old.data(), n, at)) return false;
    for (std::size_t page = 0; page < n; page += log_page_size) {
      const std::size_t size = std::min(log_page_size, n - page);
      if (std::memcmp(old.data() + page, after.data() + at + page, size) != 0) {
        d.pages.push_back(static_cast<std::uint32_t>(at + page - base_block_size));
        d.old_pages.insert(d.old_pages.end(), old.begin() + static_cast<std::ptrdiff_t>(page),
                           old.begin() + static_cast<std::ptrdiff_t>(page + size));
      }
    }
  }
  d.inside = d.pages.size();
  if (file_size > common) {
    d.old_tail.resize(file_size - common);
    if (!read_at(fd, d.old_tail.data(), d.old_tail.size(), common)) return false;
  }
  for (std::size_t at = std::max(common, base_block_size); at < after.size(); at += log_page_size) {
    d.pages.push_back(static_cast<std::uint32_t>(at - base_block_size));
  }
  return true;
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

InPlaceResult commit_hive_in_place(const std::string& file, const HiveFileLock& lock,
                                   std::span<const std::uint8_t> after, InPlaceStop stop) {
  InPlaceResult r;
  const auto not_taken = [&](const std::string& why) {
    r.outcome = InPlaceOutcome::not_taken;
    r.status = Status::failure(BackendErrc::io, why);
    return r;
  };
  if (after.size() < base_block_size) return not_taken("no base block");
  // The file read, by its descriptor: a link or a second name is replaced whole, as before.
  const Descriptor hive(::open(file.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY));
  if (hive.get() < 0) return not_taken("cannot open it for writing: " + errno_text());
  struct stat st {};
  if (::fstat(hive.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 ||
      !lock.holds(hive.get()) || static_cast<std::size_t>(st.st_size) < base_block_size) {
    return not_taken("not the locked file with one name");
  }
  const auto before_size = static_cast<std::size_t>(st.st_size);
  Difference d;
  if (!compare_with_file(hive.get(), before_size, after, d)) {
    return not_taken("cannot read it: " + errno_text());
  }
  const std::vector<std::uint32_t>& pages = d.pages;
  if (pages.size() * log_page_size * 2 > after.size()) {
    return not_taken("the change is more than half of the hive");
  }
#ifdef FALLOC_FL_KEEP_SIZE
  // Room for the growth first: a full disk then stops the commit before anything is written.
  if (after.size() > before_size &&
      ::fallocate(hive.get(), FALLOC_FL_KEEP_SIZE, static_cast<off_t>(before_size),
                  static_cast<off_t>(after.size() - before_size)) != 0 &&
      errno != EOPNOTSUPP) {
    return not_taken("no room to grow it: " + errno_text());
  }
#endif

  // 1. The log, complete, under its name: from here a replay gives the new state.
  bool existed = false;
  r.log = log1_path(file, existed);
  std::string reason;
  std::optional<TemporaryFile> temporary = TemporaryFile::create_beside(r.log, "", 0600, reason);
  if (!temporary) {
    return not_taken("cannot create a temporary file beside " + r.log + ": " + reason);
  }
  // Written from the new bytes page run by page run: the log is never held whole.
  const auto write_log = [&] {
    return regf::write_hive_log(after, pages, [&](std::span<const std::uint8_t> piece) {
      return temporary->write(
          std::string_view(reinterpret_cast<const char*>(piece.data()), piece.size()), reason);
    });
  };
  if (!temporary->copy_permissions_of(file, 0777, reason) || !write_log() ||
      !temporary->still_named() || !temporary->sync(reason)) {
    temporary->close();
    TemporaryFile::remove_file(temporary->name());
    return not_taken("cannot write the transaction log " + r.log + ": " + reason);
  }
  temporary->close();
  if (::rename(temporary->name().c_str(), r.log.c_str()) != 0) {
    const std::string why = errno_text();
    TemporaryFile::remove_file(temporary->name());
    return not_taken("cannot name the transaction log " + r.log + ": " + why);
  }
  sync_folder_of(r.log);
  // The log goes (or is emptied, when it was there before) once the file is sealed or whole
  // again: a log left behind would be replayed over it.
  const auto empty_log = [&] {
    if (!existed) {
      if (::unlink(r.log.c_str()) != 0) return false;
      sync_folder_of(r.log);
      return true;
    }
    const Descriptor l(::open(r.log.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY));
    return l.get() >= 0 && ::ftruncate(l.get(), 0) == 0 && ::fsync(l.get()) == 0;
  };
  const auto failed = [&](const std::string& what) {
    r.outcome = InPlaceOutcome::failed;
    r.status = Status::failure(BackendErrc::io, what);
    return r;
  };
  // A write into the file failed: the old pages, size and base block back, then no log.
  const auto roll_back = [&](const std::string& what) {
    const std::string why = what + ": " + errno_text();
    bool ok = true;
    std::size_t from = 0;
    for (std::size_t i = 0; i < d.inside; ++i) {
      const std::size_t at = base_block_size + pages[i];
      const std::size_t size = std::min(log_page_size, before_size - at);
      ok = ok && write_at(hive.get(), d.old_pages.data() + from, size, at);
      from += size;
    }
    ok = ok && ::ftruncate(hive.get(), static_cast<off_t>(before_size)) == 0 &&
         write_at(hive.get(), d.old_tail.data(), d.old_tail.size(),
                  before_size - d.old_tail.size()) &&
         write_at(hive.get(), d.old_base_block.data(), base_block_size, 0) &&
         ::fsync(hive.get()) == 0;
    if (ok && empty_log()) {
      return failed("cannot write " + file + ": " + why + "; it is as it was");
    }
    r.file_as_before = false;
    return failed("cannot write " + file + ": " + why + ", nor put its old pages back: its " +
                  "transaction log " + r.log + " holds the whole change, which comreg (and " +
                  "Windows) replays when the hive is next opened");
  };
  r.pages = pages.size();
  if (stop == InPlaceStop::after_log) return failed("stopped after the log");

  // 2. The mark: the primary sequence number raised to the entry's, a write in progress.
  std::array<std::uint8_t, sector> mark{};
  std::copy_n(d.old_base_block.begin(), sector, mark.begin());
  regf::put32(mark.data() + 4, regf::get32(after.data() + 4));
  regf::put32(mark.data() + 508, regf::base_block_xor(mark.data()));
  if (!write_at(hive.get(), mark.data(), mark.size(), 0) || ::fdatasync(hive.get()) != 0) {
    return roll_back("cannot mark its base block");
  }
  if (stop == InPlaceStop::after_mark) return failed("stopped after the mark");

  // 3. The pages, and the size.
  std::size_t at = 0;
  if (!regf::for_each_page_run(after, pages, [&](std::span<const std::uint8_t> run) {
        at = static_cast<std::size_t>(run.data() - after.data());
        return write_at(hive.get(), run.data(), run.size(), at);
      })) {
    return roll_back("cannot write its pages at " + std::to_string(at));
  }
  if ((after.size() != before_size &&
       ::ftruncate(hive.get(), static_cast<off_t>(after.size())) != 0) ||
      ::fsync(hive.get()) != 0) {
    return roll_back("cannot write its pages");
  }
  if (stop == InPlaceStop::after_pages) return failed("stopped after the pages");

  // 4. The seal: the new base block, sequence numbers equal.
  if (!write_at(hive.get(), after.data(), base_block_size, 0) || ::fsync(hive.get()) != 0) {
    return roll_back("cannot seal its base block");
  }
  if (stop == InPlaceStop::after_seal) return failed("stopped after the seal");
  if (!empty_log()) {
    return failed("wrote " + file + ", but cannot " + (existed ? "empty" : "remove") +
                  " its transaction log " + r.log + ": " + errno_text() +
                  " (the hive is whole; the log repeats what it holds)");
  }
  r.outcome = InPlaceOutcome::written;
  r.status = Status::success();
  return r;
}

}  // namespace comreg
