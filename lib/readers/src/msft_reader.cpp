// The MSFT type library reader. The layout (header, segment directory, 0x64-byte type info
// records, import tables, GUID/name/string tables) is the one Wine's oleaut32 reads and widl
// writes; see docs/typelib.md. Every read goes through one bounds-checked accessor, and every
// offset found in the file is checked against the segment it points into, in 64-bit arithmetic
// so that no sum of file values can wrap.
#include "readers/msft_reader.hpp"

#include <array>
#include <cstdio>
#include <utility>

#include "core/utf.hpp"

namespace comreg::typelib {
namespace {

constexpr std::uint32_t kMsftMagic = 0x5446534D;  // "MSFT"
constexpr std::uint64_t kHeaderSize = 0x54;
constexpr std::uint32_t kHelpDllFlag = 0x100;  // varflags: a help string DLL offset follows
constexpr std::uint64_t kSegmentCount = 15;
constexpr std::uint64_t kSegmentEntrySize = 16;
constexpr std::uint64_t kTypeInfoSize = 0x64;
constexpr std::uint64_t kGuidSize = 16;
constexpr std::uint64_t kNameIntroSize = 12;
constexpr std::uint64_t kImpInfoSize = 12;
constexpr std::uint64_t kImpFileIntroSize = 14;  // libid, lcid, version, encoded length
constexpr std::uint64_t kRefRecordSize = 16;
constexpr std::uint32_t kImpInfoOffsetIsGuid = 0x10000;
constexpr std::int32_t kNone = -1;
constexpr std::int32_t kMaxTypeInfos = 0x10000;

enum Segment : std::uint8_t {
  typeinfo_table,
  import_info,
  import_files,
  ref_table,
  guid_hash,
  guid_table,
  name_hash,
  name_table,
  string_table,
  typedesc_table,
  arraydesc_table,
  custom_data,
  custom_data_guids,
  reserved_e,
  reserved_f,
};

constexpr const char* segment_names[kSegmentCount] = {"type info table",
                                                      "import info table",
                                                      "import file table",
                                                      "reference table",
                                                      "GUID hash table",
                                                      "GUID table",
                                                      "name hash table",
                                                      "name table",
                                                      "string table",
                                                      "type description table",
                                                      "array description table",
                                                      "custom data table",
                                                      "custom data GUID table",
                                                      "reserved segment 0xE",
                                                      "reserved segment 0xF"};

constexpr const char* kind_names[] = {"enum",     "record",  "module", "interface",
                                      "dispatch", "coclass", "alias",  "union"};

// Type info record fields (offsets within the 0x64-byte record).
constexpr std::uint64_t ti_typekind = 0x00, ti_element_count = 0x18, ti_posguid = 0x2C,
                        ti_flags = 0x30, ti_name = 0x34, ti_version = 0x38, ti_docstring = 0x3C,
                        ti_impl_types = 0x4C, ti_datatype1 = 0x54, ti_datatype2 = 0x58;

const char* const kIUnknown = "{00000000-0000-0000-C000-000000000046}";
const char* const kIDispatch = "{00020400-0000-0000-C000-000000000046}";

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llX", static_cast<unsigned long long>(v));
  return buf;
}

std::string signed_hex(std::int32_t v) {
  return v < 0 ? "-" + hex(static_cast<std::uint64_t>(-static_cast<std::int64_t>(v)))
               : hex(static_cast<std::uint64_t>(v));
}

std::string well_known_name(const std::string& guid) {
  if (guid == kIUnknown) return "IUnknown";
  if (guid == kIDispatch) return "IDispatch";
  return {};
}

struct SegmentView {
  bool present = false;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

class MsftReader {
 public:
  explicit MsftReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  TypeLibReadResult read() {
    TypeLibReadResult result;
    TypeLibInfo lib;
    if (header(lib) && segments() && types(lib)) {
      result.info = std::move(lib);
    } else {
      result.error = std::move(error_);
    }
    return result;
  }

 private:
  bool fail(const char* code, std::string message, std::uint64_t offset) {
    error_.code = code;
    error_.message = std::move(message);
    error_.offset = offset;
    return false;
  }

