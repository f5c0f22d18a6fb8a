// PeReader on real binaries built in this test run by mingw-w64 (tests/pe), and on inputs that
// are not PE files at all.
#include <catch2/catch.hpp>
#include <string>

#include "comreg/readers/pe_reader.hpp"
#include "support/pe_files.hpp"

using namespace comreg;
using namespace comreg::testing;

namespace {

PeImage read_ok(const std::string& bytes) {
  auto r = read_pe(bytes);
  INFO((r.error ? r.error->message : std::string()));
  REQUIRE(r.ok());
  REQUIRE_FALSE(r.error.has_value());
  return std::move(*r.image);
}

std::string as_text(std::span<const std::uint8_t> data) {
  return {reinterpret_cast<const char*>(data.data()), data.size()};
}

void require_com_server_exports(const PeImage& image) {
  for (const char* name :
       {"DllGetClassObject", "DllCanUnloadNow", "DllRegisterServer", "DllUnregisterServer"}) {
    INFO(name);
    const PeExport* e = image.find_export(name);
    REQUIRE(e != nullptr);
    CHECK(e->rva != 0);
    CHECK(e->forwarder.empty());
  }
  CHECK(image.find_export("dllgetclassobject") == nullptr);  // GetProcAddress is exact
  // `ByOrdinalOnly @7 NONAME`: an export with an ordinal and no name.
  bool ordinal_only = false;
  for (const auto& e : image.exports) {
    if (e.ordinal == 7) ordinal_only = e.name.empty() && e.forwarder.empty();
  }
  CHECK(ordinal_only);
  const PeExport* forwarded = image.find_export("ForwardedTick");
  REQUIRE(forwarded != nullptr);
  CHECK(forwarded->forwarder == "KERNEL32.GetTickCount");
}

void require_embedded_resources(const PeImage& image, const std::string& manifest) {
  const auto manifests = image.manifests();
  REQUIRE(manifests.size() == 1);
  CHECK_FALSE(manifests[0]->name.is_name);
  CHECK(manifests[0]->name.id == 2);
  CHECK(as_text(manifests[0]->data) == read_file(source_path("tests/pe/" + manifest)));
  const auto typelibs = image.typelibs();
  REQUIRE(typelibs.size() == 1);
  CHECK(typelibs[0]->type.is_name);
  CHECK(typelibs[0]->type.to_string() == "TYPELIB");
  CHECK(typelibs[0]->name.id == 1);
  CHECK(as_text(typelibs[0]->data) == read_pe_binary("testlib.tlb"));
  CHECK(as_text(typelibs[0]->data).rfind("MSFT", 0) == 0);
  CHECK(image.resources_of_type("typelib").size() == 1);  // type names compare without case
  CHECK(image.resources_of_type(std::uint32_t{16}).empty());
}

}  // namespace

TEST_CASE("PE: not a PE file is a located error, not a crash", "[pe]") {
  const auto empty = read_pe(std::string_view());
  REQUIRE(empty.error.has_value());
  CHECK_FALSE(empty.ok());
  CHECK(to_string(empty.error->code) == std::string("pe-truncated"));
  CHECK(empty.error->message.find("DOS header") != std::string::npos);

  const std::string elf_bytes = std::string(
                                    "\x7F"
                                    "ELF") +
                                std::string(60, '\0');
  const auto elf = read_pe(elf_bytes);
  REQUIRE(elf.error.has_value());
  CHECK(elf.error->code == PeErrc::bad_dos_header);
  CHECK(elf.error->message == "no DOS signature 'MZ' (found 0x457F) (at file offset 0x0)");

  std::string mz(64, '\0');
  mz[0] = 'M', mz[1] = 'Z', mz[0x3C] = 0x40;
  const auto no_nt = read_pe(mz);
  REQUIRE(no_nt.error.has_value());
  CHECK(no_nt.error->code == PeErrc::bad_dos_header);
  CHECK(no_nt.error->message ==
        "e_lfanew 0x40 points outside the file (0x40 bytes) (at file offset 0x3C)");
  CHECK(no_nt.error->offset == 0x3C);
}

TEST_CASE("PE: names of machines, subsystems and error codes", "[pe]") {
  CHECK(pe_machine_name(0x14c) == "x86");
  CHECK(pe_machine_name(0x8664) == "amd64");
  CHECK(pe_machine_name(0xaa64) == "arm64");
  CHECK(pe_machine_name(0x1c4) == "arm");
  CHECK(pe_machine_name(0x200) == "0x200");
  CHECK(pe_subsystem_name(2) == "windows-gui");
  CHECK(pe_subsystem_name(3) == "windows-cui");
  CHECK(pe_subsystem_name(14) == "14");
  CHECK(std::string(to_string(PeErrc::bad_resources)) == "pe-bad-resources");
  CHECK(std::string(to_string(PeErrc::bad_rva)) == "pe-bad-rva");
}

