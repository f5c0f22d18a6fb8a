// libFuzzer target: the description loader on arbitrary bytes, and everything downstream of
// an accepted description (plan, .reg in every format, manifests, lint, the JSON writer).
// Properties: nothing crashes; an accepted description yields .reg files the reg reader reads
// back, a component manifest the manifest reader reads and verify_manifest accepts, and
// canonical JSON that loads again to the same canonical JSON, byte for byte what nlohmann's
// dump(2) writes for it (the writer writes its text directly).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/lint/lint.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "fuzz_check.hpp"

namespace {

void check_reg_round_trip(const comreg::Plan& plan, const comreg::RegWriteOptions& options) {
  const comreg::RegWriteResult reg = comreg::write_reg(plan, options);
  if (reg.diagnostics.has_errors()) return;  // e.g. REGEDIT4 cannot carry non-ASCII text
  comreg::MemoryBackend registry;
  comreg::Diagnostics problems;
  COMREG_FUZZ_CHECK(comreg::read_reg(reg.bytes, {}, registry, problems));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  comreg::LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Contoso";
  options.undefined_placeholder = comreg::UndefinedPlaceholder::keep;
  const comreg::LoadResult loaded = comreg::load_description(text, "fuzz.json", options);
  if (!loaded.description) {
    COMREG_FUZZ_CHECK(loaded.diagnostics.has_errors());
    return 0;
  }
  const comreg::Description& d = *loaded.description;
  for (const auto scope : {comreg::Scope::user, comreg::Scope::machine}) {
    for (const auto view : {comreg::View::v64, comreg::View::v32}) {
      const comreg::Plan plan = comreg::make_plan(d, {scope, view});
      (void)comreg::plan_to_text(plan);
      (void)comreg::lint(d, {scope, view});
      comreg::RegWriteOptions reg;
      check_reg_round_trip(plan, reg);
      reg.uninstall = true;
      check_reg_round_trip(plan, reg);
      reg.format = comreg::RegFormat::regedit4;
      check_reg_round_trip(plan, reg);
    }
  }
  // The component manifest reads back with the manifest reader and verifies against d.
  if (const auto m = comreg::write_component_manifest(d); !m.diagnostics.has_errors()) {
    const comreg::ManifestReadResult read = comreg::read_manifest(m.xml, "fuzz.manifest");
    COMREG_FUZZ_CHECK(read.manifest.has_value());
    COMREG_FUZZ_CHECK(comreg::verify_manifest(d, *read.manifest).ok());
  }
  (void)comreg::write_application_manifest(d, "client.exe");
  (void)comreg::write_dependency_fragment(d);

  const std::string json = comreg::description_to_json(d);
  const comreg::LoadResult again = comreg::load_description(json, "fuzz.json", options);
  COMREG_FUZZ_CHECK(again.description.has_value());
  COMREG_FUZZ_CHECK(comreg::description_to_json(*again.description) == json);
  COMREG_FUZZ_CHECK(nlohmann::ordered_json::parse(json).dump(2) + "\n" == json);
  return 0;
}
