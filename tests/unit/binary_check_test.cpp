// BinaryCheck on the binaries tests/pe builds: servers that fit, and each kind of misfit.
#include <catch2/catch.hpp>
#include <string>

#include "comreg/check/binary_check.hpp"
#include "comreg/description/description_loader.hpp"
#include "support/pe_files.hpp"

using namespace comreg;
using namespace comreg::testing;

TEST_CASE("Binary check: where a server's path is looked for", "[check]") {
  CHECK(binary_candidates("${installdir}\\sub\\x.dll") ==
        std::vector<std::string>{"sub/x.dll", "x.dll"});
  CHECK(binary_candidates("C:\\Program Files\\Contoso\\widgets.dll") ==
        std::vector<std::string>{"Program Files/Contoso/widgets.dll", "Contoso/widgets.dll",
                                 "widgets.dll"});
  CHECK(binary_candidates("%ProgramFiles%\\${app}\\x.dll") == std::vector<std::string>{"x.dll"});
  CHECK(binary_candidates("x.dll") == std::vector<std::string>{"x.dll"});
  CHECK(binary_candidates("").empty());
}

#ifdef COMREG_PE_BINARIES

namespace {

const char* const testlib_clsid = "{6A3C2B1E-0D4F-4C5A-9B8E-7F1A2C3D4E51}";

// A description with one server; `server` is the JSON of the server object.
Description one_server(const std::string& server, const std::string& extra_servers = "") {
  const std::string text =
      "{ \"comreg\": 1,\n"
      "  \"assembly\": { \"name\": \"Comreg.PeTest\", \"version\": \"1.0.0.0\", \"arch\": "
      "\"amd64\" },\n"
      "  \"servers\": [ " +
      server + extra_servers + " ] }\n";
  LoadOptions options;
  options.undefined_placeholder = UndefinedPlaceholder::keep;
  auto r = load_description(text, "check.json", options);
  INFO(format_diagnostics_json(r.diagnostics));
  REQUIRE(r.description.has_value());
  return std::move(*r.description);
}

std::string server(const char* kind, const char* path, const char* arch = "amd64",
                   const char* threading = "Apartment", const char* clsid = testlib_clsid,
                   const char* progid = "Comreg.PeTest.1") {
  return std::string("{ \"kind\": \"") + kind + "\", \"path\": \"${installdir}\\\\" + path +
         "\", \"arch\": \"" + arch + "\", \"classes\": [ { \"clsid\": \"" + clsid + "\"" +
         (*progid ? std::string(", \"progid\": \"") + progid + "\"" : std::string()) +
         (std::string(kind) == "local" ? std::string()
                                       : std::string(", \"threading\": \"") + threading + "\"") +
         " } ] }";
}

BinaryCheckReport check(const Description& d, View view = View::v64) {
  return check_binaries(d, pe_binary_path(""), view);
}

// The codes of the errors, in order.
std::vector<std::string> errors(const BinaryCheckReport& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) {
    if (d.severity == Severity::error) out.push_back(d.code);
  }
  return out;
}

const Diagnostic& first(const BinaryCheckReport& r, const std::string& code) {
  for (const auto& d : r.diagnostics) {
    if (d.code == code) return d;
  }
  FAIL("no diagnostic " << code << " in\n" << format_diagnostics_json(r.diagnostics));
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Binary check: tests/com's server and local server fit their description",
          "[check][binaries]") {
  LoadOptions options;
  options.undefined_placeholder = UndefinedPlaceholder::keep;
  const auto loaded = load_description(read_file(source_path("tests/com/comreg_test.json")),
                                       "comreg_test.json", options);
  REQUIRE(loaded.description.has_value());
  const auto r = check(*loaded.description);
  INFO(format_diagnostics_json(r.diagnostics));
  CHECK(r.ok());
  CHECK(r.binaries_checked == 2);
  CHECK(first(r, "binary-self-registration").message ==
        "inproc server comreg_testsrv.dll: DllRegisterServer absent, DllUnregisterServer absent "
        "(comreg registers it from the description; regsvr32 needs them)");
}

TEST_CASE("Binary check: DLLs with an embedded manifest that agrees, x64 and x86",
          "[check][binaries]") {
  const auto x64 = check(one_server(server("inproc", "comreg_pe_x64.dll")));
  INFO(format_diagnostics_json(x64.diagnostics));
  CHECK(x64.ok());
  CHECK(x64.diagnostics.warning_count() == 0);
  CHECK(first(x64, "binary-self-registration").message.find("DllRegisterServer present") !=
        std::string::npos);

  const auto x86 = check(one_server(server("inproc", "comreg_pe_x86.dll", "x86")), View::v32);
  INFO(format_diagnostics_json(x86.diagnostics));
  CHECK(x86.ok());
  CHECK(x86.diagnostics.warning_count() == 0);
}

