// Placeholders kept symbolic (LoadOptions::symbolic) as the plan carries them: the text keeps
// "${name}", Plan::symbolic says where and which, and a LocalServer32 command says that its
// quotes depend on the folder. Plans of real paths carry none.
#include <catch2/catch.hpp>
#include <string>

#include "comreg/description/description_loader.hpp"
#include "comreg/plan/plan.hpp"

namespace {

const char* const description = R"({
  "comreg": 1,
  "assembly": { "name": "Contoso.Symbolic", "version": "1.0.0.0" },
  "servers": [
    { "kind": "inproc", "path": "${installdir}\\widgets.dll",
      "classes": [ { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}" } ] },
    { "kind": "local", "path": "${installdir}\\widgetsvc.exe", "arguments": "-config ${installdir}\\w.cfg",
      "classes": [ { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}" } ] },
    { "kind": "local", "path": "${installdir}\\My Server\\srv.exe",
      "classes": [ { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}" } ] }
  ]
})";

comreg::Description load(const comreg::LoadOptions& options) {
  auto r = comreg::load_description(description, "symbolic.json", options);
  INFO(comreg::format_diagnostics_json(r.diagnostics));
  REQUIRE(r.description);
  return std::move(*r.description);
}

comreg::LoadOptions symbolic_installdir() {
  comreg::LoadOptions options;
  options.symbolic = {"installdir"};
  return options;
}

// The set_value operation of `key` (its default value).
const comreg::Operation& default_value_of(const comreg::Plan& plan, const std::string& key) {
  for (const auto& op : plan.ops) {
    if (op.kind == comreg::OpKind::set_value && op.key == key && op.name.empty()) return op;
  }
  FAIL("no default value in " << key);
  return plan.ops.front();
}

}  // namespace

TEST_CASE("Symbolic: the plan says where each placeholder is and which", "[plan][placeholders]") {
  const auto d = load(symbolic_installdir());
  CHECK(d.symbolic == std::vector<std::string>{"installdir"});
  CHECK(d.servers[0].path == "${installdir}\\widgets.dll");
  const auto plan = comreg::make_plan(d, {});

  const auto& inproc =
      default_value_of(plan, "CLSID\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\\InprocServer32");
  CHECK(inproc.value.text == "${installdir}\\widgets.dll");
  const comreg::SymbolicValue* s = plan.symbolic_of(inproc);
  REQUIRE(s != nullptr);
  CHECK(s->op == static_cast<std::uint32_t>(&inproc - plan.ops.data()));
  REQUIRE(s->placeholders.size() == 1);
  CHECK(s->placeholders[0].offset == 0);
  CHECK(s->placeholders[0].length == std::string("${installdir}").size());
  CHECK(s->placeholders[0].name == "installdir");
  CHECK_FALSE(s->quote_if_spaced);

  // Operations without placeholders have none; the list is in operation order.
  CHECK(plan.symbolic_of(plan.ops.front()) == nullptr);
  CHECK(plan.symbolic.size() == 3);
  for (std::size_t i = 1; i < plan.symbolic.size(); ++i)
    CHECK(plan.symbolic[i - 1].op < plan.symbolic[i].op);
}

TEST_CASE("Symbolic: a LocalServer32 command is quoted if the folder has a space",
          "[plan][placeholders]") {
  const auto plan = comreg::make_plan(load(symbolic_installdir()), {});
  const auto& local =
      default_value_of(plan, "CLSID\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}\\LocalServer32");
  // Quoted in the text (safe for any folder), and marked: the quotes are the placeholder's.
  CHECK(local.value.text == "\"${installdir}\\widgetsvc.exe\" -config ${installdir}\\w.cfg");
  const comreg::SymbolicValue* s = plan.symbolic_of(local);
  REQUIRE(s != nullptr);
  CHECK(s->quote_if_spaced);
  CHECK(s->closing_quote == local.value.text.find("\" "));
  REQUIRE(s->placeholders.size() == 2);  // the path's and the argument's
  CHECK(s->placeholders[0].offset == 1);
  CHECK(s->placeholders[1].offset == local.value.text.rfind("${"));
  CHECK(s->placeholders[1].name == "installdir");

  // A path with a space of its own is quoted whatever the folder: not marked.
  const auto& spaced =
      default_value_of(plan, "CLSID\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}\\LocalServer32");
  CHECK(spaced.value.text == "\"${installdir}\\My Server\\srv.exe\"");
  REQUIRE(plan.symbolic_of(spaced) != nullptr);
  CHECK_FALSE(plan.symbolic_of(spaced)->quote_if_spaced);
}

TEST_CASE("Symbolic: a plan of real paths carries no placeholders", "[plan][placeholders]") {
  comreg::LoadOptions options;
  options.defines["installdir"] = "C:\\Contoso";
  const auto d = load(options);
  CHECK(d.symbolic.empty());
  const auto plan = comreg::make_plan(d, {});
  CHECK(plan.symbolic.empty());
  for (const auto& op : plan.ops) CHECK(plan.symbolic_of(op) == nullptr);
  CHECK(default_value_of(plan, "CLSID\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}\\LocalServer32")
            .value.text == "C:\\Contoso\\widgetsvc.exe -config C:\\Contoso\\w.cfg");
}

TEST_CASE("Symbolic: other placeholders must still be defined", "[plan][placeholders]") {
  const std::string text = R"({
  "comreg": 1,
  "assembly": { "name": "Contoso.Symbolic", "version": "1.0.0.0" },
  "servers": [
    { "kind": "inproc", "path": "${installdir}\\${sub}\\widgets.dll",
      "classes": [ { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}" } ] }
  ]
})";
  const auto r = comreg::load_description(text, "symbolic.json", symbolic_installdir());
  CHECK_FALSE(r.description);
  REQUIRE(r.diagnostics.error_count() == 1);
  const auto& d = r.diagnostics.items()[0];
  CHECK(d.code == "undefined-placeholder");
  CHECK(d.message == "placeholder '${sub}' is not defined");
  CHECK(d.location.pointer == "/servers/0/path");
  CHECK(d.location.line == 5);

  // A name both defined and kept symbolic is a contradiction, not a choice.
  comreg::LoadOptions both = symbolic_installdir();
  both.defines["installdir"] = "C:\\Contoso";
  both.defines["sub"] = "bin";
  const auto c = comreg::load_description(text, "symbolic.json", both);
  CHECK_FALSE(c.description);
  REQUIRE(c.diagnostics.error_count() == 1);
  CHECK(c.diagnostics.items()[0].code == "placeholder-conflict");
}
