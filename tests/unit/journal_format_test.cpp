// The journal's text: written directly, as nlohmann's dump(-1) of the same document writes it
// (the reference below is the writer it replaced), and read back whatever a name holds.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "comreg/apply/journal.hpp"
#include "core/hex.hpp"

using namespace comreg;

namespace {

using Json = nlohmann::ordered_json;

Json reference_value(const RegValue& v) {
  std::string data;
  text::append_hex(data, v.raw_bytes());
  return Json{{"type", static_cast<std::uint32_t>(v.type)}, {"data", data}};
}

Json reference_tree(const KeySnapshot& s) {
  Json values = Json::array();
  for (const auto& [name, v] : s.values) {
    Json e = reference_value(v);
    e["name"] = name;
    values.push_back(std::move(e));
  }
  Json subkeys = Json::array();
  for (const auto& sub : s.subkeys) subkeys.push_back(reference_tree(sub));
  return Json{{"name", s.name}, {"values", std::move(values)}, {"subkeys", std::move(subkeys)}};
}

// The body as a document, dumped: what serialize_journal() wrote before it wrote text.
std::string reference_body(const Journal& journal) {
  Json entries = Json::array();
  for (const auto& e : journal.entries) {
    Json j;
    if (e.kind == RegistryOp::Kind::create_key) {
      j["kind"] = "absentKey";
      j["key"] = e.key;
    } else if (e.kind == RegistryOp::Kind::delete_tree) {
      j["kind"] = "tree";
      j["key"] = e.key;
      j["tree"] = reference_tree(e.prior_tree ? *e.prior_tree : KeySnapshot{});
    } else {
      j["kind"] = "value";
      j["key"] = e.key;
      j["name"] = e.name;
      j["prior"] = e.prior ? reference_value(*e.prior) : Json();
    }
    entries.push_back(std::move(j));
  }
  const Json doc{{"operation", journal.operation},
                 {"target", journal.target},
                 {"entries", std::move(entries)}};
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string body_of(const std::string& text) {
  const std::size_t start = text.find('\n') + 1;
  return text.substr(start, text.find('\n', start) - start);
}

RegistryOp entry(RegistryOp::Kind kind, std::string key, std::string name = {},
                 std::shared_ptr<const RegValue> prior = {},
                 std::shared_ptr<const KeySnapshot> tree = {}) {
  RegistryOp e;
  e.kind = kind;
  e.key = std::move(key);
  e.name = std::move(name);
  e.prior = std::move(prior);
  e.prior_tree = std::move(tree);
  return e;
}

// Names with every kind of character a JSON string escapes or keeps.
const std::vector<std::string> names = {"",
                                        "plain",
                                        "quote\"d",
                                        "back\\slash",
                                        "tab\there",
                                        "nl\nand\rcr",
                                        "\b\f",
                                        std::string("nul\0x", 5),
                                        "\x01\x1F\x7F",
                                        "caf\xC3\xA9",
                                        "\xE2\x82\xAC euro",
                                        "emoji \xF0\x9F\x98\x80",
                                        "{00000000-0000-0000-C000-000000000046}"};

}  // namespace

TEST_CASE("Journal text: the same bytes the document writer gave, for every entry and value",
          "[journal]") {
  Journal j;
  j.operation = "uninstall";
  j.target = "machine-64 \"quoted\" caf\xC3\xA9";
  const std::vector<RegValue> values = {RegValue::sz("C:\\Program Files\\x.dll"),
                                        RegValue::expand_sz("%SystemRoot%\\x"),
                                        RegValue::dword(0),
                                        RegValue::dword(0xFFFFFFFFu),
                                        RegValue::qword(1ULL << 40),
                                        RegValue::multi_sz({"a", "", "b\\c"}),
                                        RegValue::binary({}),
                                        RegValue::binary({0x00, 0xAB, 0xFF}),
                                        RegValue::from_raw(static_cast<RegType>(0x20), {9, 8}),
                                        RegValue::from_raw(RegType::sz, {'x', 0, 'y'})};
  for (const auto& name : names) {
    j.entries.push_back(entry(RegistryOp::Kind::create_key, "HKEY_CURRENT_USER\\" + name));
    j.entries.push_back(entry(RegistryOp::Kind::set_value, "HKEY_CURRENT_USER\\k", name));
  }
  for (const auto& v : values) {
    j.entries.push_back(entry(RegistryOp::Kind::delete_value, "HKEY_CURRENT_USER\\k", "v",
                              std::make_shared<const RegValue>(v)));
  }
  KeySnapshot tree{"Top", {}, {}};
  for (std::size_t i = 0; i < values.size(); ++i) tree.values.emplace_back(names[i], values[i]);
  tree.subkeys.push_back(KeySnapshot{"Empty", {}, {}});
  tree.subkeys.push_back(KeySnapshot{
      names[3], {{names[4], values[0]}}, {KeySnapshot{names[9], {{"", values[5]}}, {}}}});
  j.entries.push_back(entry(RegistryOp::Kind::delete_tree, "HKEY_CURRENT_USER\\Top", {}, {},
                            std::make_shared<const KeySnapshot>(tree)));
  j.entries.push_back(entry(RegistryOp::Kind::delete_tree, "HKEY_CURRENT_USER\\Gone"));

  const std::string text = serialize_journal(j);
  CHECK(body_of(text) == reference_body(j));
  Journal back;
  std::string error;
  REQUIRE(parse_journal(text, back, error));
  CHECK(serialize_journal(back) == text);

  Journal none;
  CHECK(body_of(serialize_journal(none)) == reference_body(none));
}

TEST_CASE("Journal text: a name that is not UTF-8 is written replaced, not thrown on",
          "[journal]") {
  Journal j;
  j.operation = "install";
  j.target = "user-64";
  j.entries.push_back(entry(RegistryOp::Kind::set_value, "HKEY_CURRENT_USER\\bad\xFF", "\xC3"));
  KeySnapshot tree{"t\x80", {{"v\xED\xA0\x80", RegValue::dword(1)}}, {}};
  j.entries.push_back(entry(RegistryOp::Kind::delete_tree, "HKEY_CURRENT_USER\\t", {}, {},
                            std::make_shared<const KeySnapshot>(tree)));
  std::string text;
  REQUIRE_NOTHROW(text = serialize_journal(j));
  Journal back;
  std::string error;
  REQUIRE(parse_journal(text, back, error));
  REQUIRE(back.entries.size() == 2);
  CHECK(back.entries[0].key == "HKEY_CURRENT_USER\\bad\xEF\xBF\xBD");
  CHECK(back.entries[0].name == "\xEF\xBF\xBD");
  REQUIRE(back.entries[1].prior_tree);
  CHECK(back.entries[1].prior_tree->name == "t\xEF\xBF\xBD");
  CHECK(back.entries[1].prior_tree->values.at(0).first.rfind("v\xEF\xBF\xBD", 0) == 0);
}
