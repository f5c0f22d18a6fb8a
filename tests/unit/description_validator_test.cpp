// The model validator: it says of a model exactly what the loader says of the same model
// written as JSON (codes, messages, hints, locations, order), which is what lets the importer
// and `import --typelib` validate without writing JSON and reading it back.
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <sstream>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_validator.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/model/progid.hpp"
#include "description/description_rules.hpp"
#include "description/first_seen.hpp"
#include "support/description_builders.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

Description load_sample(const std::string& name) {
  LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Fabrikam";
  auto r =
      load_description(testing::read_file(testing::source_path("samples/" + name)), name, options);
  REQUIRE_FALSE(r.diagnostics.has_errors());
  REQUIRE(r.description);
  return std::move(*r.description);
}

std::string listed(const Diagnostics& ds) {
  std::ostringstream out;
  for (const auto& d : ds) out << format_diagnostic(d);
  return out.str();
}

// The validator's diagnostics for `d`, and the loader's for `d` written as JSON.
std::pair<std::string, std::string> both(const Description& d, UndefinedPlaceholder placeholders) {
  const std::string json = description_to_json(d);
  const JsonSourceMap source(json, "model.json");
  ValidateOptions options;
  options.source = &source;
  options.placeholders = placeholders;
  LoadOptions load;
  load.undefined_placeholder = placeholders;
  return {listed(validate_description(d, options)),
          listed(load_description(json, "model.json", load).diagnostics)};
}

struct Mutation {
  const char* sample;
  const char* what;
  std::function<void(Description&)> apply;
};

ComClass& first_class(Description& d) {
  return d.servers.at(0).classes.at(0);
}

}  // namespace

TEST_CASE("Validator: every sample's model is valid", "[validator]") {
  int samples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".json") continue;
    ++samples;
    const Description d = load_sample(entry.path().filename().string());
    INFO(entry.path().filename().string());
    CHECK(listed(validate_description(d, {})).empty());
  }
  CHECK(samples >= 6);
}

