// comreg msix: every sample's output against its golden file and against a table of the
// AppxManifest COM schema transcribed from Microsoft's schema pages (the URLs are in
// docs/installers.md, "MSIX"): which element may stand where, which attributes it takes, which
// are required, and the rules of their values. Then the errors (paths outside the package) and
// the warnings (what packaged COM cannot express).
// Regenerate the goldens after an intended change with: COMREG_UPDATE_GOLDEN=1
// build/tests/test_msix
#include <tinyxml2.h>

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/msix_writer.hpp"
#include "support/test_files.hpp"

namespace {

using comreg::testing::compare_golden;
using comreg::testing::read_file;
using comreg::testing::source_path;

using Rule = std::function<bool(const std::string&)>;

bool matches(const std::string& value, const char* pattern) {
  return std::regex_match(value, std::regex(pattern));
}

// The schema's data types, as its pages word them.
std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}
// "A string with a value between 1 and N characters in length"
Rule length(std::size_t max) {
  return [max](const std::string& v) { return characters(v) >= 1 && characters(v) <= max; };
}
// "A GUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx."
const Rule guid = [](const std::string& v) {
  return matches(v, "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
};
// "cannot contain these characters: <, >, :, \", |, ?, or *" (Win32Path/Win64Path add %)
Rule path(const char* forbidden = "<>:\"|?*") {
  return [forbidden](const std::string& v) {
    return length(256)(v) && v.find_first_of(forbidden) == std::string::npos;
  };
}
// "must end with \".exe\"" (the .exe extension is case-sensitive and must be lowercase)
const Rule executable = [](const std::string& v) {
  return path()(v) && v.size() > 4 && v.compare(v.size() - 4, 4, ".exe") == 0;
};
// "ending with the case-insensitive file extension \".dll\""
const Rule dll = [](const std::string& v) { return path()(v) && matches(v, ".*\\.[dD][lL][lL]"); };
// "An alphanumeric string separated by a period … between 1 and 255 characters"
const Rule progid = [](const std::string& v) {
  return length(255)(v) && matches(v, "[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*");
};
const Rule threading = [](const std::string& v) {
  return v == "Both" || v == "STA" || v == "MTA" || v == "MainSTA" || v == "Neutral";
};
const Rule boolean = [](const std::string& v) { return v == "true" || v == "false"; };
// "One to three alphanumeric characters separated by a period followed by one to three more"
const Rule version_number = [](const std::string& v) {
  return matches(v, "[A-Za-z0-9]{1,3}\\.[A-Za-z0-9]{1,3}");
};
// "A string in hexadecimal format containing numbers or the letters a–f (capital or lower case)"
const Rule hex = [](const std::string& v) { return matches(v, "[0-9A-Fa-f]+"); };
const Rule integer = [](const std::string& v) { return matches(v, "[0-9]+"); };
// "A string … with a non-whitespace character at its beginning and end" (1 to 32767)
const Rule arguments = [](const std::string& v) {
  return length(32767)(v) && !std::isspace(static_cast<unsigned char>(v.front())) &&
         !std::isspace(static_cast<unsigned char>(v.back()));
};
// An SDDL string: components O:, G:, D:, S: (the full grammar is the SDDL model's, tested there).
const Rule sddl = [](const std::string& v) { return matches(v, "([OGDS]:.+)+"); };
Rule one_of(std::set<std::string> values) {
  return [values](const std::string& v) { return values.count(v) != 0; };
}

struct Attribute {
  Rule rule;
  bool required = false;
};

// Elements by "parent>name" (com:Class and com:TypeLib mean different things under different
// parents), each with every attribute its page lists.
const std::map<std::string, std::map<std::string, Attribute>>& schema() {
  static const std::map<std::string, std::map<std::string, Attribute>> table{
      // The skeleton comreg writes around the extensions (foundation namespace).
      {">Package", {}},
      {"Package>Applications", {}},
      {"Applications>Application", {}},
      {"Application>Extensions", {}},
      {"Package>Extensions", {}},
      // element-com-extension
      {"Extensions>com:Extension",
       {{"Category", {one_of({"windows.comServer", "windows.comInterface"}), true}}}},
      // element-com4-extension
      {"Extensions>com4:Extension",
       {{"Category", {one_of({"windows.comServer", "windows.comInterface"}), true}}}},
      {"com:Extension>com:ComServer", {}},
      {"com:Extension>com:ComInterface", {}},
      {"com4:Extension>com4:ComServer", {}},
      // element-com-exeserver
      {"com:ComServer>com:ExeServer",
       {{"Executable", {executable, true}},
        {"Arguments", {arguments}},
        {"DisplayName", {length(256), true}},
        {"LaunchAndActivationPermission", {sddl}}}},
      // element-com-exeserver-class
      {"com:ExeServer>com:Class",
       {{"Id", {guid, true}},
        {"DisplayName", {length(256)}},
        {"EnableOleDefaultHandler", {boolean}},
        {"ProgId", {progid}},
        {"VersionIndependentProgId", {progid}},
        {"AutoConvertTo", {guid}},
        {"InsertableObject", {boolean}},
        {"ShortDisplayName", {length(40)}}}},
      // element-com-surrogateserver
      {"com:ComServer>com:SurrogateServer",
       {{"CustomSurrogateExecutable", {executable}},
        {"DisplayName", {length(256)}},
        {"LaunchAndActivationPermission", {sddl}},
        {"AppId", {guid}},
        {"SystemSurrogate", {length(256)}}}},
      // element-com-surrogateserver-class
      {"com:SurrogateServer>com:Class",
       {{"Id", {guid, true}},
        {"Path", {path(), true}},
        {"ThreadingModel", {threading, true}},
        {"DisplayName", {length(256)}},
        {"EnableOleDefaultHandler", {boolean}},
        {"ProgId", {progid}},
        {"VersionIndependentProgId", {progid}},
        {"AutoConvertTo", {guid}},
        {"InsertableObject", {boolean}},
        {"ShortDisplayName", {length(40)}}}},
      // element-com-progid
      {"com:ComServer>com:ProgId",
       {{"Id", {progid, true}}, {"Clsid", {guid}}, {"CurrentVersion", {progid}}}},
      // element-com-treatasclass
      {"com:ComServer>com:TreatAsClass",
       {{"Id", {guid, true}}, {"DisplayName", {length(256)}}, {"TreatAs", {guid, true}}}},
      // element-com4-inprocessserver
      {"com4:ComServer>com4:InProcessServer", {{"Path", {dll}}}},
      // element-com4-inprocessserver-class
      {"com4:InProcessServer>com4:Class",
       {{"Id", {guid, true}},
        {"DisplayName", {length(256)}},
        {"ThreadingModel", {threading, true}},
        {"Virtualization", {one_of({"enabled", "disabled"})}},
        {"ProgId", {progid}},
        {"VersionIndependentProgId", {progid}},
        {"AutoConvertTo", {guid}},
        {"InsertableObject", {boolean}},
        {"ShortDisplayName", {length(40)}}}},
      // element-com-proxystub
      {"com:ComInterface>com:ProxyStub",
       {{"Id", {guid, true}}, {"DisplayName", {length(256)}}, {"Path", {path(), true}}}},
      // element-com-interface (its page words Id like a ProgID; it is an IID)
      {"com:ComInterface>com:Interface",
       {{"Id", {guid, true}},
        {"UseUniversalMarshaler", {boolean}},
        {"ProxyStubClsid", {guid}},
        {"SynchronousInterface", {guid}},
        {"AsynchronousInterface", {guid}}}},
      // element-com-interface-typelib
      {"com:Interface>com:TypeLib", {{"Id", {guid, true}}, {"VersionNumber", {version_number}}}},
      // element-com-typelib
      {"com:ComInterface>com:TypeLib", {{"Id", {guid, true}}}},
      // element-com-version
      {"com:TypeLib>com:Version",
       {{"VersionNumber", {version_number, true}},
        {"LocaleId", {hex}},
        {"LibraryFlag", {hex}},
        {"HelpDirectory", {arguments}}}},
      // element-com-win32path, element-com-win64path
      {"com:Version>com:Win32Path",
       {{"Path", {path("<>:%\"|?*"), true}}, {"ResourceId", {integer}}}},
      {"com:Version>com:Win64Path",
       {{"Path", {path("<>:%\"|?*"), true}}, {"ResourceId", {integer}}}},
  };
  return table;
}

const std::map<std::string, std::string> namespaces{
    {"xmlns", "http://schemas.microsoft.com/appx/manifest/foundation/windows10"},
    {"xmlns:com", "http://schemas.microsoft.com/appx/manifest/com/windows10"},
    {"xmlns:com4", "http://schemas.microsoft.com/appx/manifest/com/windows10/4"}};

std::string attr(const tinyxml2::XMLElement* e, const char* name) {
  const char* v = e->Attribute(name);
  return v == nullptr ? "" : v;
}

// Every element and attribute against the table; the prefixes used, into `prefixes`.
void check_element(const tinyxml2::XMLElement* e, const std::string& parent,
                   std::set<std::string>& prefixes) {
  const std::string name = e->Name();
  const std::string key = parent + ">" + name;
  CAPTURE(key);
  const auto row = schema().find(key);
  REQUIRE(row != schema().end());
  if (name.find(':') != std::string::npos) prefixes.insert(name.substr(0, name.find(':')));
  for (const auto* a = e->FirstAttribute(); a != nullptr; a = a->Next()) {
    const std::string attribute = a->Name(), value = a->Value();
    CAPTURE(attribute, value);
    if (name == "Package" && attribute.rfind("xmlns", 0) == 0) {
      CHECK(namespaces.at(attribute) == value);
      continue;
    }
    const auto allowed = row->second.find(attribute);
    REQUIRE(allowed != row->second.end());
    CHECK(allowed->second.rule(value));
  }
  for (const auto& [attribute, rule] : row->second) {
    CAPTURE(attribute);
    if (rule.required) CHECK(e->Attribute(attribute.c_str()) != nullptr);
  }
  if (name ==
      "com:ProgId") {  // "Clsid and CurrentVersion are mutually exclusive, but one is required"
    CHECK((e->Attribute("Clsid") == nullptr) != (e->Attribute("CurrentVersion") == nullptr));
  }
  if (name == "com:Extension") {
    const auto* first = e->FirstChildElement();
    REQUIRE(first != nullptr);
    CHECK(std::string(first->Name()) ==
          (attr(e, "Category") == "windows.comServer" ? "com:ComServer" : "com:ComInterface"));
    // Classes under the application, interfaces and type libraries under the package.
    CHECK(std::string(e->Parent()->Parent()->ToElement()->Name()) ==
          (attr(e, "Category") == "windows.comServer" ? "Application" : "Package"));
  }
  for (auto* c = e->FirstChildElement(); c != nullptr; c = c->NextSiblingElement())
    check_element(c, name, prefixes);
}

// The remarks' cross-references: a ProgId's Clsid names a class of the same ComServer, its
// CurrentVersion a ProgId there; an interface's TypeLib names a registered TypeLib version.
void check_references(const tinyxml2::XMLElement* root) {
  std::function<void(const tinyxml2::XMLElement*)> walk = [&](const tinyxml2::XMLElement* e) {
    const std::string name = e->Name();
    if (name == "com:ComServer") {
      std::set<std::string> classes, progids;
      for (auto* s = e->FirstChildElement(); s != nullptr; s = s->NextSiblingElement()) {
        if (std::string(s->Name()) == "com:TreatAsClass") classes.insert(attr(s, "Id"));
        if (std::string(s->Name()) == "com:ProgId") progids.insert(attr(s, "Id"));
        for (auto* c = s->FirstChildElement("com:Class"); c != nullptr;
             c = c->NextSiblingElement("com:Class"))
          classes.insert(attr(c, "Id"));
      }
      for (auto* p = e->FirstChildElement("com:ProgId"); p != nullptr;
           p = p->NextSiblingElement("com:ProgId")) {
        if (p->Attribute("Clsid") != nullptr) CHECK(classes.count(attr(p, "Clsid")) == 1);
        if (p->Attribute("CurrentVersion") != nullptr)
          CHECK(progids.count(attr(p, "CurrentVersion")) == 1);
      }
    }
    if (name == "com:ComInterface") {
      std::set<std::string> versions;  // "libid|version"
      for (auto* t = e->FirstChildElement("com:TypeLib"); t != nullptr;
           t = t->NextSiblingElement("com:TypeLib")) {
        for (auto* v = t->FirstChildElement("com:Version"); v != nullptr;
             v = v->NextSiblingElement("com:Version")) {
          versions.insert(attr(t, "Id") + "|" + attr(v, "VersionNumber"));
          CHECK((v->FirstChildElement("com:Win32Path") != nullptr ||
                 v->FirstChildElement("com:Win64Path") != nullptr));
        }
      }
      for (auto* i = e->FirstChildElement("com:Interface"); i != nullptr;
           i = i->NextSiblingElement("com:Interface")) {
        if (const auto* t = i->FirstChildElement("com:TypeLib"))
          CHECK(versions.count(attr(t, "Id") + "|" + attr(t, "VersionNumber")) == 1);
      }
    }
    for (auto* c = e->FirstChildElement(); c != nullptr; c = c->NextSiblingElement()) walk(c);
  };
  walk(root);
}

void check_against_schema(const std::string& xml) {
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  const auto* root = doc.RootElement();
  std::set<std::string> prefixes;
  check_element(root, "", prefixes);
  // Every prefix used is declared on the root, and only those are.
  std::set<std::string> declared;
  for (const auto* a = root->FirstAttribute(); a != nullptr; a = a->Next()) {
    const std::string n = a->Name();
    if (n.rfind("xmlns:", 0) == 0) declared.insert(n.substr(6));
  }
  CHECK(declared == prefixes);
  check_references(root);
}

comreg::Description load_text(const std::string& json,
                              std::map<std::string, std::string> defines = {},
                              std::set<std::string> symbolic = {"installdir"}) {
  comreg::LoadOptions options;
  options.symbolic = {symbolic.begin(), symbolic.end()};
  options.defines = std::move(defines);
  auto result = comreg::load_description(json, "test.json", options);
  INFO(comreg::format_diagnostics_json(result.diagnostics));
  REQUIRE(result.description);
  return std::move(*result.description);
}

comreg::Description load_sample(const std::string& name) {
  return load_text(read_file(source_path("samples/" + name + ".json")));
}

std::vector<const comreg::Diagnostic*> with_code(const comreg::Diagnostics& d,
                                                 const std::string& code) {
  std::vector<const comreg::Diagnostic*> out;
  for (const auto& item : d.items()) {
    if (item.code == code) out.push_back(&item);
  }
  return out;
}

bool has_message(const comreg::Diagnostics& d, const std::string& part) {
  for (const auto& item : d.items()) {
    if (item.message.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string wrap_server(const std::string& server) {
  return R"({"comreg":1,"assembly":{"name":"T","version":"1.0.0.0","arch":"amd64"},"servers":[)" +
         server + "]}";
}

}  // namespace

TEST_CASE("msix: every sample, golden and against the schema table", "[msix][golden]") {
  const std::string sample =
      GENERATE(as<std::string>{}, "contoso-widgets", "inproc-typelib", "local-server", "surrogate",
               "activex-control", "remote-client");
  CAPTURE(sample);
  const auto result = comreg::write_msix(load_sample(sample));
  INFO(comreg::format_diagnostics_json(result.diagnostics));
  REQUIRE_FALSE(result.diagnostics.has_errors());
  CHECK(compare_golden(sample + "/AppxManifest-extensions.xml", result.xml).empty());
  check_against_schema(result.xml);
}

TEST_CASE("msix: what the contoso sample declares", "[msix]") {
  const auto result = comreg::write_msix(load_sample("contoso-widgets"));
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(result.xml.c_str()) == tinyxml2::XML_SUCCESS);
  const auto* app = doc.RootElement()
                        ->FirstChildElement("Applications")
                        ->FirstChildElement("Application")
                        ->FirstChildElement("Extensions");
  const auto* exe = app->FirstChildElement("com:Extension")
                        ->FirstChildElement("com:ComServer")
                        ->FirstChildElement("com:ExeServer");
  REQUIRE(exe != nullptr);
  CHECK(attr(exe, "Executable") == "widgetsvc.exe");
  CHECK(attr(exe, "DisplayName") == "Contoso Widget Service");
  const auto* cls = exe->FirstChildElement("com:Class");
  CHECK(attr(cls, "Id") == "0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02");
  CHECK(attr(cls, "ProgId") == "Contoso.WidgetService.1");
  const auto* inproc = app->FirstChildElement("com4:Extension")
                           ->FirstChildElement("com4:ComServer")
                           ->FirstChildElement("com4:InProcessServer");
  REQUIRE(inproc != nullptr);
  CHECK(attr(inproc, "Path") == "widgets.dll");
  CHECK(attr(inproc->FirstChildElement("com4:Class"), "ThreadingModel") == "STA");
  // The in-process server's minimum OS, in the output and as a warning.
  CHECK(result.xml.find("MinVersion=\"10.0.20348.0\"") != std::string::npos);
  CHECK(with_code(result.diagnostics, "msix-not-expressible").empty());
  REQUIRE(with_code(result.diagnostics, "msix-min-os").size() == 1);
  CHECK(with_code(result.diagnostics, "msix-min-os")[0]->location.pointer == "/servers/0");
  CHECK(with_code(result.diagnostics, "msix-min-os")[0]->severity == comreg::Severity::warning);
  CHECK(has_message(result.diagnostics, "build 20348"));
}

TEST_CASE("msix: paths keep their folders, proxy/stubs and type libraries", "[msix]") {
  const auto result = comreg::write_msix(load_sample("inproc-typelib"));
  REQUIRE_FALSE(result.diagnostics.has_errors());
  CHECK(result.xml.find(R"(<com:Win32Path Path="x86\imaging.dll"/>)") != std::string::npos);
  CHECK(result.xml.find(R"(<com:Win64Path Path="imaging.dll"/>)") != std::string::npos);
  // The proxy/stub class is a com:ProxyStub, not an in-process class as well.
  CHECK(
      result.xml.find(
          R"(<com:ProxyStub Id="44BA9010-7573-44ED-8960-370C174E052F" DisplayName="PSFactoryBuffer" Path="imagingps.dll"/>)") !=
      std::string::npos);
  CHECK(result.xml.find("imagingps.dll\"") == result.xml.rfind("imagingps.dll\""));
  CHECK(result.xml.find(R"(UseUniversalMarshaler="true")") != std::string::npos);
  CHECK(result.xml.find(R"(ProxyStubClsid="44BA9010-7573-44ED-8960-370C174E052F")") !=
        std::string::npos);
  CHECK(has_message(result.diagnostics, "name (com:Version has no DisplayName), helpdir"));
  CHECK(has_message(
      result.diagnostics,
      "interface {A7F5D767-BF1D-434A-8649-508381ADC811}: name, numMethods, baseInterface"));
}

TEST_CASE("msix: the surrogate and its AppID", "[msix]") {
  const auto result = comreg::write_msix(load_sample("surrogate"));
  REQUIRE_FALSE(result.diagnostics.has_errors());
  CHECK(
      result.xml.find(
          R"x(<com:SurrogateServer AppId="3EFFFB90-DF35-4FA3-995C-524F17B5979C" DisplayName="Fabrikam Isolated Codec Host" LaunchAndActivationPermission="O:BAG:BAD:(A;;CCDCLCSWRP;;;SY)(A;;CCDCLCSWRP;;;BA)">)x") !=
      std::string::npos);
  CHECK(result.xml.find(R"(Path="codecs.dll" ThreadingModel="Both")") != std::string::npos);
  // The access permission and the authentication level have no place: warned at the AppID.
  const auto warnings = with_code(result.diagnostics, "msix-not-expressible");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0]->location.pointer == "/appids/0");
  CHECK(warnings[0]->message.find("accessPermission, authenticationLevel") != std::string::npos);
}

