#include "description/object_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <vector>

#include "comreg/core/guid.hpp"
#include "description/description_rules.hpp"

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

const char* article(json::Kind k) {
  return k == json::Kind::array || k == json::Kind::object ? "an " : "a ";
}

}  // namespace

std::string closest_match(std::string_view word, std::span<const std::string_view> candidates) {
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

ObjectReader::ObjectReader(const json::Document& document, const json::LineIndex& lines,
                           std::string file, Diagnostics& diagnostics)
    : document_(document), file_(std::move(file)), lines_(lines), diagnostics_(diagnostics) {}

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
  SourceLocation at = location(offset);
  unread_.insert(at.pointer);
  diagnostics_.error(code, std::move(message), std::move(at), std::move(hint));
}

// Located at `obj` (the member is not there), but it is the member that is unread, not the object.
void ObjectReader::missing(json::View obj, std::string_view name, std::string hint) {
  SourceLocation at = location(obj.offset());
  std::string member = at.pointer;
  json::append_pointer_token(member, name);
  unread_.insert(std::move(member));
  diagnostics_.error("missing-field", "missing required member '" + std::string(name) + "'",
                     std::move(at), std::move(hint));
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

void ObjectReader::check_members(json::View obj, std::span<const std::string_view> allowed) {
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
    // Not error(): the model has no place for it, and nothing else about the object is unread.
    diagnostics_.error("unknown-field", "unknown member " + quoted(name), location(key.offset()),
                       std::move(hint));
  }
}

json::View ObjectReader::member(json::View obj, std::string_view name, json::Kind kind,
                                bool required) {
  const json::View v = obj.find(name);
  if (!v) {
    if (required) missing(obj, name, "add \"" + std::string(name) + "\"");
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
  auto problem = control_character_problem(text, origin);
  if (!problem) return true;
  error(problem->code, std::move(problem->message), offset, std::move(problem->hint));
  return false;
}

std::optional<std::string_view> ObjectReader::string(json::View obj, std::string_view name,
                                                     bool required) {
  const json::View v = member(obj, name, json::Kind::string, required);
  if (!v) return std::nullopt;
  return v.text();
}

std::optional<std::string_view> ObjectReader::nonempty_string(json::View obj, std::string_view name,
                                                              bool required) {
  const json::View v = member(obj, name, json::Kind::string, required);
  if (!v) return std::nullopt;
  if (v.text().empty()) {
    auto problem = empty_value_problem(name);
    error(problem.code, std::move(problem.message), v.offset(), std::move(problem.hint));
    return std::nullopt;
  }
  return v.text();
}

std::optional<std::uint32_t> ObjectReader::uint(json::View obj, std::string_view name,
                                                std::uint32_t min, std::uint32_t max,
                                                bool required) {
  return integer(obj, name, min, max, {name, min, max}, required);
}

std::optional<std::uint32_t> ObjectReader::uint(json::View obj, const format::IntegerRange& range) {
  return integer(obj, range.member, 0, 0xFFFFFFFFu, range, false);
}

std::optional<std::uint32_t> ObjectReader::integer(json::View obj, std::string_view name,
                                                   std::uint32_t min, std::uint32_t max,
                                                   const format::IntegerRange& shown,
                                                   bool required) {
  const json::View v = member(obj, name, json::Kind::number, required);
  if (!v) return std::nullopt;
  const std::string_view text = v.text();
  if (text.find_first_of(".eE") != std::string_view::npos) {
    error("wrong-type",
          "'" + std::string(name) + "' must be an integer, found " + std::string(text), v.offset(),
          "write a whole number (an integer from " + std::to_string(shown.min) + " to " +
              std::to_string(shown.max) + ") without a fraction or exponent");
    return std::nullopt;
  }
  std::uint64_t n = 0;
  const bool negative_zero = text == "-0";
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  const bool read = negative_zero || (ec == std::errc() && end == text.data() + text.size());
  if (!read || (!negative_zero && (n < min || n > max)) || (negative_zero && min > 0)) {
    auto problem = out_of_range_problem(name, text, shown.min, shown.max);
    error(problem.code, std::move(problem.message), v.offset(), std::move(problem.hint));
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
  if (is_canonical_guid(v.text())) return std::string(v.text());  // the usual case, fast
  return normalize_guid(v.text()).value_or(std::string(v.text()));
}

std::optional<std::string> ObjectReader::guid(json::View obj, std::string_view name,
                                              bool required) {
  const json::View v = obj.find(name);
  if (!v) {
    if (required) {
      missing(obj, name,
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
