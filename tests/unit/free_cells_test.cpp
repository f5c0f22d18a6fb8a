// FreeCells, the hive editor's best-fit index, against the std::set of (size, offset) it
// replaced: the same cell for every request, so edited hives keep their layout.
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <set>
#include <utility>

#include "store/free_cells.hpp"

using comreg::regf::FreeCells;

TEST_CASE("FreeCells gives the cell a set ordered by (size, offset) gives", "[hive][editor]") {
  std::mt19937 random(20261205);
  const auto pick = [&](std::uint32_t n) { return static_cast<std::uint32_t>(random() % n); };
  for (int round = 0; round < 20; ++round) {
    FreeCells cells;
    std::set<std::pair<std::uint32_t, std::uint32_t>> model;
    std::uint32_t next_offset = 0;
    // Sizes mostly small, some past the 4 KiB of the heaps (big data's bins), some at the
    // edges of the bitmap's words (64 classes of 8 bytes) and of the heaps.
    const auto any_size = [&]() -> std::uint32_t {
      switch (pick(8)) {
        case 0:
          return 8 * (1 + pick(1100));  // up to 8,800: both sides of 4,096
        case 1:
          return 8 * (63 + pick(3));  // 504-520: a word's edge
        case 2:
          return 4096 - 8 + 8 * (pick(3));
        default:
          return 8 * (1 + pick(40));
      }
    };
    for (int step = 0; step < 4000; ++step) {
      if (pick(5) < 2 || model.empty()) {
        const std::uint32_t size = any_size();
        // Offsets from a counter, shuffled in blocks so that a size's heap gets them out of
        // order.
        const std::uint32_t offset =
            (next_offset++ ^ pick(8)) * 8 + 1'000'000 * static_cast<std::uint32_t>(round);
        if (model.emplace(size, offset).second) cells.add(size, offset);
        continue;
      }
      const std::uint32_t want = pick(2) == 0 ? any_size() : 1 + pick(4200);
      const auto expected = model.lower_bound({want, 0});
      const auto got = cells.take(want);
      INFO("round " << round << ", step " << step << ", a request of " << want);
      if (expected == model.end()) {
        CHECK_FALSE(got.has_value());
        continue;
      }
      REQUIRE(got.has_value());
      CHECK(got->size == expected->first);
      CHECK(got->offset == expected->second);
      model.erase(expected);
    }
    // Everything left comes out in the set's order when asked for the smallest.
    for (const auto& [size, offset] : model) {
      const auto got = cells.take(1);
      REQUIRE(got.has_value());
      CHECK(got->size == size);
      CHECK(got->offset == offset);
    }
    CHECK_FALSE(cells.take(1).has_value());
  }
}

TEST_CASE("FreeCells keeps a cell off the 8-byte grid apart", "[hive][editor]") {
  FreeCells cells;
  cells.add(20, 64);  // not a multiple of 8: never split into a wrong class
  cells.add(24, 128);
  auto got = cells.take(16);
  REQUIRE(got.has_value());
  CHECK(got->offset == 128);  // the grid's cell first
  got = cells.take(16);
  REQUIRE(got.has_value());
  CHECK(got->size == 20);
  CHECK(got->offset == 64);
  CHECK_FALSE(cells.take(8).has_value());
}
