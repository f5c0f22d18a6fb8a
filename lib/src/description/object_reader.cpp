#include "description/object_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "comreg/guid.hpp"

namespace comreg {

std::string pointer_append(std::string_view base, std::string_view token) {
  std::string out(base);
  out.push_back('/');
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string pointer_append(std::string_view base, std::size_t index) {
  return std::string(base) + '/' + std::to_string(index);
}

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string quote_json_text(const json::Value& v) {
  return v.kind == json::Kind::string ? "'" + v.text + "'" : v.text;
}

}  // namespace

std::string closest_match(std::string_view word,
                          std::initializer_list<std::string_view> candidates) {
  std::string best;
  // A candidate that the word starts with ("threadingModel" -> "threading") is the likely
  // intent even when the edit distance is large.
  for (auto c : candidates) {
    if (c.size() >= 4 && word.size() > c.size() &&
        edit_distance(word.substr(0, c.size()), c) == 0) {
      return std::string(c);
    }
  }
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (auto c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) best_distance = d, best = std::string(c);
  }
  return best;
}

ObjectReader::ObjectReader(std::string_view text, std::string file, Diagnostics& diagnostics)
    : text_(text), file_(std::move(file)), lines_(text), diagnostics_(diagnostics) {}

SourceLocation ObjectReader::location(std::uint32_t offset, std::string pointer) const {
  const auto p = lines_.position(offset);
  return {file_, p.line, p.column, std::move(pointer)};
}

SourceRef ObjectReader::source_ref(const json::Value& v, const std::string& pointer) const {
  const auto p = lines_.position(v.offset);
  return {pointer, p.line, p.column};
}

void ObjectReader::error(const char* code, std::string message, std::uint32_t offset,
                         std::string pointer, std::string hint) {
  diagnostics_.error(code, std::move(message), location(offset, std::move(pointer)),
                     std::move(hint));
}

void ObjectReader::warning(const char* code, std::string message, std::uint32_t offset,
                           std::string pointer, std::string hint) {
  diagnostics_.warning(code, std::move(message), location(offset, std::move(pointer)),
                       std::move(hint));
}

bool ObjectReader::expect_object(const json::Value& v, const std::string& pointer,
                                 std::string_view what) {
  if (v.kind == json::Kind::object) return true;
  error("wrong-type",
        "expected " + std::string(what) + " (an object), found " + json::to_string(v.kind),
        v.offset, pointer, "write it as { \"member\": value, … }");
  return false;
}

void ObjectReader::check_members(const json::Value& obj, const std::string& pointer,
                                 std::initializer_list<std::string_view> allowed) {
  for (const auto& m : obj.members) {
    if (m.key == "$comment") continue;
    if (std::find(allowed.begin(), allowed.end(), m.key) != allowed.end()) continue;
    const std::string suggestion = closest_match(m.key, allowed);
    std::string hint;
    if (!suggestion.empty()) {
      hint = "did you mean '" + suggestion + "'?";
    } else {
      hint = "allowed here:";
      for (auto a : allowed) hint += " " + std::string(a);
    }
    error("unknown-field", "unknown member '" + m.key + "'", m.key_offset,
          pointer_append(pointer, m.key), hint);
  }
}

const json::Value* ObjectReader::member(const json::Value& obj, const std::string& pointer,
                                        std::string_view name, json::Kind kind, bool required) {
  const json::Value* v = obj.find(name);
  if (v == nullptr) {
    if (required) {
      error("missing-field", "missing required member '" + std::string(name) + "'", obj.offset,
            pointer, "add \"" + std::string(name) + "\"");
    }
    return nullptr;
  }
  if (v->kind != kind) {
    error("wrong-type",
          "'" + std::string(name) + "' must be " +
              (kind == json::Kind::array || kind == json::Kind::object ? "an " : "a ") +
              json::to_string(kind) + ", found " + json::to_string(v->kind) +
              (v->kind == json::Kind::number || v->kind == json::Kind::boolean
                   ? " " + quote_json_text(*v)
                   : ""),
          v->offset, pointer_append(pointer, name),
          kind == json::Kind::string ? "put the value in double quotes" : "");
    return nullptr;
  }
  return v;
}

