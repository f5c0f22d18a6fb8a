// A hive read again while its base block changes under the reading (see steady_read.hpp).
#include "open/steady_read.hpp"

#include "comreg/store/hive_header.hpp"

namespace comreg {

bool read_while_steady(const std::string& file, int attempts, const std::function<void()>& read) {
  for (int attempt = 0; attempt < attempts; ++attempt) {
    const auto before = read_hive_base_block(file);
    read();
    if (read_hive_base_block(file) == before) return true;
  }
  return false;
}

}  // namespace comreg
