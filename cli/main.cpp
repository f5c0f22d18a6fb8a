// comreg: register Windows COM servers from one JSON description. The program is run_cli()
// (command_line.cpp, in comreg_cli_core), which the tests also run in-process.
#include <cstdlib>  // defines __GLIBC__ on glibc

#include "heap_huge_pages.hpp"
#include "run_cli.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // One command per process: a large block freed (the description's text and JSON nodes once
  // loaded) is reused by the next step instead of going back to the kernel, to be faulted in
  // again page by page, which on a virtual machine costs more than the work done in the pages
  // (10,000-class manifest: 14,600 -> 10,800 page faults).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  comreg::cli::enable_huge_page_heap();
  comreg::cli::end_process_after_command();
  return comreg::cli::run_cli(argc, argv);
}
