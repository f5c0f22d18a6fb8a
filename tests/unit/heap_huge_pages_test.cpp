// The comreg program's heap advice (cli/heap_huge_pages.cpp): after enable_huge_page_heap(),
// the memory operator new hands out, from the heap and as large blocks of their own, lies in
// regions the kernel was asked to back with huge pages (VmFlags "hg" in /proc/self/smaps).
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "heap_huge_pages.hpp"

#if COMREG_HUGE_PAGE_HEAP
namespace {

struct Region {
  std::uintptr_t begin = 0, end = 0;
  bool advised = false;
};

std::vector<Region> mapped_regions() {
  std::vector<Region> out;
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  while (std::getline(smaps, line)) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream head(line);
    if ((head >> std::hex >> begin >> dash >> end) && dash == '-' && end > begin) {
      out.push_back({begin, end, false});
    } else if (line.rfind("VmFlags:", 0) == 0 && !out.empty()) {
      out.back().advised = (" " + line + " ").find(" hg ") != std::string::npos;
    }
  }
  return out;
}

bool advised(const void* p) {
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  for (const Region& r : mapped_regions()) {
    if (at >= r.begin && at < r.end) return r.advised;
  }
  return false;
}

bool kernel_has_huge_pages() {
  return std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled").good();
}

}  // namespace

TEST_CASE("heap advice: new memory, heap and large blocks, is advised for huge pages", "[heap]") {
  if (!kernel_has_huge_pages()) {
    WARN("this kernel has no transparent huge pages: nothing to check");
    return;
  }
  // Before it is asked for, nothing is advised: a large block is a plain mapping.
  auto before = std::make_unique<char[]>(std::size_t{48} << 20);
  CHECK_FALSE(advised(before.get() + (std::size_t{24} << 20)));

  comreg::cli::enable_huge_page_heap();
  // Enough small blocks to grow the heap past its 64 MiB pad: the newest lie in advised memory.
  std::vector<std::unique_ptr<char[]>> blocks;
  for (int i = 0; i < 100'000; ++i) blocks.push_back(std::make_unique<char[]>(1000));
  CHECK(advised(blocks.back().get()));
  // A block of its own mapping (over glibc's mmap threshold) is advised in its interior.
  auto large = std::make_unique<char[]>(std::size_t{48} << 20);
  CHECK(advised(large.get() + (std::size_t{24} << 20)));

  // The replaced functions keep operator new's contract: distinct blocks, zero-sized too.
  auto* a = ::operator new(0);
  auto* b = ::operator new(0);
  CHECK(a != b);
  ::operator delete(a);
  ::operator delete (b, std::size_t{0});
}
#else
// Here (not glibc, or under a sanitizer's allocator) the program keeps the heap as it is: the
// call must leave allocation working.
TEST_CASE("heap advice: a no-op where the heap is not glibc's own", "[heap]") {
  comreg::cli::enable_huge_page_heap();
  auto block = std::make_unique<char[]>(std::size_t{8} << 20);
  block[(std::size_t{8} << 20) - 1] = 'x';
  CHECK(block[(std::size_t{8} << 20) - 1] == 'x');
}
#endif
