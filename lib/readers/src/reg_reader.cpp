// The reading pass: header, then line after line; sections the filter does not keep are
// jumped over with RegText::next_key_line() without being decoded. Operations are staged and
// applied to the backend only when the whole file read without errors.
#include "comreg/readers/reg_reader.hpp"

#include <functional>

#include "core/mapped_file.hpp"
#include "readers/key_filter.hpp"
#include "readers/reg_parser.hpp"
#include "readers/reg_text.hpp"

namespace comreg {
namespace {

using regfile::RegText;

constexpr std::string_view header_v5 = "Windows Registry Editor Version 5.00";
constexpr std::string_view header_v4 = "REGEDIT4";
constexpr std::size_t max_errors = 50;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The parser has checked everything a MemoryBackend could refuse (key names of at most 255
// characters, every value after its key), so applying cannot fail halfway.
void apply_staged(const std::vector<RegistryOp>& ops, MemoryBackend& into) {
  for (const auto& op : ops) (void)into.apply(op);
}

bool read(std::string_view bytes, const RegReadOptions& options, MemoryBackend& into,
          Diagnostics& diagnostics, RegReadStats* stats,
          const std::function<void(std::size_t)>& consumed) {
  const RegText text(bytes);
  const std::string& file = options.file_name;
  Diagnostics found;
  RegReadStats local;
  local.bytes = bytes.size();

  std::size_t pos = text.body();
  const std::size_t header_end = text.line_end(pos);
  const std::string header = text.decode(pos, header_end);
  const std::string_view h = trim(header);
  if (h != header_v5 && h != header_v4) {
    found.error("reg-header",
                h.empty() ? "empty first line: expected the header 'Windows Registry Editor "
                            "Version 5.00' or 'REGEDIT4'"
                          : "expected the header 'Windows Registry Editor Version 5.00' or "
                            "'REGEDIT4', found '" +
                                std::string(h.substr(0, 60)) + "'",
                {file, 1, 1, {}},
                "a .reg file starts with the line regedit writes; is this a .reg file?");
    diagnostics.append(found);
    return false;
  }
  const bool eight_bit_strings = !text.wide() && h == header_v4;

  const regfile::KeyFilter filter(options.only_under, options.root_aliases);
  // Into an empty backend the operations go directly, and an error empties it again: a large
  // read then holds its keys once, not also as staged operations.
  const bool direct = into.subkeys("").empty();
  regfile::RegParser parser(filter, options.root_aliases, eight_bit_strings, found,
                            direct ? &into : nullptr);
  pos = text.next_line(header_end);
  const std::size_t step = text.unit_size();
  std::size_t last_report = pos;
  std::string line;  // the decoded line, its buffer reused
  while (pos < text.size() && found.error_count() < max_errors) {
    if (pos - last_report >= (std::size_t{4} << 20)) {
      consumed(pos);
      last_report = pos;
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
