#include "description/object_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <vector>

#include "comreg/core/guid.hpp"

namespace comreg {
namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = lower(a[i - 1]) == lower(b[j - 1]);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

const char* const control_names[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                     "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                     "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                     "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

std::string kind_with_value(json::View v) {
  std::string s = json::to_string(v.kind());
  if (v.kind() == json::Kind::number) {
    s += ' ';
    s += v.text();
  } else if (v.kind() == json::Kind::boolean) {
    s += v.boolean() ? " true" : " false";
  } else if (v.kind() == json::Kind::string) {
    s += ' ' + quoted(v.text());
  }
  return s;
}

// "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" already: upper-case hex, braced.
bool is_canonical_guid(std::string_view s) {
  if (s.size() != 38 || s.front() != '{' || s.back() != '}') return false;
  for (std::size_t i = 1; i < 37; ++i) {
    const char c = s[i];
    if (i == 9 || i == 14 || i == 19 || i == 24) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

const char* article(json::Kind k) {
  return k == json::Kind::array || k == json::Kind::object ? "an " : "a ";
}

}  // namespace

std::string closest_match(std::string_view word,
                          std::initializer_list<std::string_view> candidates) {
  // A candidate that the word starts with ("threadingModel" -> "threading") is the likely
  // intent even when the edit distance is large.
  for (auto c : candidates) {
    if (c.size() >= 4 && word.size() > c.size() &&
        edit_distance(word.substr(0, c.size()), c) == 0) {
      return std::string(c);
    }
  }
  if (word.size() > 64) return {};  // not a typo of a member name
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (auto c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) best_distance = d, best = std::string(c);
  }
  return best;
}

std::string quoted(std::string_view text) {
  constexpr std::size_t shown = 80;  // bytes of a long text kept in a message
  std::string out = "'";
  std::size_t end = text.size();
  if (end > shown + 20) {
    end = shown;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  }
  for (std::size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (end < text.size()) out += "\xE2\x80\xA6";  // …
  out += '\'';
  return out;
}

std::size_t code_point_count(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

ObjectReader::ObjectReader(std::string_view text, const json::Document& document, std::string file,
                           Diagnostics& diagnostics)
    : document_(document), file_(std::move(file)), lines_(text), diagnostics_(diagnostics) {}

SourceLocation ObjectReader::location(std::uint32_t offset) const {
  const auto p = lines_.position(offset);
  return {file_, p.line, p.column, document_.pointer_at(offset)};
}

SourceRef ObjectReader::source_ref(json::View v, std::string pointer) const {
  const auto p = lines_.position(v.offset());
  return {std::move(pointer), p.line, p.column};
}

void ObjectReader::error(const char* code, std::string message, std::uint32_t offset,
                         std::string hint) {
  diagnostics_.error(code, std::move(message), location(offset), std::move(hint));
}

void ObjectReader::warning(const char* code, std::string message, std::uint32_t offset,
                           std::string hint) {
  diagnostics_.warning(code, std::move(message), location(offset), std::move(hint));
}

void ObjectReader::error(const char* code, std::string message, std::uint32_t offset,
                         std::string pointer, std::string hint) {
  const auto p = lines_.position(offset);
  diagnostics_.error(code, std::move(message), {file_, p.line, p.column, std::move(pointer)},
                     std::move(hint));
}

bool ObjectReader::expect_object(json::View v, std::string_view what) {
  if (v.kind() == json::Kind::object) return true;
  error("wrong-type", "expected " + std::string(what) + " (an object), found " + kind_with_value(v),
        v.offset(), "write it as { \"member\": value, … }");
  return false;
}

void ObjectReader::check_members(json::View obj, std::initializer_list<std::string_view> allowed) {
  const std::uint32_t n = obj.size();
  for (std::uint32_t i = 0; i < n; ++i) {
    const json::View key = obj.key(i);
    const std::string_view name = key.text();
    if (name == "$comment") continue;
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    const std::string suggestion = closest_match(name, allowed);
    std::string hint;
    if (!suggestion.empty()) {
      hint = "did you mean '" + suggestion + "'?";
    } else {
      hint = "allowed here:";
      for (auto a : allowed) hint += " " + std::string(a);
    }
    error("unknown-field", "unknown member " + quoted(name), key.offset(), std::move(hint));
  }
}

json::View ObjectReader::member(json::View obj, std::string_view name, json::Kind kind,
                                bool required) {
  const json::View v = obj.find(name);
  if (!v) {
    if (required) {
      error("missing-field", "missing required member '" + std::string(name) + "'", obj.offset(),
            "add \"" + std::string(name) + "\"");
    }
    return {};
  }
  if (v.kind() != kind) {
    error("wrong-type",
          "'" + std::string(name) + "' must be " + article(kind) + json::to_string(kind) +
              ", found " + kind_with_value(v),
          v.offset(),
          kind == json::Kind::string   ? "put the value in double quotes"
          : kind == json::Kind::number ? "write a number without quotes"
          : kind == json::Kind::array  ? "write a list in [ ]"
          : kind == json::Kind::object ? "write it as { \"member\": value, … }"
                                       : "write true or false, without quotes");
    return {};
  }
  return v;
}

bool ObjectReader::check_text(std::string_view text, std::uint32_t offset,
                              std::string_view origin) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 || c == '\t') continue;
    std::string message = std::string("control character ") + control_names[c] + " at character " +
                          std::to_string(code_point_count(text.substr(0, i)) + 1) + " of " +
                          quoted(text);
    if (!origin.empty()) message += " (from " + std::string(origin) + ")";
    error("control-character", std::move(message), offset,
          "registry names and values cannot carry line breaks, NUL or other control characters "
          "(they would inject lines into .reg files); remove it");
    return false;
  }
  return true;
}

bool ObjectReader::check_length(std::string_view text, std::string_view name,
                                std::uint32_t offset) {
  if (text.size() <= max_value_length) return true;  // bytes >= characters
  const std::size_t length = code_point_count(text);
  if (length <= max_value_length) return true;
  error("value-too-long",
        "'" + std::string(name) + "' is " + std::to_string(length) +
            " characters long; registry strings are limited to 16383",
        offset, "shorten it: longer registry values are refused by tools and slow the registry");
  return false;
}

std::optional<std::string_view> ObjectReader::string(json::View obj, std::string_view name,
                                                     bool required) {
  const json::View v = member(obj, name, json::Kind::string, required);
  if (!v) return std::nullopt;
  const std::string_view text = v.text();
  if (!check_text(text, v.offset())) return std::nullopt;
  if (required && text.empty()) {
    error("empty-value", "'" + std::string(name) + "' must not be empty", v.offset(),
          "give it a value, or leave the member out where it is optional");
    return std::nullopt;
  }
  if (!check_length(text, name, v.offset())) return std::nullopt;
  return text;
}

std::optional<std::uint32_t> ObjectReader::uint(json::View obj, std::string_view name,
                                                std::uint32_t min, std::uint32_t max,
                                                bool required) {
  const json::View v = member(obj, name, json::Kind::number, required);
  if (!v) return std::nullopt;
  const std::string_view text = v.text();
  const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (text.find_first_of(".eE") != std::string_view::npos) {
    error("wrong-type",
          "'" + std::string(name) + "' must be an integer, found " + std::string(text), v.offset(),
          "write a whole number (" + range + ") without a fraction or exponent");
    return std::nullopt;
  }
  std::uint64_t n = 0;
  const bool negative_zero = text == "-0";
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (!negative_zero &&
      (ec != std::errc() || end != text.data() + text.size() || n < min || n > max)) {
    error("out-of-range",
          "'" + std::string(name) + "' is " + std::string(text) + "; expected " + range, v.offset(),
          "write a whole number in that range");
    return std::nullopt;
  }
  if (negative_zero && min > 0) {
    error("out-of-range", "'" + std::string(name) + "' is -0; expected " + range, v.offset(),
          "write a whole number in that range");
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(n);
}

std::optional<bool> ObjectReader::boolean(json::View obj, std::string_view name) {
  const json::View v = member(obj, name, json::Kind::boolean, false);
  if (!v) return std::nullopt;
  return v.boolean();
}

std::optional<std::string> ObjectReader::guid_value(json::View v) {
  if (v.kind() != json::Kind::string) {
    error("wrong-type", "expected a GUID string, found " + kind_with_value(v), v.offset(),
          "write it as \"{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}\"");
    return std::nullopt;
  }
  if (!check_text(v.text(), v.offset())) return std::nullopt;
  if (is_canonical_guid(v.text())) return std::string(v.text());  // the usual case, fast
  auto g = normalize_guid(v.text());
  if (!g) {
    error("bad-guid", "invalid GUID " + quoted(v.text()), v.offset(),
          "write a GUID as {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} (32 hex digits; braces "
          "optional)");
  }
  return g;
}

std::optional<std::string> ObjectReader::guid(json::View obj, std::string_view name,
                                              bool required) {
  const json::View v = obj.find(name);
  if (!v) {
    if (required) {
      error("missing-field", "missing required member '" + std::string(name) + "'", obj.offset(),
            "add \"" + std::string(name) + "\": \"{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}\"");
    }
    return std::nullopt;
  }
  if (v.kind() != json::Kind::string) {
    error("wrong-type",
          "'" + std::string(name) + "' must be a GUID string, found " + kind_with_value(v),
          v.offset(), "write it as \"{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}\"");
    return std::nullopt;
  }
  return guid_value(v);
}

}  // namespace comreg
