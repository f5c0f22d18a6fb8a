#include "core/json_text.hpp"

#include <nlohmann/json.hpp>

#include "core/hex.hpp"
#include "core/utf.hpp"

namespace comreg {

void append_json_string(std::string& out, std::string_view s) {
  if (text::find_invalid_utf8(s) != std::string_view::npos) {
    // nlohmann's own error (type_error 316), word for word.
    (void)nlohmann::ordered_json(std::string(s)).dump();
  }
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    out += '\\';
    switch (c) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '\b':
        out += 'b';
        break;
      case '\f':
        out += 'f';
        break;
      case '\n':
        out += 'n';
        break;
      case '\r':
        out += 'r';
        break;
      case '\t':
        out += 't';
        break;
      default:
        out += "u00";
        out += text::hex_digits[c >> 4];
        out += text::hex_digits[c & 15];
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

void JsonTextWriter::indent(std::size_t depth) {
  out_.append(2 * depth, ' ');
}

void JsonTextWriter::next_line() {
  out_ += counts_.back()++ == 0 ? "\n" : ",\n";
  indent(counts_.size());
}

void JsonTextWriter::element() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!counts_.empty()) next_line();  // not before the document's own value
}

void JsonTextWriter::key(std::string_view name) {
  next_line();
  append_json_string(out_, name);
  out_ += ": ";
  after_key_ = true;
}

void JsonTextWriter::open(char bracket) {
  element();
  out_ += bracket;
  counts_.push_back(0);
}

void JsonTextWriter::close(char bracket) {
  const bool empty = counts_.back() == 0;
  counts_.pop_back();
  if (!empty) {
    out_ += '\n';
    indent(counts_.size());
  }
  out_ += bracket;
}

void JsonTextWriter::value(std::string_view s) {
  element();
  append_json_string(out_, s);
}

void JsonTextWriter::value(std::uint64_t n) {
  element();
  out_ += std::to_string(n);
}

void JsonTextWriter::value(std::int64_t n) {
  element();
  out_ += std::to_string(n);
}

void JsonTextWriter::value(bool b) {
  element();
  out_ += b ? "true" : "false";
}

void JsonTextWriter::null() {
  element();
  out_ += "null";
}

}  // namespace comreg
