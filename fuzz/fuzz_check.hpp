// What a harness does when a property fails: stop the run with a message libFuzzer records
// with the input (a crash, not a silent pass).
#pragma once

#include <cstdio>
#include <cstdlib>

#define COMREG_FUZZ_CHECK(condition)                                                        \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)
