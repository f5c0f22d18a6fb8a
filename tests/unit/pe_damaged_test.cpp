// A corpus of damaged PE files generated from real DLLs: truncated at every header boundary,
// and every header field (DOS, NT, file and optional headers, data directories, section headers,
// export directory and tables, resource tables, entries and data entries) set to out-of-range
// values, including resource offsets that loop back to the root. Each must give a clear error
// or a consistent image, never a crash or an out-of-bounds read (run under ASan/UBSan in CI).
#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "comreg/readers/pe_reader.hpp"
#include "support/pe_files.hpp"

using namespace comreg;
using namespace comreg::testing;

#ifdef COMREG_PE_BINARIES

namespace {

struct Field {
  std::string name;
  std::size_t offset;
  int width;  // 2 or 4 bytes
};

std::uint32_t get(const std::string& b, std::size_t at, int width) {
  std::uint32_t v = 0;
  for (int i = width - 1; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(b.at(at + static_cast<std::size_t>(i)));
  }
  return v;
}

void put(std::string& b, std::size_t at, int width, std::uint32_t v) {
  for (int i = 0; i < width; ++i) {
    b[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
  }
}

// The test's own walk of a known-good file: where every header field is.
class Layout {
 public:
  explicit Layout(const std::string& b) : b_(b) {
    add("e_magic", 0, 2);
    const std::size_t nt = get(b, 0x3C, 4);
    add("e_lfanew", 0x3C, 4);
    add("Signature", nt, 4);
    const std::size_t fh = nt + 4;
    const char* file_fields[] = {
        "Machine",         "NumberOfSections",     "TimeDateStamp",  "PointerToSymbolTable",
        "NumberOfSymbols", "SizeOfOptionalHeader", "Characteristics"};
    const int file_widths[] = {2, 2, 4, 4, 4, 2, 2};
    for (std::size_t i = 0, at = fh; i < 7; at += static_cast<std::size_t>(file_widths[i]), ++i) {
      add(file_fields[i], at, file_widths[i]);
    }
    const std::size_t oh = fh + 20;
    const bool plus = get(b, oh, 2) == 0x20b;
    add("Magic", oh, 2);
    add("AddressOfEntryPoint", oh + 16, 4);
    add("ImageBase", oh + (plus ? 24 : 28), 4);
    add("SizeOfImage", oh + 56, 4);
    add("SizeOfHeaders", oh + 60, 4);
    add("Subsystem", oh + 68, 2);
    const std::size_t count_at = oh + (plus ? 108 : 92);
    add("NumberOfRvaAndSizes", count_at, 4);
    const std::uint32_t dirs = get(b, count_at, 4);
    for (std::uint32_t i = 0; i < dirs; ++i) {
      add("DataDirectory[" + std::to_string(i) + "].VirtualAddress", count_at + 4 + 8 * i, 4);
      add("DataDirectory[" + std::to_string(i) + "].Size", count_at + 8 + 8 * i, 4);
    }
    const std::size_t sections = oh + get(b, fh + 16, 2);
    const std::uint32_t section_count = get(b, fh + 2, 2);
    const char* section_fields[] = {
        "Name[0..3]",           "Name[4..7]",           "VirtualSize",
        "VirtualAddress",       "SizeOfRawData",        "PointerToRawData",
        "PointerToRelocations", "PointerToLinenumbers", "NumberOfRelocations",
        "NumberOfLinenumbers",  "Characteristics"};
    const int section_widths[] = {4, 4, 4, 4, 4, 4, 4, 4, 2, 2, 4};
    for (std::uint32_t s = 0; s < section_count; ++s) {
      std::size_t at = sections + 40 * s;
      for (std::size_t i = 0; i < 11; at += static_cast<std::size_t>(section_widths[i]), ++i) {
        add("section[" + std::to_string(s) + "]." + section_fields[i], at, section_widths[i]);
      }
      sections_.push_back({get(b, sections + 40 * s + 12, 4), get(b, sections + 40 * s + 8, 4),
                           get(b, sections + 40 * s + 20, 4)});
    }
    boundaries_ = {0, 2, 0x3C, 0x40, nt, fh, oh, count_at, sections, sections + 40 * section_count};
    exports(get(b, count_at + 4, 4));
    if (dirs > 2) resources(get(b, count_at + 4 + 16, 4));
  }

  const std::vector<Field>& fields() const { return fields_; }
  const std::set<std::size_t>& boundaries() const { return boundaries_; }

 private:
  struct Section {
    std::uint32_t va, size, raw;
  };
  void add(std::string name, std::size_t at, int width) {
    fields_.push_back({std::move(name), at, width});
    boundaries_.insert(at);
    boundaries_.insert(at + static_cast<std::size_t>(width));
  }
  std::size_t offset(std::uint32_t rva) const {
    for (const auto& s : sections_) {
      if (rva >= s.va && rva < s.va + s.size) return s.raw + (rva - s.va);
    }
    FAIL("test layout: RVA outside the sections of a known-good file");
    return 0;
  }
  void exports(std::uint32_t rva) {
    if (rva == 0) return;
    const std::size_t at = offset(rva);
    const char* names[] = {"Characteristics",
                           "TimeDateStamp",
                           "MajorVersion",
                           "MinorVersion",
                           "Name",
                           "Base",
                           "NumberOfFunctions",
                           "NumberOfNames",
                           "AddressOfFunctions",
                           "AddressOfNames",
                           "AddressOfNameOrdinals"};
    const int widths[] = {4, 4, 2, 2, 4, 4, 4, 4, 4, 4, 4};
    std::size_t f = at;
    for (std::size_t i = 0; i < 11; f += static_cast<std::size_t>(widths[i]), ++i) {
      add(std::string("export.") + names[i], f, widths[i]);
    }
    const std::uint32_t functions = get(b_, at + 20, 4), named = get(b_, at + 24, 4);
    for (std::uint32_t i = 0; i < functions; ++i) {
      add("export.function[" + std::to_string(i) + "]", offset(get(b_, at + 28, 4)) + 4 * i, 4);
    }
    for (std::uint32_t i = 0; i < named; ++i) {
      add("export.name[" + std::to_string(i) + "]", offset(get(b_, at + 32, 4)) + 4 * i, 4);
      add("export.ordinal[" + std::to_string(i) + "]", offset(get(b_, at + 36, 4)) + 2 * i, 2);
    }
  }
  void resources(std::uint32_t rva) {
    if (rva == 0) return;
    resource_table(offset(rva), offset(rva), 0);
  }
  void resource_table(std::size_t root, std::size_t at, int level) {
    const std::string where = "resource.level" + std::to_string(level) + "@" + std::to_string(at);
    add(where + ".NumberOfNamedEntries", at + 12, 2);
    add(where + ".NumberOfIdEntries", at + 14, 2);
    const std::uint32_t count = get(b_, at + 12, 2) + get(b_, at + 14, 2);
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::size_t entry = at + 16 + 8 * i;
      add(where + ".entry" + std::to_string(i) + ".Name", entry, 4);
      add(where + ".entry" + std::to_string(i) + ".OffsetToData", entry + 4, 4);
      const std::uint32_t name = get(b_, entry, 4);
      if (name & 0x80000000U) add(where + ".name-length", root + (name & 0x7FFFFFFF), 2);
      const std::uint32_t target = get(b_, entry + 4, 4);
      if (target & 0x80000000U) {
        resource_table(root, root + (target & 0x7FFFFFFF), level + 1);
      } else {
        add(where + ".data.OffsetToData", root + target, 4);
        add(where + ".data.Size", root + target + 4, 4);
      }
    }
  }

  const std::string& b_;
  std::vector<Field> fields_;
  std::set<std::size_t> boundaries_;
  std::vector<Section> sections_;
};

// What the reader must do with any input: an error with a code, a message that names an
// offset, and an offset inside the file; or an image whose spans lie inside the input.
struct Outcome {
  std::map<std::string, int> codes;
  int images = 0;
  std::vector<std::string> failures;

