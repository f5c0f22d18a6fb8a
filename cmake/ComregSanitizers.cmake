# COMREG_SANITIZE=address;undefined builds everything with those sanitizers.
if(COMREG_SANITIZE)
  list(JOIN COMREG_SANITIZE "," _comreg_sanitizers)
  add_compile_options(-fsanitize=${_comreg_sanitizers} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_comreg_sanitizers})
endif()

# COMREG_FUZZ: coverage instrumentation for libFuzzer everywhere; only the fuzz_* binaries link
# libFuzzer itself (fuzz/CMakeLists.txt).
if(COMREG_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
