// The generated selfreg.cpp: its table says exactly what the plan says, placeholders and
// quoting are deferred to run time, and only <windows.h> is included. (That it compiles with
// mingw-w64 and works under regsvr32 is the Wine end-to-end test's job.)
#include <catch2/catch.hpp>

#include "comreg/emit/installer_writers.hpp"
#include "comreg/emit/selfreg_writer.hpp"

namespace {

comreg::Operation op(comreg::OpKind kind, std::string k, std::string name = {},
                     comreg::RegValue v = {}, comreg::Ownership o = comreg::Ownership::owned) {
  comreg::Operation out;
  out.kind = kind;
  out.key = std::move(k);
  out.name = std::move(name);
  out.value = std::move(v);
  out.ownership = o;
  return out;
}

// As the planner plans a LocalServer32 path with ${installdir} kept symbolic: quoted, and the
// quotes marked as the folder's.
comreg::Plan plan_for(comreg::PlanOptions options) {
  const std::string c = "CLSID\\{11111111-2222-3333-4444-555555555555}";
  const std::string command = "\"${installdir}\\srv.exe\"";
  comreg::Plan plan{
      options,
      {op(comreg::OpKind::create_key, c),
       op(comreg::OpKind::set_value, c, "", comreg::RegValue::sz("Caf\xC3\xA9 \"x\" \\ ?\?=")),
       op(comreg::OpKind::create_key, c + "\\LocalServer32"),
       op(comreg::OpKind::set_value, c + "\\LocalServer32", "", comreg::RegValue::sz(command)),
       op(comreg::OpKind::set_value, c, "Flags", comreg::RegValue::dword(0x0102)),
       op(comreg::OpKind::create_key, "TypeLib\\{A}", {}, {}, comreg::Ownership::shared),
       op(comreg::OpKind::set_value, "TypeLib\\{A}", "Owner", comreg::RegValue::sz("me"),
          comreg::Ownership::shared),
       op(comreg::OpKind::set_value, "TypeLib\\{A}", "List", comreg::RegValue::multi_sz({"a", "b"}),
          comreg::Ownership::shared)},
      {}};
  comreg::SymbolicValue v;
  v.op = 3;
  v.placeholders.push_back({1, 13, "installdir"});
  v.quote_if_spaced = true;
  v.closing_quote = static_cast<std::uint32_t>(command.size() - 1);
  plan.symbolic.push_back(v);
  return plan;
}

std::string generate(comreg::PlanOptions options, bool fallback = false) {
  comreg::SelfregWriteOptions write;
  write.per_user_fallback = fallback;
  write.source_name = "t.json";
  const auto r = comreg::write_selfreg(plan_for(options), write);
  INFO(comreg::format_diagnostics_json(r.diagnostics));
  REQUIRE_FALSE(r.diagnostics.has_errors());
  return r.text;
}

bool contains(const std::string& text, const std::string& part) {
  INFO(part);
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("selfreg: the table is the plan", "[selfreg]") {
  const std::string cpp = generate({comreg::Scope::machine, comreg::View::v64});
  CHECK(contains(cpp, "#include <windows.h>\n"));
  CHECK(contains(cpp, "const HKEY kRoot = HKEY_LOCAL_MACHINE;"));
  CHECK(contains(cpp, "const REGSAM kView = KEY_WOW64_64KEY;"));
  CHECK(contains(cpp, "const bool kPerUserFallback = false;"));
  CHECK(contains(cpp,
                 "{kKey, kOwnedRoot, 0, "
                 "L\"Software\\\\Classes\\\\CLSID\\\\{11111111-2222-3333-4444-555555555555}\", "
                 "nullptr, 0, nullptr, 0},"));
  // Non-ASCII as universal character names, quotes, backslashes and '?' escaped.
  CHECK(contains(
      cpp, "{kValue, 0, REG_SZ, L\"\", L\"Caf\\u00E9 \\\"x\\\" \\\\ \\?\\?=\", 15, nullptr, 0},"));
  // The folder at run time (U+0001), and the quotes only if it has a space.
  CHECK(contains(cpp,
                 "{kValue, kTemplate | kQuoteIfSpace, REG_SZ, L\"\", L\"\\001\\\\srv.exe\", 10, "
                 "nullptr, 0},"));
  CHECK(contains(cpp,
                 "{kValue, 0, REG_DWORD, L\"Flags\", nullptr, 0, \"\\002\\001\\000\\000\", 4},"));
  CHECK(contains(cpp, "{kKey, kShared, 0, L\"Software\\\\Classes\\\\TypeLib\\\\{A}\""));
  CHECK(contains(cpp, "{kValue, 0, REG_MULTI_SZ, L\"List\", L\"a\\000b\\000\", 5, nullptr, 0},"));
  CHECK(contains(cpp, "STDAPI DllRegisterServer(void)"));
  CHECK(contains(cpp, "STDAPI DllUnregisterServer(void)"));
  CHECK(contains(cpp, "GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS"));
  CHECK_FALSE(contains(cpp, "#include <atl"));
  CHECK_FALSE(contains(cpp, "std::"));
}

TEST_CASE("selfreg: scope, view and per-user fallback", "[selfreg]") {
  const std::string user = generate({comreg::Scope::user, comreg::View::v32}, true);
  CHECK(contains(user, "const HKEY kRoot = HKEY_CURRENT_USER;"));
  CHECK(contains(user, "const REGSAM kView = KEY_WOW64_32KEY;"));
  CHECK(contains(user, "const bool kPerUserFallback = false;"));  // already per user
  const std::string machine = generate({comreg::Scope::machine, comreg::View::v64}, true);
  CHECK(contains(machine, "const bool kPerUserFallback = true;"));
}

TEST_CASE("selfreg: placeholders other than installdir must be defined", "[selfreg]") {
  const std::string c = "CLSID\\{1}";
  comreg::Plan plan{{comreg::Scope::machine, comreg::View::v64},
                    {op(comreg::OpKind::create_key, c),
                     op(comreg::OpKind::set_value, c, "", comreg::RegValue::sz("${other}\\x"))},
                    {"/servers/0/path"}};
  comreg::SymbolicValue v;
  v.op = 1;
  v.placeholders.push_back({0, 8, "other"});
  plan.symbolic.push_back(v);
  const auto r = comreg::write_selfreg(plan, {});
  REQUIRE(r.diagnostics.has_errors());
  CHECK(r.diagnostics.items()[0].code == "undefined-placeholder");
  CHECK(r.text.empty());
}

TEST_CASE("selfreg: a description that registers nothing is refused", "[selfreg]") {
  const comreg::Plan empty{{comreg::Scope::machine, comreg::View::v64}, {}, {}};
  const auto r = comreg::write_selfreg(empty, {});
  REQUIRE(r.diagnostics.has_errors());
  CHECK(r.diagnostics.items()[0].code == "selfreg-empty");
  CHECK(r.text.empty());
}

TEST_CASE("selfreg: the test hooks exist only when asked for", "[selfreg]") {
  const std::string cpp = generate({comreg::Scope::machine, comreg::View::v64}, true);
  const auto hooks = cpp.find("#ifdef COMREG_SELFREG_TEST_HOOKS\n");
  const auto other = cpp.find("#else\n", hooks);
  const auto end = cpp.find("#endif\n", other);
  REQUIRE(hooks != std::string::npos);
  REQUIRE(other != std::string::npos);
  REQUIRE(end != std::string::npos);
  // The environment is read only inside the hooks; the shipped branch does nothing.
  CHECK(cpp.find("GetEnvironmentVariableW") > hooks);
  CHECK(cpp.rfind("GetEnvironmentVariableW") < other);
  CHECK(
      cpp.substr(other, end - other) ==
      "#else\nvoid reset_test_hooks() {}\nLONG test_hook(HKEY, bool) { return ERROR_SUCCESS; }\n");
  // Every write of DllRegisterServer passes the hook; its rollback records before writing.
  CHECK(contains(
      cpp,
      "r = test_hook(root, true);\n      if (r == ERROR_SUCCESS) {\n        r = RegCreateKeyExW("));
  CHECK(contains(cpp,
                 "if (r == ERROR_SUCCESS) r = test_hook(root, true);\n      if (r == "
                 "ERROR_SUCCESS) r = RegSetValueExW("));
  CHECK(contains(cpp, "if (r != ERROR_SUCCESS) restore(root, j);"));
}