TEST_CASE("Binary check: architecture against arch and view", "[check][binaries]") {
  const auto wrong_view = check(one_server(server("inproc", "comreg_pe_x86.dll", "x86")));
  CHECK(errors(wrong_view) == std::vector<std::string>{"binary-view-mismatch"});
  const Diagnostic& d = first(wrong_view, "binary-view-mismatch");
  CHECK(d.message ==
        "inproc server comreg_pe_x86.dll is x86, but it is registered in the 64-bit registry "
        "view: a x86 process cannot load it from there");
  CHECK(d.location.file == "check.json");
  CHECK(d.location.pointer == "/servers/0");
  CHECK(d.location.line == 3);
  CHECK(d.hint == "register it with --view 32");

  const auto wrong_arch = check(one_server(server("inproc", "comreg_pe_x86.dll")), View::v32);
  // The description says amd64: the machine, and the embedded manifest's x86, contradict it.
  CHECK(errors(wrong_arch) ==
        std::vector<std::string>{"binary-arch-mismatch", "binary-manifest-contradicts"});
  CHECK(first(wrong_arch, "binary-arch-mismatch").message ==
        "inproc server comreg_pe_x86.dll is x86, but the description says arch 'amd64'");

  // A local server may be of another bitness than the view: only a note.
  const auto local = check(one_server(server("local", "comreg_testexe.exe")), View::v32);
  CHECK(local.ok());
  CHECK(first(local, "binary-view-mismatch").severity == Severity::note);
}

TEST_CASE("Binary check: kinds and exports", "[check][binaries]") {
  const auto client = check(one_server(server("inproc", "comreg_testclient.exe")));
  CHECK(errors(client) == std::vector<std::string>{"binary-not-dll"});
  CHECK(first(client, "binary-not-dll").message ==
        "inproc server comreg_testclient.exe is an EXE; an in-process server must be a DLL");

  const auto dll_as_local = check(one_server(server("local", "comreg_pe_x64.dll")));
  CHECK(errors(dll_as_local) == std::vector<std::string>{"binary-not-exe"});

  const auto handler = check(one_server(server("handler", "comreg_pe_app.exe")));
  CHECK(errors(handler) == std::vector<std::string>{"binary-not-dll"});
  CHECK(first(handler, "binary-not-dll").message ==
        "handler server comreg_pe_app.exe is an EXE; a handler server must be a DLL");

  const auto partial = check(one_server(server("inproc", "comreg_pe_partial.dll")));
  CHECK(errors(partial) == std::vector<std::string>{"binary-missing-export"});
  CHECK(first(partial, "binary-missing-export").message ==
        "inproc server comreg_pe_partial.dll does not export DllCanUnloadNow, which COM calls on "
        "every in-process server");
}

TEST_CASE("Binary check: an embedded manifest that contradicts the description",
          "[check][binaries]") {
  const auto threading = check(one_server(server("inproc", "comreg_pe_x64.dll", "amd64", "Free")));
  CHECK(errors(threading) == std::vector<std::string>{"binary-manifest-contradicts"});
  CHECK(first(threading, "binary-manifest-contradicts").message ==
        "comreg_pe_x64.dll:RT_MANIFEST/2:5: comClass {6A3C2B1E-0D4F-4C5A-9B8E-7F1A2C3D4E51} has "
        "threadingModel 'Apartment', but the description says 'Free'");

  // The manifest's class belongs to another server of the description.
  const auto elsewhere = check(
      one_server(server("inproc", "comreg_pe_x64.dll", "amd64", "Apartment",
                        "{6A3C2B1E-0D4F-4C5A-9B8E-7F1A2C3D4E59}"),
                 ", " + server("inproc", "other.dll", "amd64", "Apartment", testlib_clsid, "")));
  CHECK(first(elsewhere, "binary-manifest-contradicts").message.find("is served by") !=
        std::string::npos);

  // A class the description does not know: a warning.
  const auto unknown = check(one_server(server("inproc", "comreg_pe_x64.dll", "amd64", "Apartment",
                                               "{6A3C2B1E-0D4F-4C5A-9B8E-7F1A2C3D4E59}")));
  CHECK(unknown.ok());
  CHECK(first(unknown, "binary-manifest-extra-class").severity == Severity::warning);

  // A malformed embedded manifest, patched into a copy of the DLL.
  std::string bytes = read_pe_binary("comreg_pe_x64.dll");
  const std::size_t at = bytes.find("</assembly>");
  REQUIRE(at != std::string::npos);
  bytes.replace(at, 11, "</assemblx>");
  const Description d = one_server(server("inproc", "comreg_pe_x64.dll"));
  Diagnostics out;
  check_server_binary(d, d.servers[0], bytes, "patched.dll", View::v64, out);
  REQUIRE(out.error_count() == 1);
  const Diagnostic* invalid = nullptr;
  for (const auto& diag : out) {
    if (diag.severity == Severity::error) invalid = &diag;
  }
  REQUIRE(invalid != nullptr);
  INFO(invalid->message);
  CHECK(invalid->code == "binary-manifest-invalid");
  CHECK(invalid->message.find("patched.dll:RT_MANIFEST/2:7:1: end tag '</assemblx>'") !=
        std::string::npos);
}

TEST_CASE("Binary check: missing, not a PE, and a folder that is not there", "[check][binaries]") {
  const auto missing = check(one_server(server("inproc", "sub\\\\nothere.dll")));
  CHECK(errors(missing) == std::vector<std::string>{"binary-missing"});

  // Names are compared without case, as on Windows; a subfolder part that is absent is skipped.
  CHECK(check(one_server(server("inproc", "nosuchdir\\\\COMREG_PE_X64.DLL"))).ok());

  const auto not_pe = check(one_server(server("inproc", "testlib.tlb")));
  CHECK(errors(not_pe) == std::vector<std::string>{"binary-not-pe"});
  CHECK(first(not_pe, "binary-not-pe").message.find("[pe-bad-dos-header]") != std::string::npos);

  const auto no_dir = check_binaries(one_server(server("inproc", "x.dll")),
                                     pe_binary_path("no/such/dir"), View::v64);
  CHECK(no_dir.io_error.has_value());
  CHECK_FALSE(no_dir.ok());
}

#endif