TEST_CASE("Validator: a broken model gets the loader's diagnostics for its JSON", "[validator]") {
  const std::string long_text(16400, 'x');
  const std::vector<Mutation> mutations = {
      {"contoso-widgets.json", "format version", [](Description& d) { d.format_version = 2; }},
      {"contoso-widgets.json", "assembly name and version",
       [](Description& d) {
         d.assembly.name = "bad name";
         d.assembly.version = "1.2";
       }},
      {"contoso-widgets.json", "empty assembly members",
       [](Description& d) {
         d.assembly.name.clear();
         d.assembly.version.clear();
       }},
      {"contoso-widgets.json", "token and language",
       [](Description& d) {
         d.assembly.public_key_token = "12ab";
         d.assembly.language = "en us";
       }},
      {"contoso-widgets.json", "no servers", [](Description& d) { d.servers.clear(); }},
      {"contoso-widgets.json", "no classes", [](Description& d) { d.servers[0].classes.clear(); }},
      {"contoso-widgets.json", "no path", [](Description& d) { d.servers[0].path.clear(); }},
      {"contoso-widgets.json", "control character and length",
       [&](Description& d) {
         d.servers[0].path = "C:\\a\nb.dll";
         first_class(d).name = long_text;
       }},
      {"contoso-widgets.json", "undefined placeholder, arguments on a DLL",
       [](Description& d) {
         d.servers[0].path = "${nowhere}\\w.dll";
         d.servers[0].arguments = "-x";
       }},
      {"contoso-widgets.json", "bad and duplicate GUIDs",
       [](Description& d) {
         first_class(d).clsid = "nonsense";
         d.servers[0].classes.push_back(d.servers[0].classes.back());
         d.servers[0].classes.back().progid.clear();
         d.servers[0].classes.back().version_independent_progid.clear();
         first_class(d).implemented_categories = {"{bad}",
                                                  "{0DE86A53-2BAA-11CF-A229-00AA003D7352}"};
         first_class(d).treat_as = "x";
       }},
      {"contoso-widgets.json", "ProgID rules",
       [](Description& d) {
         first_class(d).progid = "9Widget";
         first_class(d).version_independent_progid = "CLSID";
       }},
      {"contoso-widgets.json", "legacy ProgIDs are warnings",
       [](Description& d) {
         first_class(d).legacy_names = true;
         first_class(d).progid = "My_Widget.1";
         first_class(d).version_independent_progid = "my_widget.1";
       }},
      {"contoso-widgets.json", "Windows' own identities",
       [](Description& d) {
         first_class(d).clsid = "{0d43fe01-f093-11cf-8940-00a0c9054228}";
         first_class(d).progid = "WScript.Shell.1";
         first_class(d).version_independent_progid = "Msxml2.DOMDocument";
         d.appids.at(0).appid = "{00020424-0000-0000-C000-000000000046}";
       }},
      {"contoso-widgets.json", "a legacy ProgID never holds a backslash",
       [](Description& d) {
         first_class(d).legacy_names = true;
         first_class(d).progid = "Interface\\{00020400-0000-0000-C000-000000000046}";
         first_class(d).version_independent_progid = "My_Widget";
       }},
      {"contoso-widgets.json", "duplicate ProgID across classes",
       [](Description& d) {
         auto copy = first_class(d);
         copy.clsid = "{11111111-2222-3333-4444-555555555555}";
         d.servers[0].classes.push_back(copy);
       }},
      {"contoso-widgets.json", "unknown references",
       [](Description& d) {
         first_class(d).appid = "{11111111-2222-3333-4444-555555555555}";
         first_class(d).typelib = "{11111111-2222-3333-4444-555555555556}";
       }},
      {"local-server.json", "local server: arguments in path, threading",
       [](Description& d) {
         d.servers[0].path = "C:\\x\\srv.exe /automation";
         first_class(d).threading = Threading::both;
       }},
      {"local-server.json", "AppID members",
       [](Description& d) {
         auto& a = d.appids.at(0);
         a.access_permission = "O:BAG:BAD:(nonsense)";
         a.authentication_level = 9;
         a.preferred_server_bitness = 0;
         a.executables = {"dir\\x.exe", "a.exe", "A.EXE", std::string(300, 'e')};
         d.appids.push_back(a);
         d.appids.back().executables.clear();
       }},
      {"local-server.json", "interface members",
       [](Description& d) {
         auto& i = d.interfaces.at(0);
         i.name.clear();
         i.num_methods = 2;
         i.proxy_stub = "ps";
         d.interfaces.push_back(i);
       }},
      {"activex-control.json", "type library and licence",
       [](Description& d) {
         auto& t = d.typelibs.at(0);
         t.win32.clear();
         t.win64.clear();
         d.typelibs.push_back(d.typelibs[0]);
         first_class(d).license->key.clear();
         d.categories.push_back(d.categories.at(0));
         d.categories.back().description.clear();
       }},
      {"surrogate.json", "surrogate class without an AppID",
       [](Description& d) { first_class(d).appid.clear(); }},
      {"remote-client.json", "remote: path, AppID without a server name",
       [](Description& d) {
         d.servers[0].path = "C:\\x.dll";
         d.appids.at(0).remote_server_name.clear();
       }},
      {"remote-client.json", "remote class without an AppID",
       [](Description& d) { first_class(d).appid.clear(); }},
  };
  for (const auto& m : mutations) {
    Description d = load_sample(m.sample);
    m.apply(d);
    const auto [validated, loaded] = both(d, UndefinedPlaceholder::error);
    INFO(m.sample << ": " << m.what << "\nwritten as:\n" << description_to_json(d));
    CHECK_FALSE(loaded.empty());  // each mutation breaks a rule
    CHECK(validated == loaded);
  }
}

TEST_CASE("Validator: placeholders are checked only when asked", "[validator]") {
  Description d = load_sample("contoso-widgets.json");
  d.servers[0].path = "${installdir}\\w.dll";
  CHECK(listed(validate_description(d, {})).empty());
  ValidateOptions keep;
  keep.placeholders = UndefinedPlaceholder::keep;
  CHECK(listed(validate_description(d, keep)).empty());
  ValidateOptions error;
  error.placeholders = UndefinedPlaceholder::error;
  const Diagnostics problems = validate_description(d, error);
  REQUIRE(problems.size() == 1);
  CHECK(problems.items()[0].code == "undefined-placeholder");
  CHECK(problems.items()[0].location.pointer == "/servers/0/path");
  CHECK(problems.items()[0].location.line == d.servers[0].at.line);  // the server's place
  d.servers[0].path = "${installdir\\w.dll";
  const auto [validated, loaded] = both(d, UndefinedPlaceholder::keep);
  CHECK_FALSE(loaded.empty());
  CHECK(validated == loaded);
}

TEST_CASE("ProgID rule: which names a class keeps and which keys it writes", "[validator]") {
  CHECK_FALSE(breaks_progid_rules("Contoso.Widget.1"));
  CHECK(breaks_progid_rules("Contoso_Widget"));
  CHECK(breaks_progid_rules("CLSID"));
  ComClass c = testing::make_class("{11111111-2222-3333-4444-555555555555}", "W");
  CHECK(writes_progid_key(c, "Contoso.Widget.1"));
  CHECK_FALSE(writes_progid_key(c, ""));
  CHECK(writes_progid_key(c, "CLSID"));  // refused by the validator, not silently skipped
  c.legacy_names = true;
  CHECK_FALSE(writes_progid_key(c, "CLSID"));
  CHECK(writes_progid_key(c, "Contoso_Widget"));  // breaks a rule, but names no container
}

