// libFuzzer target: an ATL registrar script applied (apply_rgs) and the result imported.
// Properties: nothing crashes; refused ⇔ an error, and a refused script writes nothing; an
// applied one imports, and whatever is imported loads again as a valid description.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/import/script_apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  comreg::MemoryBackend registry, empty;
  comreg::Diagnostics diagnostics;
  comreg::ScriptApplyOptions options;
  options.file = "fuzz.rgs";
  options.replacements = {{"MODULE", "C:\\Program Files\\Fuzz\\fuzz.dll"}, {"X", "%"}};
  const auto applied = comreg::apply_rgs(bytes, options, registry, diagnostics);
  COMREG_FUZZ_CHECK(applied.ok != diagnostics.has_errors());
  if (!applied.ok) {
    COMREG_FUZZ_CHECK(registry == empty);
    return 0;
  }
  const comreg::ImportResult imported = comreg::import_registry(registry, {});
  std::size_t classes = 0;
  for (const auto& s : imported.description.servers) classes += s.classes.size();
  if (classes > 0) {
    const auto loaded =
        comreg::load_description(comreg::description_to_json(imported.description), "x.json");
    COMREG_FUZZ_CHECK(loaded.description && !loaded.diagnostics.has_errors());
  }
  return 0;
}
