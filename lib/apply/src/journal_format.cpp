// The journal file's text: "comreg journal 1", one line of JSON, "checksum <FNV-1a 64>".
// Values are kept as their type number and the hex of their exact bytes, so a rollback puts
// back precisely what was there, whatever the type.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "comreg/apply/journal.hpp"
#include "core/hex.hpp"
#include "core/json_text.hpp"
#include "core/utf.hpp"

namespace comreg {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view header = "comreg journal 1\n";

std::string checksum(std::string_view s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Malformed content inside well-formed JSON.
struct BadJournal {
  std::string what;
};

std::vector<std::uint8_t> unhex(const std::string& s) {
  if (s.size() % 2 != 0) throw BadJournal{"odd number of hex digits"};
  std::vector<std::uint8_t> out(s.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(s[2 * i]);
    const int lo = nibble(s[2 * i + 1]);
    if (hi < 0 || lo < 0) throw BadJournal{"bad hex digit"};
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

const Json& member(const Json& j, const char* name, Json::value_t type) {
  if (!j.is_object() || !j.contains(name))
    throw BadJournal{std::string("missing \"") + name + "\""};
  const Json& m = j[name];
  const bool ok = m.type() == type ||
                  (type == Json::value_t::number_unsigned && m.is_number_integer() && m >= 0);
  if (!ok) throw BadJournal{std::string("\"") + name + "\" has the wrong type"};
  return m;
}

std::string text_of(const Json& j, const char* name) {
  return member(j, name, Json::value_t::string).get<std::string>();
}

RegValue value_of(const Json& j) {
  const auto type = member(j, "type", Json::value_t::number_unsigned).get<std::uint32_t>();
  return RegValue::from_raw(static_cast<RegType>(type), unhex(text_of(j, "data")));
}

// The body is written as text as it goes, compact, in the order nlohmann's dump(-1) of the same
// document gives: an uninstall's journal holds every tree it deletes (155,000 keys at 10,000
// classes), and a document node per member was a quarter of comreg.exe's own time under Wine.
class BodyWriter {
 public:
  explicit BodyWriter(std::string& out) : out_(out) {}

  // A string; text that is not UTF-8 (a name a hive or another writer gave) gets U+FFFD for
  // what cannot be read, as dump()'s error_handler_t::replace writes it, never an exception.
  void string(std::string_view s) {
    if (text::find_invalid_utf8(s) == std::string_view::npos) {
      append_json_string(out_, s);
    } else {
      append_json_string(out_, text::to_utf8(text::to_utf16(s)));
    }
  }
  void key(std::string_view name) {
    string(name);
    out_ += ':';
  }
  void member(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }
  // {"type":N,"data":"HEX" and, for a tree's value, ,"name":"…"; the caller closes it.
  void open_value(const RegValue& v) {
    out_ += "{\"type\":";
    out_ += std::to_string(static_cast<std::uint32_t>(v.type));
    out_ += ",\"data\":\"";
    text::append_hex(out_, v.raw_bytes());
    out_ += '"';
  }
  void tree(const KeySnapshot& s) {
    out_ += '{';
    member("name", s.name);
    out_ += ",\"values\":[";
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (i != 0) out_ += ',';
      open_value(s.values[i].second);
      out_ += ',';
      member("name", s.values[i].first);
      out_ += '}';
    }
    out_ += "],\"subkeys\":[";
    for (std::size_t i = 0; i < s.subkeys.size(); ++i) {
      if (i != 0) out_ += ',';
      tree(s.subkeys[i]);
    }
    out_ += "]}";
  }

 private:
  std::string& out_;
};

KeySnapshot tree_of(const Json& j) {
  KeySnapshot s;
  s.name = text_of(j, "name");
  for (const auto& v : member(j, "values", Json::value_t::array)) {
    s.values.emplace_back(text_of(v, "name"), value_of(v));
  }
  for (const auto& sub : member(j, "subkeys", Json::value_t::array)) {
    s.subkeys.push_back(tree_of(sub));
  }
  return s;
}

}  // namespace

std::string serialize_journal(const Journal& journal) {
  std::string body;
  BodyWriter w(body);
  body += '{';
  w.member("operation", journal.operation);
  body += ',';
  w.member("target", journal.target);
  body += ",\"entries\":[";
  bool first = true;
  for (const auto& e : journal.entries) {
    if (!first) body += ',';
    first = false;
    body += '{';
    switch (e.kind) {
      case RegistryOp::Kind::create_key:
        w.member("kind", "absentKey");
        body += ',';
        w.member("key", e.key);
        break;
      case RegistryOp::Kind::set_value:
      case RegistryOp::Kind::delete_value:
        w.member("kind", "value");
        body += ',';
        w.member("key", e.key);
        body += ',';
        w.member("name", e.name);
        body += ",\"prior\":";
        if (e.prior) {
          w.open_value(*e.prior);
          body += '}';
        } else {
          body += "null";
        }
        break;
      case RegistryOp::Kind::delete_tree:
        w.member("kind", "tree");
        body += ',';
        w.member("key", e.key);
        body += ",\"tree\":";
        w.tree(e.prior_tree ? *e.prior_tree : KeySnapshot{});
        break;
    }
    body += '}';
  }
  body += "]}";
  std::string out;
  out.reserve(header.size() + body.size() + 32);
  out += header;
  out += body;
  out += "\nchecksum ";
  out += checksum(body);
  out += '\n';
  return out;
}

bool parse_journal(std::string_view text, Journal& out, std::string& error) {
  if (text.substr(0, header.size()) != header) {
    error = "not a comreg journal (no \"comreg journal 1\" header)";
    return false;
  }
  text.remove_prefix(header.size());
  const std::size_t end = text.find('\n');
  if (end == std::string_view::npos) {
    error = "cut short";
    return false;
  }
  const std::string_view body = text.substr(0, end);
  const std::string_view trailer = text.substr(end + 1);
  if (trailer != "checksum " + checksum(body) + "\n") {
    error = trailer.substr(0, 9) == "checksum " ? "checksum mismatch" : "cut short";
    return false;
  }
  const Json doc = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    error = "invalid JSON";
    return false;
  }
  try {
    Journal j;
    j.operation = text_of(doc, "operation");
    j.target = text_of(doc, "target");
    for (const auto& e : member(doc, "entries", Json::value_t::array)) {
      RegistryOp entry;
      const std::string kind = text_of(e, "kind");
      entry.key = text_of(e, "key");
      if (kind == "absentKey") {
        entry.kind = RegistryOp::Kind::create_key;
      } else if (kind == "value") {
        entry.kind = RegistryOp::Kind::set_value;
        entry.name = text_of(e, "name");
        if (!e.contains("prior")) throw BadJournal{"missing \"prior\""};
        if (!e["prior"].is_null())
          entry.prior = std::make_shared<const RegValue>(value_of(e["prior"]));
      } else if (kind == "tree") {
        entry.kind = RegistryOp::Kind::delete_tree;
        if (!e.contains("tree")) throw BadJournal{"missing \"tree\""};
        entry.prior_tree = std::make_shared<const KeySnapshot>(tree_of(e["tree"]));
      } else {
        throw BadJournal{"unknown entry kind \"" + kind + "\""};
      }
      j.entries.push_back(std::move(entry));
    }
    out = std::move(j);
    return true;
  } catch (const BadJournal& b) {
    error = b.what;
    return false;
  }
}

}  // namespace comreg
