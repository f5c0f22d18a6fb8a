// libFuzzer target: the .reg reader on arbitrary bytes, unfiltered and filtered.
// Properties: nothing crashes; a refused file says so with an error and changes nothing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  comreg::MemoryBackend empty;
  {
    comreg::MemoryBackend registry;
    comreg::Diagnostics diagnostics;
    comreg::RegReadOptions options;
    options.file_name = "fuzz.reg";
    const bool ok = comreg::read_reg(bytes, options, registry, diagnostics);
    COMREG_FUZZ_CHECK(ok != diagnostics.has_errors());
    if (!ok) COMREG_FUZZ_CHECK(registry == empty);
    (void)registry.dump();
  }
  {
    comreg::MemoryBackend registry;
    comreg::Diagnostics diagnostics;
    comreg::RegReadOptions options;
    options.only_under = {"HKEY_CURRENT_USER\\Software\\Classes\\CLSID"};
    options.root_aliases = {{"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER\\Software\\Classes"}};
    if (!comreg::read_reg(bytes, options, registry, diagnostics)) {
      COMREG_FUZZ_CHECK(registry == empty);
    }
  }
  return 0;
}
