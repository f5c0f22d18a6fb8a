// A corpus of damaged type libraries, generated from the widl-built one: the file cut at every
// length, and every header, segment directory, type info and reference table field set to
// out-of-range values. Each must give a clear error or a consistent result — and never a read
// outside the buffer (the CI runs these under AddressSanitizer and UBSan).
#include <catch2/catch.hpp>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "comreg/readers/typelib_description.hpp"
#include "comreg/readers/typelib_reader.hpp"
#include "core/utf.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kHeaderSize = 0x54;
constexpr std::size_t kSegmentCount = 15;
constexpr std::size_t kTypeInfoSize = 0x64;

Bytes test_library() {
  const std::string s = testing::read_file(COMREG_TLTEST_TLB);
  return Bytes(s.begin(), s.end());
}

std::uint32_t get32(const Bytes& b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

void put32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}

// Where the parts of the (undamaged) file are, read independently of the reader under test.
struct Layout {
  std::size_t segdir = 0;
  std::size_t type_count = 0;
  struct Seg {
    std::size_t offset, length;
    bool present;
  };
  std::vector<Seg> segments;
  std::size_t end_of_segments = 0;
};

Layout layout(const Bytes& b) {
  Layout l;
  l.type_count = get32(b, 0x20);
  l.segdir = kHeaderSize + ((get32(b, 0x14) & 0x100) ? 4 : 0) + 4 * l.type_count;
  for (std::size_t s = 0; s < kSegmentCount; ++s) {
    const std::uint32_t offset = get32(b, l.segdir + 16 * s);
    const std::uint32_t length = get32(b, l.segdir + 16 * s + 4);
    const bool present = offset != 0xFFFFFFFFu;
    l.segments.push_back({offset, length, present});
    if (present) l.end_of_segments = std::max<std::size_t>(l.end_of_segments, offset + length);
  }
  return l;
}

const std::set<std::string> kCodes = {"typelib-not-typelib", "typelib-unsupported-format",
                                      "typelib-truncated", "typelib-out-of-range",
                                      "typelib-bad-value"};

// The outcome is either an error that says what is wrong, or a library that holds together.
void check_outcome(const TypeLibReadResult& r, std::size_t size) {
  REQUIRE(r.info.has_value() != r.error.has_value());
  if (r.error) {
    CHECK(kCodes.count(r.error->code) == 1);
    CHECK_FALSE(r.error->message.empty());
    // A truncated file's error may name where the missing field should have been.
    if (r.error->code != "typelib-truncated") CHECK(r.error->offset < size);
    return;
  }
  const TypeLibInfo& lib = *r.info;
  const auto valid = [](const std::string& s) {
    return text::find_invalid_utf8(s) == std::string::npos;
  };
  CHECK(valid(lib.name));
  CHECK(valid(lib.helpstring));
  for (const TypeInfo& t : lib.types) {
    CHECK(valid(t.name));
    CHECK(valid(t.helpstring));
    if (t.base && t.base->index) CHECK(*t.base->index < lib.types.size());
    CHECK(t.implements.size() <= 0x7FFF);
    for (const auto& impl : t.implements) {
      if (impl.type.index) CHECK(*impl.type.index < lib.types.size());
    }
  }
  // What import makes of it holds together too.
  Diagnostics diagnostics;
  const Description d = description_from_typelib(lib, TypeLibImportOptions{}, diagnostics);
  for (const auto& i : d.interfaces) {
    if (i.num_methods) CHECK(*i.num_methods >= 3);
  }
}

TypeLibReadResult read(const Bytes& b) {
  return read_typelib({b.data(), b.size()});
}

// Values that are out of range for any offset, length or count in a file of `size` bytes.
std::vector<std::uint32_t> hostile_values(std::size_t size) {
  const auto s = static_cast<std::uint32_t>(size);
  return {0xFFFFFFFFu, 0xFFFFFFFEu, 0x80000000u, 0x7FFFFFFFu, 0x7FFFFFFCu, s,
          s - 1,       s + 1,       s * 2,       1,           3,           0x64u * 0x10000u};
}

}  // namespace

TEST_CASE("damaged typelibs: cut at every length", "[typelib][damaged]") {
  const Bytes full = test_library();
  const Layout l = layout(full);
  REQUIRE(l.end_of_segments <= full.size());
  for (std::size_t size = 0; size < full.size(); ++size) {
    const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(size));
    const auto r = read(cut);
    INFO("cut at " << size);
    check_outcome(r, size);
    // Every segment is checked against the file, so any cut before the last one's end fails.
    if (size < l.end_of_segments) {
      REQUIRE(r.error);
      if (size >= 4 && size < l.segdir + 16 * kSegmentCount) {
        CHECK(r.error->code == "typelib-truncated");
      }
    }
  }
}

