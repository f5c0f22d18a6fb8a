// The comreg program's heap on transparent huge pages (Linux with glibc only).
//
// A command touches its memory once: a 10,000-class `comreg reg` faults in about 120 MB of heap
// page by page, 29,500 faults, and on a virtual machine each fault costs more than the work done
// in its page (reg: 0.20 s user + 0.21 s system, of which the writer's own work is under
// 0.1 s). Where the kernel gives transparent huge pages to regions that ask for them
// (/sys/kernel/mm/transparent_hugepage/enabled = madvise, Debian's default), one 2 MiB page
// replaces 512 faults. glibc does this itself only when told by an environment variable
// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), read before main(), so the program asks for it here:
// an operator new whose block ends past the part of the heap advised so far checks where the
// heap ends now (sbrk(0), a cached value, no system call) and advises the new, still untouched
// part. With a large top pad glibc grows the heap in few big steps, so the check almost never
// calls madvise.
//
// Only the program does this, not the library: it is a property of a short-lived process that
// owns its heap. Nothing depends on it: where the kernel refuses (THP off, another allocator,
// no brk heap) the advice fails or is ignored and the program runs as before.
//
// The same operator new gives blocks of up to 256 bytes from the program's small-block heap
// (small_block_heap.hpp) once enable_small_block_heap() has run; its operator delete tells them
// from malloc's by their address.
#include "heap_huge_pages.hpp"

#if COMREG_HUGE_PAGE_HEAP
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cstdlib>

#include <atomic>
#include <cstdint>
#include <new>

#include "small_block_heap.hpp"

#if __has_include(<sys/single_threaded.h>)
#include <sys/single_threaded.h>
#define COMREG_KNOWS_SINGLE_THREADED 1
#else
#define COMREG_KNOWS_SINGLE_THREADED 0
#endif

namespace {

constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
constexpr std::size_t large_block = std::size_t{4} << 20;

// The end of the heap as last advised; 0 until enable_huge_page_heap() ran, so the check is off
// for whatever links this file without asking (and before main).
std::atomic<std::uintptr_t> advised_end{0};

void advise_heap_growth() noexcept {
  const std::uintptr_t end = advised_end.load(std::memory_order_relaxed);
  const auto top = reinterpret_cast<std::uintptr_t>(sbrk(0));
  if (top == end) return;
  if (top < end) {  // trimmed: what grows again is a new region, to be advised again
    advised_end.store(top, std::memory_order_relaxed);
    return;
  }
  // Only whole huge pages can be backed by one; the partial page at the start was already
  // touched (it holds the last block and glibc's header of the free top).
  const std::uintptr_t from = (end + huge_page - 1) & ~(huge_page - 1);
  if (top > from) {
    madvise(reinterpret_cast<void*>(from), top - from, MADV_HUGEPAGE);
  }
  advised_end.store(top, std::memory_order_relaxed);
}

// A large block (a plan's operations, an output buffer: reserved whole, then filled) may lie
// anywhere: in the heap below the part already advised, or, from M_MMAP_THRESHOLD (32 MiB in
// the program) on, in a mapping of its own that the heap's end says nothing about.
void advise_large_block(void* block, std::size_t size) noexcept {
  const auto begin = reinterpret_cast<std::uintptr_t>(block);
  const std::uintptr_t from = (begin + huge_page - 1) & ~(huge_page - 1);
  const std::uintptr_t to = (begin + size) & ~(huge_page - 1);
  if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
}

// The small blocks (small_block_heap.hpp), once enable_small_block_heap() reserved their range.
// Constant-initialized: blocks made before main() come from malloc and go back to free().
comreg::cli::SmallBlockHeap small_blocks;
std::atomic<bool> small_blocks_on{false};

// The heap is not thread-safe. The program has no threads, but a library it links might start
// one: from then on (glibc says when, in __libc_single_threaded) every use takes this lock.
std::atomic_flag small_blocks_busy = ATOMIC_FLAG_INIT;

class SmallBlocksLock {
 public:
  SmallBlocksLock() noexcept : taken_(!single_threaded()) {
    if (taken_) {
      while (small_blocks_busy.test_and_set(std::memory_order_acquire)) {
      }
    }
  }
  ~SmallBlocksLock() {
    if (taken_) small_blocks_busy.clear(std::memory_order_release);
  }
  SmallBlocksLock(const SmallBlocksLock&) = delete;
  SmallBlocksLock& operator=(const SmallBlocksLock&) = delete;

 private:
  static bool single_threaded() noexcept {
#if COMREG_KNOWS_SINGLE_THREADED
    return __libc_single_threaded != 0;
#else
    return false;
#endif
  }
  bool taken_;
};

}  // namespace

namespace comreg::cli {

bool enable_small_block_heap() noexcept {
  // 16 GiB of address space (none of it memory until used): more than any command's small
  // blocks (a million-key hive's uninstall has under 1 GiB of them); should it run out, blocks
  // come from malloc again. (valgrind refuses a 64 GiB range; 16 GiB it gives.)
  if (small_blocks_on.load(std::memory_order_relaxed)) return true;
  if (!small_blocks.reserve(std::size_t{16} << 30)) return false;
  small_blocks_on.store(true, std::memory_order_release);
  return true;
}

void enable_huge_page_heap() noexcept {
  // Grow the heap by 64 MiB at a time: the new memory is untouched when it is advised, and the
  // check above calls madvise once per step, not once per block.
  mallopt(M_TOP_PAD, 64 << 20);
  advised_end.store(reinterpret_cast<std::uintptr_t>(sbrk(0)), std::memory_order_relaxed);
}

}  // namespace comreg::cli

// The replaceable global allocation functions ([new.delete.single]). The array and nothrow
// forms call this operator new; the deletes are replaced with it, so that a block from malloc()
// is given back by free() as checkers see it (AddressSanitizer and valgrind report a malloc()
// block freed by their operator delete as a mismatch).
void* operator new(std::size_t size) {
  if (size <= comreg::cli::SmallBlockHeap::largest &&
      small_blocks_on.load(std::memory_order_acquire)) {
    const SmallBlocksLock lock;
    if (void* p = small_blocks.allocate(size == 0 ? 1 : size)) return p;
  }
  for (;;) {
    if (void* p = std::malloc(size == 0 ? 1 : size)) {
      if (advised_end.load(std::memory_order_relaxed) == 0) return p;  // not asked for
      if (size >= large_block) {
        advise_large_block(p, size);
      } else if (reinterpret_cast<std::uintptr_t>(p) + size >
                 advised_end.load(std::memory_order_relaxed)) {
        // Only a block past the part advised can be in new memory: the heap is then asked
        // where it ends (sbrk(0) for every block was 0.4 % of an install's time). The heap never
        // shrinks below that part here (main() sets a trim threshold of 1 GiB).
        advise_heap_growth();
      }
      return p;
    }
    const std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

void operator delete(void* block) noexcept {
  if (small_blocks.owns(block)) {
    const SmallBlocksLock lock;
    small_blocks.release(block);
    return;
  }
  std::free(block);
}
void operator delete(void* block, std::size_t) noexcept {
  ::operator delete(block);
}

#else

namespace comreg::cli {
void enable_huge_page_heap() noexcept {}
bool enable_small_block_heap() noexcept {
  return false;
}
}  // namespace comreg::cli

#endif
