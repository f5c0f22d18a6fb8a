// The reading pass: header, then line after line; sections the filter does not keep are
// jumped over with RegText::next_key_line() without being decoded. Operations are staged and
// applied to the backend only when the whole file read without errors.
#include "comreg/readers/reg_reader.hpp"

#include <functional>

#include "core/mapped_file.hpp"
#include "readers/code_page_report.hpp"
#include "readers/key_filter.hpp"
#include "readers/reg_parser.hpp"
#include "readers/reg_text.hpp"

namespace comreg {
namespace {

using regfile::RegText;

constexpr std::string_view header_v5 = "Windows Registry Editor Version 5.00";
constexpr std::string_view header_v4 = "REGEDIT4";
constexpr std::string_view header_win31 = "REGEDIT";
constexpr std::size_t max_errors = 50;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A header line met again after the first: two files joined (`type a.reg b.reg > c.reg`; the
// second UTF-16 file's BOM is then a U+FEFF at the start of the line).
bool is_repeated_header(std::string_view line) {
  line = trim(line);
  if (line.starts_with("\xEF\xBB\xBF")) line = trim(line.substr(3));
  return line == header_v5 || line == header_v4 || line == header_win31;
}

// The parser has checked everything a MemoryBackend could refuse (key names of at most 255
// characters, every value after its key), so applying cannot fail halfway.
void apply_staged(const std::vector<RegistryOp>& ops, MemoryBackend& into) {
  for (const auto& op : ops) (void)into.apply(op);
}

bool read(std::string_view bytes, const RegReadOptions& options, MemoryBackend& into,
          Diagnostics& diagnostics, RegReadStats* stats,
          const std::function<void(std::size_t)>& consumed) {
  const RegText text(bytes, options.code_page);
  const std::string& file = options.file_name;
  Diagnostics found;
  RegReadStats local;
  local.bytes = bytes.size();

  std::size_t pos = text.body();
  const std::size_t header_end = text.line_end(pos);
  const std::string header = text.decode(pos, header_end);
  const std::string_view h = trim(header);
  if (h != header_v5 && h != header_v4 && h != header_win31) {
    found.error("reg-header",
                h.empty() ? "empty first line: expected the header 'Windows Registry Editor "
                            "Version 5.00', 'REGEDIT4' or 'REGEDIT'"
                          : "expected the header 'Windows Registry Editor Version 5.00', "
                            "'REGEDIT4' or 'REGEDIT', found '" +
                                std::string(h.substr(0, 60)) + "'",
                {file, 1, 1, {}},
                "a .reg file starts with the line regedit writes; is this a .reg file?");
    diagnostics.append(found);
    return false;
  }
  const bool win31 = h == header_win31;
  const bool eight_bit_strings = !text.wide() && h == header_v4;
  regfile::report_code_page(text, options.code_page, file, found);

  const regfile::KeyFilter filter(options.only_under, options.root_aliases);
  // Into an empty backend the operations go directly, and an error empties it again: a large
  // read then holds its keys once, not also as staged operations.
  const bool direct = into.subkeys("").empty();
  regfile::RegParser parser(text, filter, options.root_aliases, eight_bit_strings, found,
                            direct ? &into : nullptr);
  // regedit and Wine's importer read on past a header met again, skipping its line; the first
  // header's rules (REGEDIT4's 8-bit hex strings, Windows 3.1's lines) stay the whole file's.
  const auto skipped_header = [&](std::string_view line, std::size_t at) {
    if (!is_repeated_header(line)) return false;
    found.warning("reg-repeated-header",
                  "the header '" + std::string(trim(line).substr(0, 60)) +
                      "' again: two files joined? Read on as one file, as regedit does, with "
                      "the first header's rules ('" +
                      std::string(h) + "')",
                  {file, text.line_of(at), 1, {}},
                  "to read the second part by its own header, import the files one by one");
    return true;
  };
  pos = text.next_line(header_end);
  const std::size_t step = text.unit_size();
  std::size_t last_report = pos;
  std::string line;  // the decoded line, its buffer reused
  while (pos < text.size() && found.error_count() < max_errors) {
    if (pos - last_report >= (std::size_t{4} << 20)) {
      consumed(pos);
      last_report = pos;
    }
    if (win31) {
      const std::size_t end = text.line_end(pos);
      text.decode_into(pos, end, line);
      if (!skipped_header(line, pos)) parser.win31_line(line, {file, &text, pos});
      pos = text.next_line(end);
      continue;
    }
    if (!filter.keeps_all() && !parser.continuing()) {
      // Decide on the raw units whether a key line can be kept before decoding it.
      std::size_t at = pos;
      while (at < text.size() && (text.unit(at) == ' ' || text.unit(at) == '\t')) at += step;
      if (at < text.size() && text.unit(at) == '[' &&
          !(at + step < text.size() && text.unit(at + step) == '-') &&
          !filter.may_keep(text, at + step)) {
        ++local.keys_skipped;
        pos = text.next_key_line_after(at + step);
        continue;
      }
    }
    const std::size_t end = text.line_end(pos);
    text.decode_into(pos, end, line);
    if (!parser.continuing() && skipped_header(line, pos)) {
      pos = text.next_line(end);
      continue;
    }
    const bool keep = parser.line(line, {file, &text, pos});
    pos = text.next_line(end);
    if (!keep) {
      ++local.keys_skipped;
      pos = text.next_key_line(pos);
    }
  }
  parser.finish();
  local.keys_kept = parser.keys_kept();
  local.keys_aliased = parser.keys_aliased();
  diagnostics.append(found);
  if (found.has_errors()) {
    if (direct) into = MemoryBackend();
    return false;
  }
  apply_staged(parser.ops(), into);
  if (stats != nullptr) *stats = local;
  return true;
}

}  // namespace

bool is_supported_code_page(unsigned code_page) {
  return code_page == 65001 || regfile::single_byte_code_page(code_page) != nullptr;
}

std::string supported_code_pages() {
  return regfile::supported_code_pages_text();
}

bool read_reg(std::string_view bytes, const RegReadOptions& options, MemoryBackend& into,
              Diagnostics& diagnostics, RegReadStats* stats) {
  return read(bytes, options, into, diagnostics, stats, [](std::size_t) {});
}

bool read_reg_file(const std::string& path, const RegReadOptions& options, MemoryBackend& into,
                   Diagnostics& diagnostics, RegReadStats* stats) {
  regfile::MappedFile mapped;
  std::string error;
  if (!mapped.open(path, error)) {
    diagnostics.error("cannot-read", error,
                      {options.file_name.empty() ? path : options.file_name, 0, 0, {}});
    return false;
  }
  RegReadOptions named = options;
  if (named.file_name.empty()) named.file_name = path;
  return read(mapped.bytes(), named, into, diagnostics, stats,
              [&mapped](std::size_t offset) { mapped.release_before(offset); });
}

}  // namespace comreg
