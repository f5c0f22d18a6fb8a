// RegfWriter: a whole hive file written in one pass from a HiveKey tree and the image it was
// read from. The output is compact — every cell in use, each hive bin filled in order, no
// garbage from before — so a hive does not grow from edit to edit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/regf_tree.hpp"

namespace comreg::regf {

/// The bytes of the hive whose keys are `root` (unexpanded keys copied from `image`). The base
/// block is the image's with the sequence numbers raised (equal: a finished write), the
/// timestamp now, the root cell and bins size set and the checksum right. Keys marked changed
/// get `now` as their last-write time. Returns "" or what is damaged in the image (then `out`
/// is incomplete and must not be written).
[[nodiscard]] std::string write_hive(const HiveImage& image, const HiveKey& root, std::uint64_t now,
                                     std::vector<std::uint8_t>& out);

}  // namespace comreg::regf