  void check(const std::string& input, const std::string& what) {
    const auto r = read_pe(input);
    if (r.ok() == r.error.has_value()) {
      failures.push_back(what + ": both or neither of image and error");
      return;
    }
    if (r.error) {
      const std::string code = to_string(r.error->code);
      ++codes[code];
      if (code.rfind("pe-", 0) != 0 || r.error->message.empty() ||
          r.error->message.find("0x") == std::string::npos ||
          (r.error->offset > input.size() && !input.empty())) {
        failures.push_back(what + ": unclear error [" + code + "] " + r.error->message);
      }
      return;
    }
    ++images;
    const auto* begin = reinterpret_cast<const std::uint8_t*>(input.data());
    const auto* end = begin + input.size();
    for (const auto& res : r.image->resources) {
      if (!res.data.empty() &&
          (res.data.data() < begin || res.data.data() + res.data.size() > end)) {
        failures.push_back(what + ": resource data outside the input");
      }
    }
    for (const auto& e : r.image->exports) {
      if (e.name.size() > 4096 || e.forwarder.size() > 4096) {
        failures.push_back(what + ": export name beyond the limit");
      }
    }
  }
};

std::vector<std::uint32_t> hostile_values(std::uint32_t original, int width, std::size_t size) {
  const std::uint32_t all = width == 2 ? 0xFFFFU : 0xFFFFFFFFU;
  std::vector<std::uint32_t> v = {0,
                                  1,
                                  2,
                                  0x7F,
                                  0x80,
                                  0xFF,
                                  0x100,
                                  0x7FFF,
                                  0x8000,
                                  all,
                                  all - 1,
                                  original + 1,
                                  original - 1,
                                  original * 2,
                                  original ^ 0x80000000U,
                                  0x7FFFFFFF,
                                  0x80000000U,
                                  0x80000010U,
                                  static_cast<std::uint32_t>(size),
                                  static_cast<std::uint32_t>(size - 1),
                                  static_cast<std::uint32_t>(size + 1),
                                  0x10000,
                                  0xFFFF0000U};
  for (auto& x : v) x &= all;
  return v;
}

Outcome run_corpus(const std::string& good) {
  const Layout layout(good);
  Outcome out;
  out.check(good, "unchanged");
  REQUIRE(out.images == 1);
  for (const auto& f : layout.fields()) {
    const std::uint32_t original = get(good, f.offset, f.width);
    for (const std::uint32_t value : hostile_values(original, f.width, good.size())) {
      if (value == original) continue;
      std::string bad = good;
      put(bad, f.offset, f.width, value);
      out.check(bad, f.name + " = " + std::to_string(value));
    }
  }
  // Truncation: at every byte of the headers, at every field boundary, and every 61 bytes.
  std::set<std::size_t> cuts = layout.boundaries();
  for (std::size_t n = 0; n <= 0x400 && n < good.size(); ++n) cuts.insert(n);
  for (std::size_t n = 0; n < good.size(); n += 61) cuts.insert(n);
  for (const std::size_t n : cuts) {
    if (n < good.size()) out.check(good.substr(0, n), "truncated to " + std::to_string(n));
  }
  INFO("fields: " << layout.fields().size() << ", truncations: " << cuts.size());
  CHECK(layout.fields().size() > 100);
  return out;
}

void require_clear(const Outcome& out) {
  std::string all;
  for (const auto& f : out.failures) all += f + "\n";
  INFO(all);
  CHECK(out.failures.empty());
  // The corpus reaches every kind of check: each damage class is detected by its own rule.
  for (const char* code : {"pe-truncated", "pe-bad-dos-header", "pe-bad-signature",
                           "pe-bad-file-header", "pe-bad-optional-header", "pe-bad-section",
                           "pe-bad-rva", "pe-bad-exports", "pe-bad-resources"}) {
    INFO(code);
    CHECK(out.codes.count(code) == 1);
  }
  // Fields the loader ignores (time stamps, names) leave a readable image.
  CHECK(out.images > 10);
}

}  // namespace

