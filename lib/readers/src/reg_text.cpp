#include "readers/reg_text.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

#include "core/ascii.hpp"
#include "core/utf.hpp"

namespace comreg::regfile {
RegText::RegText(std::string_view bytes, unsigned code_page) : bytes_(bytes) {
  if (bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE') {
    encoding_ = Encoding::utf16le;
    body_ = 2;
    end_ = bytes.size() & ~static_cast<std::size_t>(1);  // an odd last byte is not a unit
  } else if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    encoding_ = Encoding::utf8_bom;
    body_ = 3;
    end_ = bytes.size();
  } else {
    end_ = bytes.size();
  }
  counted_pos_ = body_;
  if (wide()) return;
  first_non_utf8_ = text::find_invalid_utf8(bytes.substr(body_, end_ - body_));
  if (first_non_utf8_ != std::string_view::npos) first_non_utf8_ += body_;
  // A BOM says UTF-8; without one, what was asked, else what the bytes allow.
  if (encoding_ == Encoding::eight_bit && code_page != 0) {
    code_page_asked_ = true;
    code_page_ = single_byte_code_page(code_page);
  } else if (first_non_utf8_ != std::string_view::npos) {
    code_page_ = single_byte_code_page(1252);
  }
}

std::size_t RegText::line_end(std::size_t pos) const {
  const std::size_t step = unit_size();
  // Eight bytes at a time to the word that holds a CR or LF byte (in UTF-16 perhaps only as
  // half of another unit), then unit by unit: every kept line of an export is scanned here.
  while (pos + 8 <= end_) {
    const std::uint64_t w = text::load8(bytes_.data() + pos);
    if (text::has_byte(w, '\n') || text::has_byte(w, '\r')) break;
    pos += 8;
  }
  if (!wide()) {
    for (; pos < end_; ++pos) {
      const char c = bytes_[pos];
      if (c == '\n' || c == '\r') return pos;
    }
    return end_;
  }
  for (; pos < end_; pos += step) {
    if (bytes_[pos + 1] == 0 && (bytes_[pos] == '\n' || bytes_[pos] == '\r')) return pos;
  }
  return end_;
}

std::size_t RegText::next_line(std::size_t end) const {
  if (end >= end_) return end_;
  const std::size_t step = unit_size();
  if (unit(end) == '\r' && end + step < end_ && unit(end + step) == '\n') return end + 2 * step;
  return end + step;
}

std::size_t RegText::next_key_line(std::size_t pos) const {
  if (pos < end_ && unit(pos) == '[') return pos;
  return next_key_line_after(pos);
}

std::size_t RegText::next_key_line_after(std::size_t pos) const {
  const std::size_t step = unit_size();
  const char* data = bytes_.data();
  std::size_t from = pos;
  while (from < end_) {
    const void* hit = std::memchr(data + from, '[', end_ - from);
    if (hit == nullptr) return end_;
    const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - data);
    from = at + 1;
    if (wide() && (((at - body_) & 1) != 0 || data[at + 1] != 0)) continue;
    // A key line: only blanks between the line start and '['.
    std::size_t back = at;
    while (back > body_ && (unit(back - step) == ' ' || unit(back - step) == '\t')) back -= step;
    if (back == body_ || unit(back - step) == '\n' || unit(back - step) == '\r') return at;
  }
  return end_;
}

std::string RegText::decode(std::size_t begin, std::size_t end) const {
  std::string out;
  decode_into(begin, end, out);
  return out;
}

void RegText::decode_into(std::size_t begin, std::size_t end, std::string& out) const {
  out.clear();
  if (!wide()) {
    const std::string_view raw = bytes_.substr(begin, end - begin);
    if (code_page_ == nullptr) {
      out.assign(raw);
      return;
    }
    out.reserve(raw.size() + 8);
    for (char c : raw)
      text::append_utf8(out, code_page_->to_unicode(static_cast<unsigned char>(c)));
    return;
  }
  // Export lines are nearly always ASCII: narrow them in one tight loop, and fall back to the
  // general decoding from the first unit that is not.
  out.resize((end - begin) / 2);
  std::size_t pos = begin;
  std::size_t n = 0;
  // Four ASCII units (high bytes 0) at a time, where a word's bytes are in memory order.
  for (; std::endian::native == std::endian::little && pos + 8 <= end; pos += 8, n += 4) {
    const std::uint64_t w = text::load8(bytes_.data() + pos);
    if ((w & 0xFF80FF80FF80FF80ull) != 0) break;
    const auto four = static_cast<std::uint32_t>((w & 0xFF) | ((w >> 8) & 0xFF00) |
                                                 ((w >> 16) & 0xFF0000) | ((w >> 24) & 0xFF000000));
    std::memcpy(out.data() + n, &four, 4);
  }
  for (; pos < end; pos += 2, ++n) {
    if (bytes_[pos + 1] != 0 || (bytes_[pos] & 0x80) != 0) break;
    out[n] = bytes_[pos];
  }
  out.resize(n);
  for (; pos < end; pos += 2) {
    const char32_t u = unit(pos);
    if (u < 0x80) {
      out.push_back(static_cast<char>(u));
    } else if (u >= 0xD800 && u <= 0xDBFF && pos + 2 < end && unit(pos + 2) >= 0xDC00 &&
               unit(pos + 2) <= 0xDFFF) {
      text::append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (unit(pos + 2) - 0xDC00));
      pos += 2;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      text::append_utf8(out, 0xFFFD);
    } else {
      text::append_utf8(out, u);
    }
  }
}

std::string RegText::decode_8bit(std::string_view raw) const {
  const SingleByteCodePage* page = code_page_;
  if (!code_page_asked_) {
    // Data bytes may be ANSI in a file whose text is ASCII: judged on their own.
    page = text::find_invalid_utf8(raw) == std::string_view::npos ? nullptr
                                                                  : single_byte_code_page(1252);
  }
  if (page == nullptr) return std::string(raw);
  std::string out;
  out.reserve(raw.size() + 8);
  for (char c : raw) text::append_utf8(out, page->to_unicode(static_cast<unsigned char>(c)));
  return out;
}

std::uint32_t RegText::line_of(std::size_t pos) const {
  if (pos < counted_pos_) {
    counted_pos_ = body_;
    counted_lines_ = 1;
  }
  const std::size_t step = unit_size();
  for (std::size_t p = counted_pos_; p < pos && p < end_; p += step) {
    const std::uint16_t u = unit(p);
    if (u == '\n') {
      ++counted_lines_;
    } else if (u == '\r' && !(p + step < end_ && unit(p + step) == '\n')) {
      ++counted_lines_;
    }
  }
  counted_pos_ = pos;
  return counted_lines_;
}

}  // namespace comreg::regfile