bool ObjectReader::check_text(const json::Value& v, const std::string& pointer) {
  for (std::size_t i = 0; i < v.text.size(); ++i) {
    const auto c = static_cast<unsigned char>(v.text[i]);
    if (c < 0x20 && c != '\t') {
      static const char* names[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                    "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                    "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
      error("control-character",
            std::string("control character ") + names[c] + " at character " +
                std::to_string(i + 1) + " of the string",
            v.offset, pointer,
            "registry names and values cannot carry line breaks or NUL (they would inject "
            "lines into .reg files); remove it");
      return false;
    }
  }
  return true;
}

std::optional<std::string> ObjectReader::string(const json::Value& obj, const std::string& pointer,
                                                std::string_view name, bool required) {
  const json::Value* v = member(obj, pointer, name, json::Kind::string, required);
  if (v == nullptr) return std::nullopt;
  const std::string p = pointer_append(pointer, name);
  if (!check_text(*v, p)) return std::nullopt;
  if (required && v->text.empty()) {
    error("empty-value", "'" + std::string(name) + "' must not be empty", v->offset, p,
          "give it a value, or leave the member out where it is optional");
    return std::nullopt;
  }
  if (v->text.size() > 16383) {
    error("value-too-long",
          "'" + std::string(name) + "' is " + std::to_string(v->text.size()) +
              " bytes long; comreg limits registry strings to 16383",
          v->offset, p, "registry values this long are refused by tools and slow the registry");
    return std::nullopt;
  }
  return v->text;
}

std::optional<std::uint32_t> ObjectReader::uint(const json::Value& obj, const std::string& pointer,
                                                std::string_view name, std::uint32_t min,
                                                std::uint32_t max, bool required) {
  const json::Value* v = member(obj, pointer, name, json::Kind::number, required);
  if (v == nullptr) return std::nullopt;
  const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  std::uint64_t n = 0;
  const char* first = v->text.data();
  const char* last = first + v->text.size();
  const auto [end, ec] = std::from_chars(first, last, n);
  if (ec != std::errc() || end != last || n < min || n > max) {
    error("out-of-range", "'" + std::string(name) + "' is " + v->text + "; expected " + range,
          v->offset, pointer_append(pointer, name), "write a whole number in that range");
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(n);
}

std::optional<bool> ObjectReader::boolean(const json::Value& obj, const std::string& pointer,
                                          std::string_view name) {
  const json::Value* v = member(obj, pointer, name, json::Kind::boolean, false);
  if (v == nullptr) return std::nullopt;
  return v->boolean;
}

std::optional<std::string> ObjectReader::guid_value(const json::Value& v,
                                                    const std::string& pointer) {
  if (v.kind != json::Kind::string) {
    error("wrong-type", std::string("expected a GUID string, found ") + json::to_string(v.kind),
          v.offset, pointer, "write it as \"{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}\"");
    return std::nullopt;
  }
  auto g = normalize_guid(v.text);
  if (!g) {
    error("bad-guid", "invalid GUID '" + v.text + "'", v.offset, pointer,
          "write a GUID as {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} (32 hex digits; braces "
          "optional)");
  }
  return g;
}

std::optional<std::string> ObjectReader::guid(const json::Value& obj, const std::string& pointer,
                                              std::string_view name, bool required) {
  const json::Value* v = obj.find(name);
  if (v == nullptr) {
    if (required) {
      error("missing-field", "missing required member '" + std::string(name) + "'", obj.offset,
            pointer,
            "add \"" + std::string(name) + "\": \"{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}\"");
    }
    return std::nullopt;
  }
  return guid_value(*v, pointer_append(pointer, name));
}

}  // namespace comreg