TEST_CASE("msix: what the ActiveX sample cannot express", "[msix]") {
  const auto result = comreg::write_msix(load_sample("activex-control"));
  REQUIRE_FALSE(result.diagnostics.has_errors());
  // gauge.ocx: com4:InProcessServer takes .dll paths only.
  CHECK(result.xml.find("InProcessServer") == std::string::npos);
  // Its type library is still declared: Win32Path may name any file that holds one.
  CHECK(result.xml.find(R"(<com:Win32Path Path="gauge.ocx"/>)") != std::string::npos);
  CHECK(has_message(result.diagnostics, "must end with \".dll\""));
  CHECK(
      has_message(result.diagnostics, "component category {AFA9CC37-3CF0-493C-A361-22E9021E1107}"));
  CHECK(has_message(result.diagnostics, "the schema's remarks ask for both"));
  CHECK(has_message(result.diagnostics, "is x86 in a x86") == false);
}

TEST_CASE("msix: licences, categories, handlers, remote classes, RunAs and bitness warn",
          "[msix]") {
  const auto d =
      load_text(R"x({"comreg":1,"assembly":{"name":"T","version":"1.0.0.0","arch":"amd64"},
    "servers":[
      {"kind":"local","path":"${installdir}\\bin\\svc.exe","arguments":" -Embedding ",
       "classes":[{"clsid":"{11111111-1111-1111-1111-111111111111}","name":"S",
                   "appid":"{22222222-2222-2222-2222-222222222222}",
                   "license":{"id":"{33333333-3333-3333-3333-333333333333}","key":"k"},
                   "treatAs":"{44444444-4444-4444-4444-444444444444}"}]},
      {"kind":"handler","path":"${installdir}\\h.dll",
       "classes":[{"clsid":"{55555555-5555-5555-5555-555555555555}"}]},
      {"kind":"inproc","path":"${installdir}\\x86.dll","arch":"x86",
       "classes":[{"clsid":"{66666666-6666-6666-6666-666666666666}","name":"tab\there"}]}],
    "appids":[{"appid":"{22222222-2222-2222-2222-222222222222}","name":"Svc","runAs":"Interactive User",
               "launchPermission":"O:BAG:BAD:(A;;CCDCLCSWRP;;;SY)"}]
})x");
  const auto result = comreg::write_msix(d);
  INFO(comreg::format_diagnostics_json(result.diagnostics));
  REQUIRE_FALSE(result.diagnostics.has_errors());
  check_against_schema(result.xml);
  CHECK(
      result.xml.find(
          R"x(Executable="bin\svc.exe" Arguments="-Embedding" DisplayName="Svc" LaunchAndActivationPermission="O:BAG:BAD:(A;;CCDCLCSWRP;;;SY)")x") !=
      std::string::npos);
  CHECK(
      result.xml.find(
          R"(<com:TreatAsClass Id="11111111-1111-1111-1111-111111111111" DisplayName="S" TreatAs="44444444-4444-4444-4444-444444444444"/>)") !=
      std::string::npos);
  CHECK(result.xml.find(R"(DisplayName="tab&#9;here")") != std::string::npos);
  CHECK(has_message(result.diagnostics, "licence"));
  CHECK(has_message(result.diagnostics, "AppID {22222222-2222-2222-2222-222222222222}: runAs"));
  CHECK(has_message(result.diagnostics, "in-process handler"));
  CHECK(has_message(result.diagnostics, "no choice of the 32-bit registry view"));
}

TEST_CASE("msix: a path outside the package is an error at its JSON pointer", "[msix]") {
  struct Case {
    std::string server;
    std::string pointer;
    std::string code;
  };
  const Case c = GENERATE(
      Case{
          R"({"kind":"inproc","path":"C:\\Program Files\\x.dll","classes":[{"clsid":"{11111111-1111-1111-1111-111111111111}"}]})",
          "/servers/0/path", "msix-outside-package"},
      Case{
          R"({"kind":"inproc","path":"${installdir}\\..\\x.dll","classes":[{"clsid":"{11111111-1111-1111-1111-111111111111}"}]})",
          "/servers/0/path", "msix-outside-package"},
      Case{
          R"({"kind":"inproc","path":"%ProgramFiles%\\x.dll","classes":[{"clsid":"{11111111-1111-1111-1111-111111111111}"}]})",
          "/servers/0/path", "msix-outside-package"},
      Case{
          R"({"kind":"local","path":"${installdir}\\svc.EXE","classes":[{"clsid":"{11111111-1111-1111-1111-111111111111}"}]})",
          "/servers/0/path", "msix-not-exe"},
      Case{
          R"({"kind":"local","path":"${installdir}\\svc.exe","arguments":"${installdir}\\cfg","classes":[{"clsid":"{11111111-1111-1111-1111-111111111111}"}]})",
          "/servers/0/arguments", "msix-outside-package"});
  CAPTURE(c.server);
  const auto result = comreg::write_msix(load_text(wrap_server(c.server)));
  CHECK(result.xml.empty());
  const auto errors = with_code(result.diagnostics, c.code);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0]->severity == comreg::Severity::error);
  CHECK(errors[0]->location.pointer == c.pointer);
}

