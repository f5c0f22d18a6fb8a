// New GUIDs from the operating system's CSPRNG: std::random_device is not guaranteed to be one
// (MinGW's was a fixed sequence), and CLSIDs must not collide across machines.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <system_error>

#include "comreg/core/guid.hpp"

#ifdef _WIN32
#include <windows.h>
// windows.h first: bcrypt.h needs its types.
#include <bcrypt.h>
#else
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#if defined(__linux__)
#include <sys/random.h>
#endif
#endif

namespace comreg {
namespace {

void fill_random(std::uint8_t* out, std::size_t size) {
#ifdef _WIN32
  const NTSTATUS status =
      BCryptGenRandom(nullptr, out, static_cast<ULONG>(size), BCRYPT_USE_SYSTEM_PREFERRED_RNG);
  if (!BCRYPT_SUCCESS(status)) {
    throw std::system_error(static_cast<int>(status), std::system_category(), "BCryptGenRandom");
  }
#else
  std::size_t done = 0;
#if defined(__linux__)
  while (done < size) {
    const ssize_t n = getrandom(out + done, size - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;  // ENOSYS on an old kernel: read the device instead
    done += static_cast<std::size_t>(n);
  }
  if (done == size) return;
#endif
  const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "/dev/urandom");
  while (done < size) {
    const ssize_t n = ::read(fd, out + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : EIO;
      ::close(fd);
      throw std::system_error(error, std::generic_category(), "/dev/urandom");
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
#endif
}

}  // namespace

std::string random_guid() {
  std::array<std::uint8_t, 16> b{};  // in text order
  fill_random(b.data(), b.size());
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4: random
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // variant 10x: RFC 4122
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out = "{";
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(digits[b[i] >> 4]);
    out.push_back(digits[b[i] & 0x0F]);
  }
  out.push_back('}');
  return out;
}

}  // namespace comreg