  // Little-endian reads of the file itself; a read past its end is a truncated file.
  bool u32(std::uint64_t at, const std::string& field, std::uint32_t& out) {
    if (at > bytes_.size() || bytes_.size() - at < 4) {
      return fail("typelib-truncated",
                  field + " at " + hex(at) + ": the file ends at " + hex(bytes_.size()), at);
    }
    const auto i = static_cast<std::size_t>(at);
    out = static_cast<std::uint32_t>(bytes_[i]) | static_cast<std::uint32_t>(bytes_[i + 1]) << 8 |
          static_cast<std::uint32_t>(bytes_[i + 2]) << 16 |
          static_cast<std::uint32_t>(bytes_[i + 3]) << 24;
    return true;
  }
  bool i32(std::uint64_t at, const std::string& field, std::int32_t& out) {
    std::uint32_t v = 0;
    if (!u32(at, field, v)) return false;
    out = static_cast<std::int32_t>(v);
    return true;
  }
  std::uint16_t u16_unchecked(std::uint64_t at) const {
    const auto i = static_cast<std::size_t>(at);
    return static_cast<std::uint16_t>(bytes_[i] | bytes_[i + 1] << 8);
  }

  // The absolute file offset of `size` bytes at `offset` inside segment `s`; `field` (found at
  // file offset `field_at`) is what held the offset, named in the error.
  bool locate(Segment s, std::int32_t offset, std::uint64_t size, const std::string& field,
              std::uint64_t field_at, std::uint64_t& absolute) {
    const SegmentView& seg = segments_[s];
    if (!seg.present) {
      return fail("typelib-out-of-range",
                  field + " " + signed_hex(offset) + " at " + hex(field_at) + " points into the " +
                      segment_names[s] + ", which the file does not have",
                  field_at);
    }
    if (offset < 0 || static_cast<std::uint64_t>(offset) > seg.length ||
        seg.length - static_cast<std::uint64_t>(offset) < size) {
      return fail("typelib-out-of-range",
                  field + " " + signed_hex(offset) + " at " + hex(field_at) + " is outside the " +
                      segment_names[s] + " (" + hex(seg.length) + " bytes)",
                  field_at);
    }
    absolute = seg.offset + static_cast<std::uint64_t>(offset);
    return true;
  }

  // Names and strings are 8-bit (the library's code page); bytes above 0x7F are taken as
  // Latin-1 so the model stays valid UTF-8.
  std::string latin1(std::uint64_t at, std::uint64_t length) const {
    std::string out;
    out.reserve(static_cast<std::size_t>(length));
    for (std::uint64_t i = 0; i < length; ++i) {
      const std::uint8_t c = bytes_[static_cast<std::size_t>(at + i)];
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
      } else {
        text::append_utf8(out, c);
      }
    }
    return out;
  }

  bool name(std::int32_t offset, const std::string& field, std::uint64_t field_at,
            std::string& out) {
    if (offset == kNone) return true;
    std::uint64_t at = 0;
    if (!locate(name_table, offset, kNameIntroSize, field, field_at, at)) return false;
    const std::uint64_t length = bytes_[static_cast<std::size_t>(at + 8)];
    if (!locate(name_table, offset, kNameIntroSize + length, field, field_at, at)) return false;
    out = latin1(at + kNameIntroSize, length);
    return true;
  }

  bool string(std::int32_t offset, const std::string& field, std::uint64_t field_at,
              std::string& out) {
    if (offset == kNone) return true;
    std::uint64_t at = 0;
    if (!locate(string_table, offset, 2, field, field_at, at)) return false;
    const std::uint64_t length = u16_unchecked(at);
    if (!locate(string_table, offset, 2 + length, field, field_at, at)) return false;
    out = latin1(at + 2, length);
    return true;
  }

