#pragma once

#include <cstdlib>  // defines __GLIBC__ on glibc

// 1 where the program's heap is glibc's own brk heap, which the advice below works on. Under a
// sanitizer the allocator is the sanitizer's (its own mappings, and its own operator new that
// checks new/delete pairs), so there the program leaves both alone.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define COMREG_HUGE_PAGE_HEAP 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define COMREG_HUGE_PAGE_HEAP 0
#endif
#endif
#if !defined(COMREG_HUGE_PAGE_HEAP)
#if defined(__linux__) && defined(__GLIBC__)
#define COMREG_HUGE_PAGE_HEAP 1
#else
#define COMREG_HUGE_PAGE_HEAP 0
#endif
#endif

namespace comreg::cli {

// Asks the kernel to back the heap's new memory with transparent huge pages from here on
// (where COMREG_HUGE_PAGE_HEAP is 1; elsewhere it does nothing). For a process that owns its
// heap: the comreg program calls it first thing in main().
void enable_huge_page_heap() noexcept;

// From here on, operator new gives blocks of up to 256 bytes from the program's small-block
// heap (small_block_heap.hpp) instead of malloc (where COMREG_HUGE_PAGE_HEAP is 1). False when
// it is not there or its address range was refused: blocks then come from malloc as before.
bool enable_small_block_heap() noexcept;

}  // namespace comreg::cli
