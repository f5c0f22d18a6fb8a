// The store conformance body (tests/support/store_conformance.hpp) on Win32Backend: the live
// registry, under Wine in the wine:store-conformance test. Prints a line per failed check and
// "N checks, M failed"; exit 0 only when none failed.
#include <cstdio>
#include <memory>

#include "comreg/store/win32_backend.hpp"
#include "support/store_conformance.hpp"

int main() {
  int checks = 0;
  int failed = 0;
  const auto check = [&](bool ok, const char* expression, int line) {
    ++checks;
    if (ok) return;
    ++failed;
    std::printf("FAIL store_conformance.hpp:%d: %s\n", line, expression);
  };
  for (const comreg::View view : {comreg::View::v64, comreg::View::v32}) {
    auto store = std::make_unique<comreg::Win32Backend>(view);
    const auto reopen = [&]() -> comreg::RegistryBackend& {
      store = std::make_unique<comreg::Win32Backend>(view);
      return *store;
    };
    comreg::test::store_conformance(*store, "HKEY_CURRENT_USER\\Software\\Contoso", reopen, check);
  }
  std::printf("%d checks, %d failed\n", checks, failed);
  return failed == 0 ? 0 : 1;
}