#ifdef COMREG_PE_BINARIES

TEST_CASE("PE: x64 DLL built by mingw-w64", "[pe][binaries]") {
  const std::string bytes = read_pe_binary("comreg_pe_x64.dll");
  const PeImage image = read_ok(bytes);
  CHECK(image.machine == pe_machine_amd64);
  CHECK(pe_machine_name(image.machine) == "amd64");
  CHECK(image.pe32_plus);
  CHECK(image.is_dll());
  CHECK(image.subsystem == pe_subsystem_windows_cui);  // ld's default, DLL or not
  CHECK(image.export_name == "comreg_pe_x64.dll");
  CHECK_FALSE(image.sections.empty());
  require_com_server_exports(image);
  require_embedded_resources(image, "testlib.manifest");
}

TEST_CASE("PE: x86 DLL built by mingw-w64 (PE32)", "[pe][binaries]") {
  const std::string bytes = read_pe_binary("comreg_pe_x86.dll");
  const PeImage image = read_ok(bytes);
  CHECK(image.machine == pe_machine_i386);
  CHECK(pe_machine_name(image.machine) == "x86");
  CHECK_FALSE(image.pe32_plus);
  CHECK(image.is_dll());
  CHECK(image.image_base != 0);
  require_com_server_exports(image);
  require_embedded_resources(image, "testlib-x86.manifest");
}

TEST_CASE("PE: an arm64 machine field is named", "[pe][binaries]") {
  std::string bytes = read_pe_binary("comreg_pe_x64.dll");
  const std::size_t nt = static_cast<unsigned char>(bytes[0x3C]) |
                         (static_cast<std::size_t>(static_cast<unsigned char>(bytes[0x3D])) << 8);
  bytes[nt + 4] = static_cast<char>(0x64);
  bytes[nt + 5] = static_cast<char>(0xAA);
  const PeImage image = read_ok(bytes);
  CHECK(image.machine == pe_machine_arm64);
  CHECK(pe_machine_name(image.machine) == "arm64");
}

TEST_CASE("PE: DLL without the COM entry points", "[pe][binaries]") {
  const std::string bytes = read_pe_binary("comreg_pe_partial.dll");
  const PeImage image = read_ok(bytes);
  CHECK(image.is_dll());
  CHECK(image.find_export("DllGetClassObject") != nullptr);
  CHECK(image.find_export("DllCanUnloadNow") == nullptr);
  CHECK(image.exports.size() == 1);
  CHECK(image.resources.empty());
}

TEST_CASE("PE: console EXE with an application manifest", "[pe][binaries]") {
  const std::string bytes = read_pe_binary("comreg_pe_app.exe");
  const PeImage image = read_ok(bytes);
  CHECK_FALSE(image.is_dll());
  CHECK(image.machine == pe_machine_amd64);
  CHECK(image.subsystem == pe_subsystem_windows_cui);
  CHECK(image.entry_point != 0);
  const auto manifests = image.manifests();
  REQUIRE(manifests.size() == 1);
  CHECK(manifests[0]->name.id == 1);
  CHECK(as_text(manifests[0]->data) == read_file(source_path("tests/pe/testapp.manifest")));
  CHECK(image.typelibs().empty());
}

TEST_CASE("PE: the COM test server, local server and client of tests/com", "[pe][binaries]") {
  const std::string server_bytes = read_pe_binary("comreg_testsrv.dll");
  const PeImage server = read_ok(server_bytes);
  CHECK(server.is_dll());
  CHECK(server.machine == pe_machine_amd64);
  CHECK(server.find_export("DllGetClassObject") != nullptr);
  CHECK(server.find_export("DllCanUnloadNow") != nullptr);
  CHECK(server.find_export("DllRegisterServer") == nullptr);

  const std::string local_bytes = read_pe_binary("comreg_testexe.exe");
  const PeImage local = read_ok(local_bytes);
  CHECK_FALSE(local.is_dll());
  CHECK(local.subsystem == pe_subsystem_windows_gui);
  CHECK(local.find_export("DllGetClassObject") == nullptr);

  const std::string client_bytes = read_pe_binary("comreg_testclient.exe");
  const PeImage client = read_ok(client_bytes);
  CHECK_FALSE(client.is_dll());
  CHECK(client.subsystem == pe_subsystem_windows_cui);
}

#else

TEST_CASE("PE: real binaries", "[pe][binaries]") {
  WARN("SKIPPED: no mingw-w64 at configure time; the tests on real binaries did not run");
}

#endif
