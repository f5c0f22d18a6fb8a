// Random bytes from the operating system's CSPRNG (getrandom or /dev/urandom; BCryptGenRandom
// on Windows), for what must not be guessed: new GUIDs, the hash seeds of indexes that hold
// names read from files another user may have written.
#pragma once

#include <cstddef>
#include <cstdint>

namespace comreg {

/// Fills `out` with `size` random bytes; throws std::system_error when the system has none.
void random_bytes(std::uint8_t* out, std::size_t size);

}  // namespace comreg