TEST_CASE("msix: a placeholder other than installdir is not the package root", "[msix]") {
  const auto d = load_text(
      wrap_server(
          R"({"kind":"inproc","path":"${appdir}\\x.dll","classes":[{"clsid":"{11111111-1111-1111-1111-111111111111}"}]})"),
      {}, {"installdir", "appdir"});
  const auto result = comreg::write_msix(d);
  CHECK(result.xml.empty());
  REQUIRE(with_code(result.diagnostics, "msix-outside-package").size() == 1);
  CHECK(with_code(result.diagnostics, "msix-outside-package")[0]->location.pointer ==
        "/servers/0/path");
}

TEST_CASE("msix: the same description gives the same bytes", "[msix]") {
  const auto d = load_sample("inproc-typelib");
  CHECK(comreg::write_msix(d).xml == comreg::write_msix(d).xml);
}

TEST_CASE("msix: values the schema refuses are errors, a custom surrogate is packaged", "[msix]") {
  SECTION("a DisplayName over 256 characters") {
    const auto result = comreg::write_msix(load_text(wrap_server(
        R"({"kind":"local","path":"${installdir}\\svc.exe","classes":[{"clsid":"{11111111-1111-1111-1111-111111111111}","name":")" +
        std::string(257, 'n') + R"("}]})")));
    CHECK(result.xml.empty());
    REQUIRE(with_code(result.diagnostics, "msix-too-long").size() == 2);  // ExeServer and Class
    CHECK(with_code(result.diagnostics, "msix-too-long")[1]->location.pointer ==
          "/servers/0/classes/0/name");
  }
  SECTION("a type library version whose hexadecimal half has four digits") {
    const auto result = comreg::write_msix(load_text(
        R"({"comreg":1,"assembly":{"name":"T","version":"1.0.0.0","arch":"amd64"},
            "servers":[{"kind":"inproc","path":"${installdir}\\t.dll","classes":[
              {"clsid":"{33333333-3333-3333-3333-333333333333}"}]}],
            "typelibs":[{"libid":"{11111111-1111-1111-1111-111111111111}","version":"4096.0",
                         "win64":"${installdir}\\t.tlb"}]})"));
    CHECK(result.xml.empty());
    REQUIRE(with_code(result.diagnostics, "msix-bad-version").size() == 1);
    CHECK(with_code(result.diagnostics, "msix-bad-version")[0]->location.pointer ==
          "/typelibs/0/version");
  }
  SECTION("a custom surrogate and metacharacters in names") {
    const auto result = comreg::write_msix(load_text(
        R"({"comreg":1,"assembly":{"name":"T","version":"1.0.0.0","arch":"amd64"},
            "servers":[{"kind":"surrogate","path":"${installdir}\\a.dll","classes":[
              {"clsid":"{11111111-1111-1111-1111-111111111111}","name":"A & \"B\" <C>",
               "appid":"{22222222-2222-2222-2222-222222222222}"}]}],
            "appids":[{"appid":"{22222222-2222-2222-2222-222222222222}",
                       "dllSurrogate":"${installdir}\\host\\surrogate.exe"}]})"));
    INFO(comreg::format_diagnostics_json(result.diagnostics));
    REQUIRE_FALSE(result.diagnostics.has_errors());
    check_against_schema(result.xml);
    CHECK(result.xml.find(R"(CustomSurrogateExecutable="host\surrogate.exe")") !=
          std::string::npos);
    CHECK(result.xml.find(R"(DisplayName="A &amp; &quot;B&quot; &lt;C&gt;")") != std::string::npos);
  }
}