TEST_CASE("damaged typelibs: header fields out of range", "[typelib][damaged]") {
  const Bytes full = test_library();
  for (std::size_t at = 4; at < kHeaderSize; at += 4) {
    for (const std::uint32_t v : hostile_values(full.size())) {
      Bytes b = full;
      put32(b, at, v);
      INFO("header field at " << at << " = " << v);
      check_outcome(read(b), b.size());
    }
  }
  Bytes b = full;
  put32(b, 0x20, 0x7FFFFFFF);
  const auto huge = read(b);
  REQUIRE(huge.error);
  CHECK(huge.error->code == "typelib-bad-value");
  CHECK_THAT(huge.error->message, Catch::Contains("type info count") && Catch::Contains("at 0x20"));
  CHECK(huge.error->offset == 0x20);

  b = full;
  put32(b, 0x08, 0x7FFFFFF0);  // the LIBID's offset in the GUID table
  const auto libid = read(b);
  REQUIRE(libid.error);
  CHECK(libid.error->code == "typelib-out-of-range");
  CHECK_THAT(libid.error->message, Catch::Contains("libid") && Catch::Contains("GUID table"));
}

TEST_CASE("damaged typelibs: segment directory out of range", "[typelib][damaged]") {
  const Bytes full = test_library();
  const Layout l = layout(full);
  for (std::size_t s = 0; s < kSegmentCount; ++s) {
    for (std::size_t word = 0; word < 4; ++word) {
      for (const std::uint32_t v : hostile_values(full.size())) {
        Bytes b = full;
        put32(b, l.segdir + 16 * s + 4 * word, v);
        INFO("segment " << s << " word " << word << " = " << v);
        check_outcome(read(b), b.size());
      }
    }
  }
  Bytes b = full;
  put32(b, l.segdir + 16 * 5 + 4, static_cast<std::uint32_t>(full.size()));  // GUID table length
  const auto r = read(b);
  REQUIRE(r.error);
  CHECK(r.error->code == "typelib-out-of-range");
  CHECK_THAT(r.error->message, Catch::Contains("segment directory: GUID table length"));
  CHECK(r.error->offset == l.segdir + 16 * 5 + 4);
}

TEST_CASE("damaged typelibs: type info records out of range", "[typelib][damaged]") {
  const Bytes full = test_library();
  const Layout l = layout(full);
  const std::size_t table = l.segments[0].offset;
  for (std::size_t t = 0; t < l.type_count; ++t) {
    for (std::size_t field = 0; field < kTypeInfoSize; field += 4) {
      for (const std::uint32_t v : hostile_values(full.size())) {
        Bytes b = full;
        put32(b, table + t * kTypeInfoSize + field, v);
        INFO("type info " << t << " field " << field << " = " << v);
        check_outcome(read(b), b.size());
      }
    }
  }
  // A name offset past the name table names the type info and the field.
  Bytes b = full;
  put32(b, table + 0x34, 0x7FFFFFF0);
  const auto r = read(b);
  REQUIRE(r.error);
  CHECK(r.error->code == "typelib-out-of-range");
  CHECK_THAT(r.error->message, Catch::Contains("type info 0: name offset"));
  CHECK(r.error->offset == table + 0x34);
}

TEST_CASE("damaged typelibs: reference, import and name tables", "[typelib][damaged]") {
  const Bytes full = test_library();
  const Layout l = layout(full);
  // Every word of the import info, import file and reference tables.
  for (const std::size_t s : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
    const auto& seg = l.segments[s];
    REQUIRE(seg.present);
    for (std::size_t at = seg.offset; at + 4 <= seg.offset + seg.length; at += 4) {
      for (const std::uint32_t v : hostile_values(full.size())) {
        Bytes b = full;
        put32(b, at, v);
        INFO("segment " << s << " word at " << at << " = " << v);
        check_outcome(read(b), b.size());
      }
    }
  }
  // Name lengths (the byte after each 8-byte name intro) and string lengths set to their
  // maximum, so they run past the end of their table.
  const auto& names = l.segments[7];
  for (std::size_t at = names.offset; at + 12 <= names.offset + names.length;) {
    const std::size_t length = full[at + 8];
    Bytes b = full;
    b[at + 8] = 0xFF;
    check_outcome(read(b), b.size());
    at += (12 + length + 3) & ~std::size_t{3};
  }
  const auto& strings = l.segments[8];
  for (std::size_t at = strings.offset; at + 2 <= strings.offset + strings.length; at += 2) {
    Bytes b = full;
    b[at] = 0xFF;
    b[at + 1] = 0xFF;
    check_outcome(read(b), b.size());
  }
}