TEST_CASE("Validator: without a source map, problems are at their element's place in the file",
          "[validator]") {
  Description d = load_sample("contoso-widgets.json");
  first_class(d).progid = "9Widget";
  const ComClass& c = first_class(d);
  REQUIRE(c.at.line != 0);
  const Diagnostics problems = validate_description(d, {});
  REQUIRE(problems.size() == 1);
  const SourceLocation& at = problems.items()[0].location;
  CHECK(at.file == "contoso-widgets.json");
  CHECK(at.line == c.at.line);
  CHECK(at.column == c.at.column);
  CHECK(at.pointer == "/servers/0/classes/0/progid");
  // A model whose elements were not read from a file (an import) is located by pointer alone.
  first_class(d).at = {};
  const Diagnostics unplaced = validate_description(d, {});
  REQUIRE(unplaced.size() == 1);
  CHECK(unplaced.items()[0].location.line == 0);
  CHECK(unplaced.items()[0].location.pointer == "/servers/0/classes/0/progid");
}

TEST_CASE("canonical_id_key: a canonical GUID's 128 bits in one pass, and nothing else",
          "[validate]") {
  const std::string guid = "{0123ABCD-4567-89EF-0A1B-2C3D4E5F6789}";
  const auto key = comreg::canonical_id_key(guid, 7);
  REQUIRE(key);
  CHECK(key->high == 0x0123ABCD456789EFull);
  CHECK(key->low == 0x0A1B2C3D4E5F6789ull);
  CHECK(key->extra == 7u);
  CHECK(comreg::id_key(guid, 7) == *key);
  // Every digit position, with every kind of character that is not an upper-case hex digit
  // (the neighbours of the digit ranges, lower case, NUL, a UTF-8 byte).
  for (std::size_t at = 1; at < 37; ++at) {
    if (at == 9 || at == 14 || at == 19 || at == 24) continue;
    for (const char c : {'/', ':', '@', 'G', '`', 'a', 'f', '\0', '\xC3', '-'}) {
      std::string bad = guid;
      bad[at] = c;
      INFO("position " << at << ", character " << static_cast<int>(c));
      CHECK_FALSE(comreg::canonical_id_key(bad));
    }
  }
  for (const std::size_t at : {0u, 9u, 14u, 19u, 24u, 37u}) {
    std::string bad = guid;
    bad[at] = 'A';
    CHECK_FALSE(comreg::canonical_id_key(bad));
  }
  CHECK_FALSE(comreg::canonical_id_key(guid.substr(1, 36)));  // without braces: normalized first
  CHECK_FALSE(comreg::canonical_id_key(guid + " "));
  CHECK_FALSE(comreg::canonical_id_key(""));
}

TEST_CASE("control_character_problem: found in every place of a long text (tab and DEL allowed)",
          "[validate]") {
  // Runs without a control byte are passed over eight at a time: one in any place of the
  // word, and a non-character after ASCII words, must still be found where it is.
  const std::string plain = "C:\\Program Files\\Contoso";
  for (std::size_t at = 0; at <= plain.size(); ++at) {
    INFO("at " << at);
    for (const char c : {'\x01', '\n', '\x1F', '\0'}) {
      std::string text = plain;
      text.insert(at, 1, c);
      const auto problem = comreg::control_character_problem(text);
      REQUIRE(problem);
      CHECK(std::string(problem->code) == "control-character");
      CHECK(problem->message.find(" at character " + std::to_string(at + 1) + " of ") !=
            std::string::npos);
    }
    for (const char c : {'\t', '\x7F', ' '}) {
      std::string text = plain;
      text.insert(at, 1, c);
      CHECK_FALSE(comreg::control_character_problem(text));
    }
    std::string text = plain;
    text.insert(at, "\xEF\xBF\xBE");  // U+FFFE
    const auto problem = comreg::control_character_problem(text);
    REQUIRE(problem);
    CHECK(std::string(problem->code) == "noncharacter");
    CHECK(problem->message.find(" at character " + std::to_string(at + 1) + " of ") !=
          std::string::npos);
    text = plain;
    text.insert(at, "\xC3\xA9");  // é: not a non-character
    CHECK_FALSE(comreg::control_character_problem(text));
  }
}