TEST_CASE("PE damaged corpus: x64 DLL", "[pe][damaged]") {
  require_clear(run_corpus(read_pe_binary("comreg_pe_x64.dll")));
}

TEST_CASE("PE damaged corpus: x86 DLL", "[pe][damaged]") {
  require_clear(run_corpus(read_pe_binary("comreg_pe_x86.dll")));
}

TEST_CASE("PE damaged corpus: resource offsets that loop back are refused", "[pe][damaged]") {
  std::string bad = read_pe_binary("comreg_pe_x64.dll");
  const auto image = read_pe(bad);
  REQUIRE(image.ok());
  const Layout layout(bad);
  bool looped = false;
  for (const auto& f : layout.fields()) {
    if (f.name.find("level1") == std::string::npos ||
        f.name.find(".OffsetToData") == std::string::npos ||
        f.name.find(".data.") != std::string::npos) {
      continue;
    }
    std::string loop = bad;
    put(loop, f.offset, 4, 0x80000000U);  // the type table again: a cycle
    const auto r = read_pe(loop);
    REQUIRE(r.error.has_value());
    CHECK(r.error->code == PeErrc::bad_resources);
    looped = true;
  }
  CHECK(looped);
}

#else

TEST_CASE("PE damaged corpus", "[pe][damaged]") {
  WARN("SKIPPED: no mingw-w64 at configure time; the damaged-file corpus did not run");
}

#endif
