// libFuzzer target: the PE reader (headers, exports, resources) on arbitrary bytes.
// Properties: nothing crashes or reads out of bounds; a refused image names its problem.
#include <cstddef>
#include <cstdint>
#include <span>

#include "comreg/readers/pe_reader.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const comreg::PeReadResult r = comreg::read_pe(std::span<const std::uint8_t>(data, size));
  COMREG_FUZZ_CHECK(r.ok() != r.error.has_value());
  if (r.ok()) {
    (void)r.image->find_export("DllRegisterServer");
    (void)r.image->manifests();
    (void)r.image->typelibs();
  }
  return 0;
}
