// JSON text written directly, for documents too large to build first: the same bytes
// nlohmann's dump(2) writes (UTF-8 kept, control characters escaped, members indented by two).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace comreg {

/// `s` as a JSON string. Text that is not valid UTF-8 throws what nlohmann's dump() throws.
void append_json_string(std::string& out, std::string_view s);

/// Objects and arrays written as they are opened and closed, laid out as dump(2) lays them out:
/// a member or element on its own line, an empty container as "{}" or "[]". Only the order of
/// calls is the caller's: a member is `key` then one value (a scalar or a container).
class JsonTextWriter {
 public:
  explicit JsonTextWriter(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// The next member's name; its value follows.
  void key(std::string_view name);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(std::uint64_t n);
  void value(std::int64_t n);
  void value(bool b);
  void null();

  /// A member in one call, for the common case.
  template <typename T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

 private:
  // Before an element of an array (or the document's value): its separator and indent. A
  // member's value follows its key on the same line.
  void element();
  // A new member or element of the innermost container: its separator, line and indent.
  void next_line();
  void open(char bracket);
  void close(char bracket);
  void indent(std::size_t depth);

  std::string& out_;
  std::vector<std::size_t> counts_;  // per open container: members or elements so far
  bool after_key_ = false;
};

}  // namespace comreg
