# COMREG_SANITIZE=address;undefined builds everything with those sanitizers.
if(COMREG_SANITIZE)
  list(JOIN COMREG_SANITIZE "," _comreg_sanitizers)
  add_compile_options(-fsanitize=${_comreg_sanitizers} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_comreg_sanitizers})
endif()

# COMREG_FUZZ: coverage instrumentation for libFuzzer in the code the fuzzers run, the library
# (lib/) and the harnesses (fuzz/), which add COMREG_FUZZ_COVERAGE to their compile options;
# only the fuzz_* binaries link libFuzzer itself. The tests and the CLI are left without it:
# no fuzzer runs them, and it was a fifth of their sanitized compile time.
set(COMREG_FUZZ_COVERAGE "")
if(COMREG_FUZZ)
  set(COMREG_FUZZ_COVERAGE -fsanitize=fuzzer-no-link)
endif()
