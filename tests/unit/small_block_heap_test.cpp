// The comreg program's small-block heap (cli/small_block_heap.hpp) and the operator new that
// uses it (cli/heap_huge_pages.cpp): blocks of every size are aligned, apart and whole, freed
// blocks are given again, a used-up range says so, and threads may share it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "heap_huge_pages.hpp"
#include "small_block_heap.hpp"

using comreg::cli::SmallBlockHeap;

namespace {

// Fills a block with a pattern of its own (its number) and checks it later.
void fill(void* block, std::size_t size, std::uint32_t number) {
  auto* bytes = static_cast<unsigned char*>(block);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<unsigned char>(number * 31 + i);
}
bool intact(const void* block, std::size_t size, std::uint32_t number) {
  const auto* bytes = static_cast<const unsigned char*>(block);
  for (std::size_t i = 0; i < size; ++i) {
    if (bytes[i] != static_cast<unsigned char>(number * 31 + i)) return false;
  }
  return true;
}

}  // namespace

#if defined(__linux__)
TEST_CASE("small blocks: every size is aligned, apart from the others and whole", "[heap]") {
  SmallBlockHeap heap;
  REQUIRE(heap.reserve(std::size_t{64} << 20));
  CHECK_FALSE(heap.reserve(std::size_t{64} << 20));  // once
  struct Block {
    void* at;
    std::size_t size;
  };
  std::vector<Block> blocks;
  for (std::uint32_t n = 0; n < 20'000; ++n) {
    const std::size_t size = 1 + (n * 7919) % SmallBlockHeap::largest;
    void* p = heap.allocate(size);
    REQUIRE(p != nullptr);
    CHECK(reinterpret_cast<std::uintptr_t>(p) % 16 == 0);
    CHECK(heap.owns(p));
    CHECK(heap.block_size(p) >= size);
    CHECK(heap.block_size(p) < size + SmallBlockHeap::granule);
    fill(p, size, n);
    blocks.push_back({p, size});
  }
  // No two blocks overlap.
  std::vector<Block> sorted = blocks;
  std::sort(sorted.begin(), sorted.end(),
            [](const Block& a, const Block& b) { return a.at < b.at; });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    const auto end = reinterpret_cast<std::uintptr_t>(sorted[i - 1].at) + sorted[i - 1].size;
    REQUIRE(end <= reinterpret_cast<std::uintptr_t>(sorted[i].at));
  }
  // Every other block given back, then as many taken again: each comes back from a block of its
  // size, and the blocks kept are untouched.
  for (std::size_t i = 0; i < blocks.size(); i += 2) heap.release(blocks[i].at);
  for (std::size_t i = 0; i < blocks.size(); i += 2) {
    void* again = heap.allocate(blocks[i].size);
    REQUIRE(again != nullptr);
    CHECK(heap.block_size(again) == heap.block_size(blocks[i].at));
    fill(again, blocks[i].size, static_cast<std::uint32_t>(i));
    blocks[i].at = again;
  }
  std::size_t whole = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    whole += intact(blocks[i].at, blocks[i].size, static_cast<std::uint32_t>(i)) ? 1 : 0;
  }
  CHECK(whole == blocks.size());
  // What is not its own it does not claim.
  int on_stack = 0;
  auto elsewhere = std::make_unique<char[]>(100'000);
  CHECK_FALSE(heap.owns(&on_stack));
  CHECK_FALSE(heap.owns(elsewhere.get()));
  CHECK_FALSE(heap.owns(nullptr));
}

TEST_CASE("small blocks: a used-up range gives null, and blocks given back are given again",
          "[heap]") {
  SmallBlockHeap heap;
  REQUIRE(heap.reserve(2 * SmallBlockHeap::run_bytes));  // two runs
  REQUIRE(heap.allocate(256) != nullptr);                // the first, for 256-byte blocks
  std::vector<void*> small;
  while (void* p = heap.allocate(16)) small.push_back(p);
  CHECK(small.size() == SmallBlockHeap::run_bytes / 16);  // the second, every block of it
  std::size_t large = 1;
  while (heap.allocate(256) != nullptr) ++large;
  CHECK(large == SmallBlockHeap::run_bytes / 256);  // the first run's blocks, then no more
  CHECK(heap.allocate(100) == nullptr);             // a third size: no run left
  heap.release(small[17]);
  CHECK(heap.allocate(16) == small[17]);
  CHECK(heap.allocate(16) == nullptr);

  SmallBlockHeap none;  // nothing reserved: nothing given, nothing owned
  CHECK(none.allocate(8) == nullptr);
  CHECK_FALSE(none.owns(small[0]));
  CHECK_FALSE(none.reserve(1000));  // not a whole number of runs
}
#endif

TEST_CASE("small blocks: operator new on the program's heap, from several threads", "[heap]") {
  // Blocks made before the heap is enabled go back to free() after it.
  auto before = std::make_unique<std::string>(100, 'b');
  const bool on = comreg::cli::enable_small_block_heap();
#if COMREG_HUGE_PAGE_HEAP
  CHECK(on);
#else
  CHECK_FALSE(on);
#endif
  CHECK(comreg::cli::enable_small_block_heap() == on);  // a second call changes nothing
  before.reset();

  // Threads allocate, fill, check and free blocks of every size at once; the heap locks while
  // they run. Each keeps some blocks across rounds, so blocks move between free lists and cuts.
  constexpr int threads = 4;
  std::vector<std::size_t> broken(threads, 0);
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) {
    running.emplace_back([t, &broken] {
      struct Kept {
        std::unique_ptr<unsigned char[]> block;
        std::size_t size;
        std::uint32_t number;
      };
      std::vector<Kept> kept;
      std::size_t& bad = broken[static_cast<std::size_t>(t)];
      for (std::uint32_t n = 0; n < 50'000; ++n) {
        const std::size_t size = 1 + (n * 131 + static_cast<std::uint32_t>(t) * 17) % 300;
        auto block = std::make_unique<unsigned char[]>(size);
        fill(block.get(), size, n);
        if (!intact(block.get(), size, n)) ++bad;
        if (n % 3 == 0) kept.push_back({std::move(block), size, n});
        if (kept.size() > 1000) {
          for (const auto& k : kept) bad += intact(k.block.get(), k.size, k.number) ? 0 : 1;
          kept.clear();
        }
      }
    });
  }
  for (auto& thread : running) thread.join();
  for (int t = 0; t < threads; ++t) CHECK(broken[static_cast<std::size_t>(t)] == 0);

  // After the threads, one thread again: blocks still distinct, zero-sized ones too.
  void* a = ::operator new(0);
  void* b = ::operator new(0);
  CHECK(a != b);
  ::operator delete(a);
#if defined(__cpp_sized_deallocation)
  ::operator delete (b, std::size_t{0});  // the sized form, where the compiler declares it
#else
  ::operator delete(b);
#endif
}
