// libFuzzer target: the scripts inside a binary, as import finds them: the kind told from the
// bytes, comhost's CLSID map resource and the ATL REGISTRY resources, each applied.
// Properties: nothing crashes; a script refused ⇔ an error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "comreg/import/import_source.hpp"
#include "comreg/import/script_apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)comreg::detect_import_source_kind(bytes);
  const comreg::PeReadResult pe = comreg::read_pe(bytes);
  if (!pe.ok()) return 0;
  comreg::ScriptApplyOptions options;
  options.replacements = {{"MODULE", "C:\\Fuzz\\fuzz.dll"}};
  if (const comreg::PeResource* map = comreg::clsid_map_resource(*pe.image)) {
    comreg::MemoryBackend registry;
    comreg::Diagnostics diagnostics;
    const std::string_view json(reinterpret_cast<const char*>(map->data.data()), map->data.size());
    const auto r =
        comreg::apply_clsid_map(json, "C:\\Fuzz\\x.comhost.dll", options, registry, diagnostics);
    COMREG_FUZZ_CHECK(r.ok != diagnostics.has_errors());
  }
  for (const auto& script : comreg::registry_scripts(*pe.image)) {
    comreg::MemoryBackend registry;
    comreg::Diagnostics diagnostics;
    const auto r = comreg::apply_rgs(script.text, options, registry, diagnostics);
    COMREG_FUZZ_CHECK(r.ok != diagnostics.has_errors());
  }
  return 0;
}
