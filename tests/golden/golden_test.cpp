// Golden files: every emitter on every sample, byte for byte.
// Regenerate after an intended change with: COMREG_UPDATE_GOLDEN=1 build/tests/test_golden
// and review the diff like code.
#include <catch2/catch.hpp>
#include <string>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/plan/plan.hpp"
#include "support/test_files.hpp"

namespace {

using comreg::testing::compare_golden;
using comreg::testing::read_file;
using comreg::testing::source_path;

comreg::Description load_sample(const std::string& name,
                                comreg::UndefinedPlaceholder placeholders) {
  comreg::LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Fabrikam";
  options.undefined_placeholder = placeholders;
  const std::string file = "samples/" + name + ".json";
  auto result = comreg::load_description(read_file(source_path(file)), file, options);
  INFO(comreg::format_diagnostics_json(result.diagnostics));
  REQUIRE(result.description);
  REQUIRE_FALSE(result.diagnostics.has_errors());
  return std::move(*result.description);
}

std::string reg_bytes(const comreg::Plan& plan, comreg::RegFormat format, bool uninstall) {
  comreg::RegWriteOptions options;
  options.format = format;
  options.uninstall = uninstall;
  auto result = comreg::write_reg(plan, options);
  INFO(comreg::format_diagnostics_json(result.diagnostics));
  REQUIRE_FALSE(result.diagnostics.has_errors());
  return result.bytes;
}

}  // namespace

TEST_CASE("Golden: every emitter on every sample", "[golden]") {
  const std::string sample =
      GENERATE(as<std::string>{}, "contoso-widgets", "inproc-typelib", "local-server", "surrogate",
               "activex-control", "remote-client");
  CAPTURE(sample);
  const auto description = load_sample(sample, comreg::UndefinedPlaceholder::error);

  const auto user64 = comreg::make_plan(description, {comreg::Scope::user, comreg::View::v64});
  const auto machine64 =
      comreg::make_plan(description, {comreg::Scope::machine, comreg::View::v64});
  const auto machine32 =
      comreg::make_plan(description, {comreg::Scope::machine, comreg::View::v32});

  CHECK(compare_golden(sample + "/plan-user-64.txt", comreg::plan_to_text(user64)).empty());
  CHECK(compare_golden(sample + "/plan-machine-32.json", comreg::plan_to_json(machine32)).empty());

  const std::string install = reg_bytes(machine64, comreg::RegFormat::v5, false);
  REQUIRE(install.size() > 2);
  CHECK(install.substr(0, 2) == "\xFF\xFE");
  CHECK(compare_golden(sample + "/install-machine-64.reg", install).empty());
  CHECK(compare_golden(sample + "/uninstall-machine-64.reg",
                       reg_bytes(machine64, comreg::RegFormat::v5, true))
            .empty());
  CHECK(compare_golden(
            sample + "/install-user-32.regedit4.reg",
            reg_bytes(comreg::make_plan(description, {comreg::Scope::user, comreg::View::v32}),
                      comreg::RegFormat::regedit4, false))
            .empty());

  // Manifests need only file names, so they are generated without --define, as users do.
  const auto unresolved = load_sample(sample, comreg::UndefinedPlaceholder::keep);
  const auto component = comreg::write_component_manifest(unresolved);
  if (!component.diagnostics.has_errors()) {
    CHECK(component.xml.find("urn:schemas-microsoft-com:asm.v1") != std::string::npos);
    CHECK(compare_golden(sample + "/component.manifest", component.xml).empty());
  } else {
    // Only descriptions without any in-process server cannot have a component manifest.
    for (const auto& s : unresolved.servers) CHECK(s.kind != comreg::ServerKind::inproc);
  }
  const auto app = comreg::write_application_manifest(unresolved, "client.exe");
  REQUIRE_FALSE(app.diagnostics.has_errors());
  CHECK(compare_golden(sample + "/client.exe.manifest", app.xml).empty());
}

TEST_CASE("Golden: plans are deterministic", "[golden]") {
  const auto a = load_sample("inproc-typelib", comreg::UndefinedPlaceholder::error);
  const auto b = load_sample("inproc-typelib", comreg::UndefinedPlaceholder::error);
  CHECK(comreg::plan_to_json(comreg::make_plan(a, {})) ==
        comreg::plan_to_json(comreg::make_plan(b, {})));
}
