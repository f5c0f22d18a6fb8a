// RegfEditor: a hive's new bytes made by editing a copy of the image it was read from, so that
// a commit costs what changed, not the size of the hive. Keys keep their key node (nk) where it
// is; a changed key gets new value and subkey lists, the cells it no longer uses and those of
// deleted subtrees are freed, and new cells go into free space (best fit) or new hive bins at
// the end. Free neighbours merge, and wholly free bins at the end are cut off.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/regf_tree.hpp"

namespace comreg::regf {

/// What an edit made: the bytes of the bins' cells in use, to judge how compact `out` is.
struct EditFigures {
  std::size_t cells_in_use = 0;
};

/// Where new cells go. best_fit: the smallest free cell anywhere that holds one (the most
/// compact file). near_changes: only free space in the pages this edit frees cells in, else new
/// bins at the end: the fewest changed pages, for a commit that writes only those; holes
/// elsewhere stay until the hive is next written whole.
enum class EditPlacement : std::uint8_t { best_fit, near_changes };

/// The bytes of the hive whose keys are `root`, made from a copy of `image` (the base block
/// finished as write_hive() does). Returns "" or why the image could not be edited (damage
/// found on the way, or bins the editor does not read); `out` must then not be written.
[[nodiscard]] std::string edit_hive(const HiveImage& image, const HiveKey& root, std::uint64_t now,
                                    std::vector<std::uint8_t>& out, EditFigures& figures,
                                    EditPlacement placement = EditPlacement::best_fit);

/// The same edit made in `image`'s own bytes instead of a copy (a big hive is then not copied,
/// which costs its size in fresh memory). On success the image holds the new hive (base block
/// finished) and its key nodes are where they were, so keys never loaded still read right. On
/// an error the image is left part-edited: it must be read from the file again before use.
[[nodiscard]] std::string edit_hive_in_image(HiveImage& image, const HiveKey& root,
                                             std::uint64_t now, EditFigures& figures,
                                             EditPlacement placement);

}  // namespace comreg::regf
