// comreg: register Windows COM servers from one JSON description. The program is run_cli()
// (command_line.cpp, in comreg_cli_core), which the tests also run in-process.
#include <cstdlib>  // defines __GLIBC__ on glibc

#include "heap_huge_pages.hpp"
#include "run_cli.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#ifdef _WIN32
#include <string>
#include <vector>

#include "comreg/core/file_path.hpp"
#endif

namespace {

int run(int argc, char** argv) {
#if defined(__GLIBC__)
  // One command per process: a large block freed (the description's text and JSON nodes once
  // loaded) is reused by the next step instead of going back to the kernel, to be faulted in
  // again page by page, which on a virtual machine costs more than the work done in the pages
  // (10,000-class manifest: 14,600 -> 10,800 page faults).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  comreg::cli::enable_huge_page_heap();
  (void)comreg::cli::enable_small_block_heap();
  comreg::cli::end_process_after_command();
  return comreg::cli::run_cli(argc, argv);
}

}  // namespace

#ifdef _WIN32
// Windows passes the command line as UTF-16, and comreg's strings are UTF-8 (a path too:
// comreg/core/file_path.hpp). main's argv would be in the ANSI code page, which cannot spell
// every file name ("C:\Users\Jörg" on a Japanese system) and which the library would read
// as UTF-8. (-municode makes mingw-w64 call wmain; MSVC does by itself.)
int wmain(int argc, wchar_t** wargv) {
  std::vector<std::string> args;
  args.reserve(static_cast<std::size_t>(argc));
  for (int i = 0; i < argc; ++i) args.push_back(comreg::files::utf8_of_wide(wargv[i]));
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return run(argc, argv.data());
}
#else
int main(int argc, char** argv) {
  return run(argc, argv);
}
#endif
