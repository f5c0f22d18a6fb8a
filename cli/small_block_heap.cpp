#include "small_block_heap.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace comreg::cli {
namespace {

constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
// Memory is made usable this much at a time: few system calls, and whole huge pages.
constexpr std::size_t commit_step = std::size_t{32} << 20;

}  // namespace

bool SmallBlockHeap::reserve(std::size_t bytes) noexcept {
#if defined(__linux__)
  if (bytes_ != 0 || bytes == 0 || bytes % run_bytes != 0) return false;
  // Address space only (PROT_NONE is not counted against the commit limit); pages become
  // usable as runs are handed out. Aligned to a huge page, so each committed step is whole ones.
  void* range = mmap(nullptr, bytes + huge_page, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (range == MAP_FAILED) return false;
  void* table = mmap(nullptr, bytes / run_bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (table == MAP_FAILED) {
    munmap(range, bytes + huge_page);
    return false;
  }
  base_ = (reinterpret_cast<std::uintptr_t>(range) + huge_page - 1) & ~(huge_page - 1);
  class_of_run_ = static_cast<std::uint8_t*>(table);
  bytes_ = bytes;
  return true;
#else
  (void)bytes;
  return false;
#endif
}

void* SmallBlockHeap::carve(std::size_t c) noexcept {
  if (bytes_ - next_run_ < run_bytes) return nullptr;  // used up (or nothing reserved)
#if defined(__linux__)
  if (next_run_ + run_bytes > committed_) {
    const std::size_t step = commit_step < bytes_ - committed_ ? commit_step : bytes_ - committed_;
    void* at = reinterpret_cast<void*>(base_ + committed_);
    if (mprotect(at, step, PROT_READ | PROT_WRITE) != 0) return nullptr;
    (void)madvise(at, step, MADV_HUGEPAGE);  // advice: refused, the pages are small ones
    committed_ += step;
  }
#endif
  // The rest of the size's last run (less than a block) is left unused.
  class_of_run_[next_run_ / run_bytes] = static_cast<std::uint8_t>(c);
  cut_[c] = reinterpret_cast<char*>(base_ + next_run_);
  cut_end_[c] = cut_[c] + run_bytes;
  next_run_ += run_bytes;
  void* block = cut_[c];
  cut_[c] += (c + 1) * granule;
  return block;
}

}  // namespace comreg::cli