  bool guid(std::int32_t offset, const std::string& field, std::uint64_t field_at,
            std::string& out) {
    if (offset == kNone) return true;
    std::uint64_t at = 0;
    if (!locate(guid_table, offset, kGuidSize, field, field_at, at)) return false;
    const auto b = [&](int i) {
      return bytes_[static_cast<std::size_t>(at) + static_cast<std::size_t>(i)];
    };
    // Data1..Data3 are little-endian; Data4 is a byte array.
    constexpr int order[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    static constexpr char digits[] = "0123456789ABCDEF";
    out = "{";
    for (int i = 0; i < 16; ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
      out.push_back(digits[b(order[i]) >> 4]);
      out.push_back(digits[b(order[i]) & 0xF]);
    }
    out.push_back('}');
    return true;
  }

  bool header(TypeLibInfo& lib) {
    std::uint32_t magic = 0;
    if (!u32(0, "file header: magic", magic)) return false;
    if (magic != kMsftMagic) {
      return fail("typelib-not-typelib", "not a type library: no MSFT signature at 0x0", 0);
    }
    std::int32_t posguid = 0, name_offset = 0, helpstring = 0, helpfile = 0;
    std::uint32_t lcid = 0, varflags = 0, version = 0, flags = 0, import_count = 0;
    if (!i32(0x08, "file header: libid offset", posguid) || !u32(0x0C, "file header: lcid", lcid) ||
        !u32(0x14, "file header: varflags", varflags) ||
        !u32(0x18, "file header: version", version) || !u32(0x1C, "file header: flags", flags) ||
        !i32(0x20, "file header: type info count", type_count_) ||
        !i32(0x24, "file header: help string offset", helpstring) ||
        !i32(0x38, "file header: name offset", name_offset) ||
        !i32(0x3C, "file header: help file offset", helpfile) ||
        !i32(0x4C, "file header: IDispatch reference", dispatch_ref_) ||
        !u32(0x50, "file header: import info count", import_count)) {
      return false;
    }
    const std::uint32_t syskind = varflags & 0xF;
    if (syskind > 3) {
      return fail("typelib-bad-value",
                  "file header: varflags " + hex(varflags) + " at 0x14 names an unknown SYSKIND " +
                      std::to_string(syskind),
                  0x14);
    }
    // A type info's index is 16 bits wide (the high word of its type kind field), so a larger
    // count is a damaged header; the segment directory check then bounds it by the file.
    if (type_count_ < 0 || type_count_ > kMaxTypeInfos) {
      return fail("typelib-bad-value",
                  "file header: type info count " + std::to_string(type_count_) +
                      " at 0x20 is not between 0 and " + std::to_string(kMaxTypeInfos),
                  0x20);
    }
    segdir_at_ = kHeaderSize + ((varflags & kHelpDllFlag) ? 4 : 0) +
                 4 * static_cast<std::uint64_t>(type_count_);
    lib.syskind = static_cast<SysKind>(syskind);
    lib.lcid = lcid;
    lib.flags = flags;
    lib.major = static_cast<std::uint16_t>(version & 0xFFFF);
    lib.minor = static_cast<std::uint16_t>(version >> 16);
    posguid_ = posguid, name_offset_ = name_offset, helpstring_ = helpstring, helpfile_ = helpfile;
    return true;
  }

  bool segments() {
    if (segdir_at_ + kSegmentCount * kSegmentEntrySize > bytes_.size()) {
      return fail("typelib-truncated",
                  "file header: type info count " + std::to_string(type_count_) +
                      " at 0x20 puts the segment directory at " + hex(segdir_at_) +
                      ", and the file ends at " + hex(bytes_.size()) + " before the directory does",
                  0x20);
    }
    for (std::uint64_t s = 0; s < kSegmentCount; ++s) {
      const std::uint64_t at = segdir_at_ + s * kSegmentEntrySize;
      const std::string field = std::string("segment directory: ") + segment_names[s];
      std::int32_t offset = 0, length = 0;
      if (!i32(at, field + " offset", offset) || !i32(at + 4, field + " length", length)) {
        return false;
      }
      // The two reserved words of each entry mean nothing, but the entry must be whole.
      std::uint32_t reserved = 0;
      if (!u32(at + 12, field + " reserved word", reserved)) return false;
      SegmentView& seg = segments_[s];
      if (offset == kNone) continue;  // absent (its length is meaningless then)
      if (offset < 0 || static_cast<std::uint64_t>(offset) > bytes_.size()) {
        return fail("typelib-out-of-range",
                    field + " offset " + signed_hex(offset) + " at " + hex(at) +
                        " is outside the file (" + hex(bytes_.size()) + " bytes)",
                    at);
      }
      if (length < 0 ||
          bytes_.size() - static_cast<std::uint64_t>(offset) < static_cast<std::uint64_t>(length)) {
        return fail("typelib-out-of-range",
                    field + " length " + signed_hex(length) + " at " + hex(at + 4) +
                        " runs past the end of the file (" + hex(bytes_.size()) + " bytes)",
                    at + 4);
      }
      seg.present = true;
      seg.offset = static_cast<std::uint64_t>(offset);
      seg.length = static_cast<std::uint64_t>(length);
    }
    const std::uint64_t needed = static_cast<std::uint64_t>(type_count_) * kTypeInfoSize;
    if (needed > 0 &&
        (!segments_[typeinfo_table].present || segments_[typeinfo_table].length < needed)) {
      return fail("typelib-out-of-range",
                  "file header: type info count " + std::to_string(type_count_) +
                      " at 0x20 needs " + hex(needed) + " bytes of type info table, which has " +
                      hex(segments_[typeinfo_table].length),
                  0x20);
    }
    return true;
  }

  bool types(TypeLibInfo& lib) {
    if (!guid(posguid_, "file header: libid offset", 0x08, lib.libid) ||
        !name(name_offset_, "file header: name offset", 0x38, lib.name) ||
        !string(helpstring_, "file header: help string offset", 0x24, lib.helpstring) ||
        !string(helpfile_, "file header: help file offset", 0x3C, lib.helpfile)) {
      return false;
    }
    lib.types.resize(static_cast<std::size_t>(type_count_));
    for (std::size_t i = 0; i < lib.types.size(); ++i) {
      if (!type_info(i, lib.types[i])) return false;
    }
    // References to types of this library get the names and GUIDs read above.
    const auto fill = [&](TypeReference& r) {
      if (!r.index) return;
      r.guid = lib.types[*r.index].guid;
      r.name = lib.types[*r.index].name;
    };
    for (auto& t : lib.types) {
      if (t.base) fill(*t.base);
      for (auto& impl : t.implements) fill(impl.type);
    }
    return true;
  }

  bool type_info(std::size_t index, TypeInfo& t) {
    const std::uint64_t at = segments_[typeinfo_table].offset + index * kTypeInfoSize;
    const std::string where = "type info " + std::to_string(index);
    std::uint32_t typekind = 0, elements = 0, flags = 0, version = 0, impl_word = 0;
    std::int32_t posguid = 0, name_offset = 0, docstring = 0, datatype1 = 0;
    std::uint32_t datatype2 = 0;
    if (!u32(at + ti_typekind, where + ": type kind", typekind) ||
        !u32(at + ti_element_count, where + ": element count", elements) ||
        !i32(at + ti_posguid, where + ": GUID offset", posguid) ||
        !u32(at + ti_flags, where + ": flags", flags) ||
        !i32(at + ti_name, where + ": name offset", name_offset) ||
        !u32(at + ti_version, where + ": version", version) ||
        !i32(at + ti_docstring, where + ": help string offset", docstring) ||
        !u32(at + ti_impl_types, where + ": implemented type count", impl_word) ||
        !i32(at + ti_datatype1, where + ": first reference", datatype1) ||
        !u32(at + ti_datatype2, where + ": second reference", datatype2)) {
      return false;
    }
    const std::uint32_t kind = typekind & 0xF;
    if (kind >= std::size(kind_names)) {
      return fail(
          "typelib-bad-value",
          where + ": type kind " + std::to_string(kind) + " at " + hex(at) + " is not a TYPEKIND",
          at);
    }
    t.kind = static_cast<TypeKind>(kind);
    t.flags = flags & 0xFFFF;
    t.major = static_cast<std::uint16_t>(version & 0xFFFF);
    t.minor = static_cast<std::uint16_t>(version >> 16);
    t.function_count = static_cast<std::uint16_t>(elements & 0xFFFF);
    t.variable_count = static_cast<std::uint16_t>(elements >> 16);
    if (!name(name_offset, where + ": name offset", at + ti_name, t.name) ||
        !guid(posguid, where + " (" + t.name + "): GUID offset", at + ti_posguid, t.guid) ||
        !string(docstring, where + " (" + t.name + "): help string offset", at + ti_docstring,
                t.helpstring)) {
      return false;
    }
    const std::string named = where + " (" + t.name + ")";
    const bool dual = (t.flags & type_dual) != 0;
    if (t.kind == TypeKind::interface || (t.kind == TypeKind::dispatch && dual)) {
      t.inherited_function_count = static_cast<std::uint16_t>(datatype2 >> 16);
      if (datatype1 != kNone) {
        t.base.emplace();
        if (!reference(datatype1, named + ": base interface", at + ti_datatype1, *t.base)) {
          return false;
        }
      }
    } else if (t.kind == TypeKind::dispatch) {
      // A pure dispinterface derives from IDispatch, which the header points at.
      t.base.emplace();
      if (dispatch_ref_ != kNone) {
        if (!reference(dispatch_ref_, "file header: IDispatch reference", 0x4C, *t.base)) {
          return false;
        }
      } else {
        t.base->guid = kIDispatch;
        t.base->name = "IDispatch";
      }
    } else if (t.kind == TypeKind::coclass) {
      const auto count = static_cast<std::int16_t>(impl_word & 0xFFFF);
      if (count < 0) {
        return fail("typelib-bad-value",
                    named + ": implemented type count " + std::to_string(count) + " at " +
                        hex(at + ti_impl_types) + " is negative",
                    at + ti_impl_types);
      }
      if (!implemented(count, datatype1, named, at + ti_datatype1, t.implements)) return false;
    }
    return true;
  }

  // A coclass's interfaces: `count` reference records chained from `first`. The chain is
  // followed at most `count` times, so a loop in the file cannot make it run forever.
  bool implemented(std::int16_t count, std::int32_t first, const std::string& where,
                   std::uint64_t first_at, std::vector<ImplementedInterface>& out) {
    std::int32_t offset = first;
    std::uint64_t offset_at = first_at;
    std::string field = where + ": first interface reference";
    for (std::int16_t i = 0; i < count; ++i) {
      std::uint64_t rec = 0;
      if (!locate(ref_table, offset, kRefRecordSize, field, offset_at, rec)) return false;
      std::int32_t href = 0, next = 0;
      std::uint32_t flags = 0;
      const std::string item = where + ": interface " + std::to_string(i);
      if (!i32(rec, item + " reference", href) || !u32(rec + 4, item + " flags", flags) ||
          !i32(rec + 12, item + " next record", next)) {
        return false;
      }
      ImplementedInterface impl;
      impl.flags = flags;
      if (!reference(href, item + " reference", rec, impl.type)) return false;
      out.push_back(std::move(impl));
      offset = next;
      offset_at = rec + 12;
      field = item + " next record";
    }
    return true;
  }

  // An HREFTYPE: a multiple of 0x64 is a type info of this library; with bit 0 set it is an
  // offset into the import info table.
  bool reference(std::int32_t href, const std::string& field, std::uint64_t field_at,
                 TypeReference& out) {
    const auto bad = [&](const std::string& why) {
      return fail("typelib-out-of-range",
                  field + " " + signed_hex(href) + " at " + hex(field_at) + " " + why, field_at);
    };
    if ((href & 3) == 0) {
      if (href < 0 || href % static_cast<std::int32_t>(kTypeInfoSize) != 0 ||
          href / static_cast<std::int32_t>(kTypeInfoSize) >= type_count_) {
        return bad("does not name one of the " + std::to_string(type_count_) + " type infos");
      }
      out.index = static_cast<std::size_t>(href / static_cast<std::int32_t>(kTypeInfoSize));
      return true;
    }
    if ((href & 1) == 0) return bad("is neither a type info nor an import reference");
    std::uint64_t rec = 0;
    if (!locate(import_info, href & ~3, kImpInfoSize, field, field_at, rec)) return false;
    std::uint32_t flags = 0;
    std::int32_t file = 0, guid_offset = 0;
    const std::string item = "import info at " + hex(rec);
    if (!u32(rec, item + ": flags", flags) || !i32(rec + 4, item + ": import file", file) ||
        !i32(rec + 8, item + ": GUID", guid_offset)) {
      return false;
    }
    // Without the flag the import names a type by its index in the other library, which only
    // loading that library could turn into a GUID.
    if ((flags & kImpInfoOffsetIsGuid) != 0 &&
        !guid(guid_offset, item + ": GUID offset", rec + 8, out.guid)) {
      return false;
    }
    out.name = well_known_name(out.guid);
    std::uint64_t imp = 0;
    if (!locate(import_files, file, kImpFileIntroSize, item + ": import file offset", rec + 4,
                imp)) {
      return false;
    }
    const std::uint64_t length = u16_unchecked(imp + 12) >> 2;
    if (!locate(import_files, file, kImpFileIntroSize + length, item + ": import file offset",
                rec + 4, imp)) {
      return false;
    }
    out.imported_from = latin1(imp + kImpFileIntroSize, length);
    return true;
  }

  std::span<const std::uint8_t> bytes_;
  TypeLibError error_;
  std::array<SegmentView, kSegmentCount> segments_{};
  std::int32_t type_count_ = 0;
  std::int32_t dispatch_ref_ = kNone;
  std::int32_t posguid_ = kNone, name_offset_ = kNone, helpstring_ = kNone, helpfile_ = kNone;
  std::uint64_t segdir_at_ = 0;
};

}  // namespace

TypeLibReadResult read_msft(std::span<const std::uint8_t> bytes) {
  return MsftReader(bytes).read();
}

}  // namespace comreg::typelib

namespace comreg {

const char* to_string(TypeKind k) {
  const auto i = static_cast<std::size_t>(k);
  return i < std::size(typelib::kind_names) ? typelib::kind_names[i] : "";
}

}  // namespace comreg
