// Bytes from the operating system's CSPRNG: std::random_device is not guaranteed to be one
// (MinGW's was a fixed sequence).
#include "core/random_bytes.hpp"

#include <cstddef>
#include <cstdint>
#include <system_error>

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

void random_bytes(std::uint8_t* out, std::size_t size) {
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

}  // namespace comreg
