// The round trip every corpus test makes of an import: the description it wrote validates,
// and its plan verifies against the registry it was imported from and against its own .reg
// file read back, except where the import listed what it left out.
#pragma once

#include <string>
#include <vector>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "core/ascii.hpp"

namespace comreg::testing {

/// Findings of a verify that no unmapped entry explains (a dangling reference taken off a kept
/// class is listed as unmapped, and its key is then a finding).
inline std::size_t unexplained(const VerifyReport& report, const std::vector<Unmapped>& unmapped) {
  std::size_t n = 0;
  for (const auto& f : report.findings) {
    if (f.is_warning()) continue;
    bool listed = false;
    for (const auto& u : unmapped) {
      if (text::fold_case(u.key) == text::fold_case(f.key) &&
          (!u.is_value || text::fold_case(u.value) == text::fold_case(f.name))) {
        listed = true;
        break;
      }
    }
    if (!listed) ++n;
  }
  return n;
}

/// What is wrong with `imported`'s round trip from `source` ("" when nothing): the description
/// does not validate, or its plan for `scope` does not verify against `source` or against its
/// own .reg file read back.
inline std::string round_trip_problem(const ImportResult& imported, const RegistryBackend& source,
                                      Scope scope) {
  const LoadResult loaded =
      load_description(description_to_json(imported.description), "imported.json");
  if (!loaded.description || loaded.diagnostics.has_errors()) {
    return "does not validate: " + format_diagnostics_json(loaded.diagnostics);
  }
  const Plan plan = make_plan(*loaded.description, {scope, View::v64});
  const RegWriteResult reg = write_reg(plan);
  MemoryBackend reemitted;
  Diagnostics reread;
  const bool reread_ok = read_reg(reg.bytes, {}, reemitted, reread);
  const VerifyReport against_source = verify(plan, source);
  const VerifyReport against_reemitted = verify(plan, reemitted);
  if (!reread_ok || unexplained(against_source, imported.unmapped) != 0 ||
      unexplained(against_reemitted, imported.unmapped) != 0) {
    return "does not verify: " + format_verify_report(against_source, false);
  }
  return {};
}

}  // namespace comreg::testing
