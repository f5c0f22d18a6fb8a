// Small blocks for the comreg program: one free list per size, no headers, no merging.
//
// A command allocates hundreds of thousands to millions of small blocks (a plan's strings, a
// hive's keys and values, an ownership record's claims) and frees most of them in bulk. glibc's
// malloc spent a fifth of a 10,000-class uninstall's instructions on them (splitting, merging,
// consolidating its fast bins before each large request), and `reg` and `plan` as much. Here a
// block of up to `largest` bytes is popped from its size's list or cut from a run of blocks of
// that size; freeing pushes it back. A block's size is known from the run it lies in, so no
// header is needed, and whether a pointer is one of these is a range check: blocks from
// elsewhere (malloc before the heap was enabled, larger ones) go to free() as before.
//
// The memory of a size stays with that size until the process ends: fit for a short-lived
// process that owns its heap (the program), not for the library.
#pragma once

#include <cstddef>
#include <cstdint>

namespace comreg::cli {

/// Blocks of 1 to `largest` bytes, 16-byte aligned, from one reserved address range. Not
/// thread-safe: the caller serializes (operator new does, once the process has threads).
class SmallBlockHeap {
 public:
  static constexpr std::size_t largest = 256;
  static constexpr std::size_t granule = 16;  // every size is rounded up to this
  static constexpr std::size_t classes = largest / granule;
  static constexpr std::size_t run_bytes = std::size_t{64} << 10;  // of one size each

  /// Reserves `bytes` (a multiple of run_bytes) of address space, not yet memory. False when
  /// the system refuses; allocate() then always returns null.
  bool reserve(std::size_t bytes) noexcept;

  /// A block of `size` bytes (1 to `largest`), or null when the range is used up or the memory
  /// cannot be had.
  void* allocate(std::size_t size) noexcept {
    const std::size_t c = (size - 1) / granule;
    if (Free* f = free_[c]; f != nullptr) {
      free_[c] = f->next;
      return f;
    }
    if (const std::size_t bytes = (c + 1) * granule;
        static_cast<std::size_t>(cut_end_[c] - cut_[c]) >= bytes) {
      void* block = cut_[c];
      cut_[c] += bytes;
      return block;
    }
    return carve(c);
  }

  /// Whether `block` lies in the reserved range (came from allocate()).
  [[nodiscard]] bool owns(const void* block) const noexcept {
    return reinterpret_cast<std::uintptr_t>(block) - base_ < bytes_;
  }

  /// Gives back a block allocate() returned.
  void release(void* block) noexcept {
    const std::size_t c = size_index(block);
    auto* f = static_cast<Free*>(block);
    f->next = free_[c];
    free_[c] = f;
  }

  /// The size of the blocks of the run `block` lies in (it must be owned): for tests.
  [[nodiscard]] std::size_t block_size(const void* block) const noexcept {
    return (size_index(block) + 1) * granule;
  }

 private:
  struct Free {
    Free* next;
  };

  // A block of size index `c` from a new run.
  void* carve(std::size_t c) noexcept;

  // The size index of the run an owned `block` lies in.
  [[nodiscard]] std::size_t size_index(const void* block) const noexcept {
    return class_of_run_[(reinterpret_cast<std::uintptr_t>(block) - base_) / run_bytes];
  }

  std::uintptr_t base_ = 0;
  std::size_t bytes_ = 0;                 // reserved (0: nothing owned, `owns` is always false)
  std::size_t committed_ = 0;             // bytes from base_ made readable and writable
  std::size_t next_run_ = 0;              // offset of the first run not handed to a size
  std::uint8_t* class_of_run_ = nullptr;  // per run: its size's index
  Free* free_[classes] = {};
  char* cut_[classes] = {};      // the next block to cut in each size's newest run
  char* cut_end_[classes] = {};  // that run's end
};

}  // namespace comreg::cli
