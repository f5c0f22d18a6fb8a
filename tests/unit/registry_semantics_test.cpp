// The comparison rules of verify and import, one table: each row is a value the plan writes,
// one the registry holds, and how Windows reads the second against the first. Every rule has a
// row on each side of it (the same spelling elsewhere, or a real difference), so a rule that
// matched too much or too little fails here.
#include <catch2/catch.hpp>
#include <string>

#include "verify/registry_semantics.hpp"

using namespace comreg;

namespace {

const std::string guid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}";
const std::string guid_lower = "{0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01}";
const std::string other_lower = "{0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c02}";
const std::string clsid_key = "CLSID\\" + guid;

const char* name_of(Reading r) {
  switch (r) {
    case Reading::same:
      return "same";
    case Reading::same_for_windows:
      return "same_for_windows";
    case Reading::ambiguous:
      return "ambiguous";
    case Reading::differs:
      return "differs";
  }
  return "?";
}

// A REG_SZ as a registry store holds it: these characters, then `nuls` NUL characters.
RegValue sz_with_nuls(const std::string& ascii, std::size_t nuls) {
  std::vector<std::uint8_t> raw;
  for (const char c : ascii) {
    raw.push_back(static_cast<std::uint8_t>(c));
    raw.push_back(0);
  }
  raw.insert(raw.end(), 2 * nuls, 0);
  return RegValue::from_raw(RegType::sz, raw);
}

struct Row {
  std::string key, name;
  RegValue expected, found;
  Reading reading;
};

}  // namespace

TEST_CASE("Registry semantics: each rule, on both sides of it", "[semantics]") {
  const RegValue g = RegValue::sz(guid);
  const std::vector<Row> rows = {
      // GUID-valued data: any case, braces required (CLSIDFromString).
      {"Contoso.Widget\\CLSID", "", g, RegValue::sz(guid_lower), Reading::same_for_windows},
      {"Contoso.Widget\\CLSID", "", g, RegValue::sz(other_lower), Reading::differs},
      {"Contoso.Widget\\CLSID", "", g, RegValue::sz(guid_lower.substr(1, 36)), Reading::differs},
      {clsid_key, "AppID", g, RegValue::sz(guid_lower), Reading::same_for_windows},
      {clsid_key + "\\TypeLib", "", g, RegValue::sz(guid_lower), Reading::same_for_windows},
      {clsid_key + "\\TreatAs", "", g, RegValue::sz(guid_lower), Reading::same_for_windows},
      {clsid_key + "\\AutoConvertTo", "", g, RegValue::sz(guid_lower), Reading::same_for_windows},
      {"Interface\\" + guid + "\\ProxyStubClsid32", "", g, RegValue::sz(guid_lower),
       Reading::same_for_windows},
      {"Interface\\" + guid + "\\BaseInterface", "", g, RegValue::sz(guid_lower),
       Reading::same_for_windows},
      {"Interface\\" + guid + "\\TypeLib", "", g, RegValue::sz(guid_lower),
       Reading::same_for_windows},
      {"AppID\\widgetsvc.exe", "AppID", g, RegValue::sz(guid_lower), Reading::same_for_windows},
      // Not GUID-valued: a ProgID's name, a class's display name, a value of another name.
      {clsid_key + "\\ProgID", "", RegValue::sz("Contoso.Widget.1"),
       RegValue::sz("contoso.widget.1"), Reading::differs},
      {clsid_key, "", g, RegValue::sz(guid_lower), Reading::differs},
      {clsid_key, "AppIDx", g, RegValue::sz(guid_lower), Reading::differs},
      {"CLSID\\" + guid + "\\Sub\\TreatAs", "", g, RegValue::sz(guid_lower), Reading::differs},
      // ThreadingModel: any case in the registry; only the value of that name.
      {clsid_key + "\\InprocServer32", "ThreadingModel", RegValue::sz("Apartment"),
       RegValue::sz("apartment"), Reading::same_for_windows},
      {clsid_key + "\\InprocHandler32", "ThreadingModel", RegValue::sz("Both"),
       RegValue::sz("BOTH"), Reading::same_for_windows},
      {clsid_key + "\\InprocServer32", "ThreadingModel", RegValue::sz("Apartment"),
       RegValue::sz("Free"), Reading::differs},
      {clsid_key + "\\InprocServer32", "", RegValue::sz("C:\\W.dll"), RegValue::sz("c:\\w.dll"),
       Reading::differs},
      // CurVer names a key: any case.
      {"Contoso.Widget\\CurVer", "", RegValue::sz("Contoso.Widget.1"),
       RegValue::sz("contoso.widget.1"), Reading::same_for_windows},
      {"Contoso.Widget\\CurVer", "", RegValue::sz("Contoso.Widget.1"),
       RegValue::sz("Contoso.Widget.2"), Reading::differs},
      // LocalServer32: the command CreateProcess runs.
      {clsid_key + "\\LocalServer32", "", RegValue::sz("C:\\acc\\srv.exe"),
       RegValue::sz("\"C:\\acc\\srv.exe\""), Reading::same_for_windows},
      {clsid_key + "\\LocalServer32", "", RegValue::sz("C:\\acc\\srv.exe /a"),
       RegValue::sz("\"C:\\acc\\srv.exe\" /a"), Reading::same_for_windows},
      {clsid_key + "\\LocalServer32", "", RegValue::sz("\"${dir}\\srv.exe\""),
       RegValue::sz("${dir}\\srv.exe"), Reading::same_for_windows},
      {clsid_key + "\\LocalServer32", "", RegValue::sz("C:\\acc\\srv.exe /a"),
       RegValue::sz("\"C:\\acc\\srv.exe\" /A"), Reading::differs},
      {clsid_key + "\\LocalServer32", "", RegValue::sz("C:\\acc\\srv.exe /a"),
       RegValue::sz("\"C:\\acc\\srv.exe\"  /a"), Reading::differs},
      {clsid_key + "\\LocalServer32", "", RegValue::sz("\"C:\\Program Files\\srv.exe\" /a"),
       RegValue::sz("C:\\Program Files\\srv.exe /a"), Reading::ambiguous},
      {clsid_key + "\\LocalServer32", "", RegValue::sz("\"C:\\Program Files\\srv.exe\""),
       RegValue::sz("C:\\Program Files\\other.exe"), Reading::differs},
      // A quote that never closes is part of CreateProcess's first word.
      {clsid_key + "\\LocalServer32", "", RegValue::sz("C:\\acc\\srv.exe"),
       RegValue::sz("\"C:\\acc\\srv.exe"), Reading::differs},
      // An in-process server path: COM loads what a REG_SZ's quotes enclose (Wine's
      // get_object_dll_path); a REG_EXPAND_SZ keeps them, and so does a partial quote.
      {clsid_key + "\\InprocServer32", "", RegValue::sz("C:\\acc\\srv.dll"),
       RegValue::sz("\"C:\\acc\\srv.dll\""), Reading::same_for_windows},
      {clsid_key + "\\InprocHandler32", "", RegValue::sz("C:\\Program Files\\h.dll"),
       RegValue::sz("\"C:\\Program Files\\h.dll\""), Reading::same_for_windows},
      {clsid_key + "\\InprocServer32", "", RegValue::expand_sz("%ProgramFiles%\\srv.dll"),
       RegValue::expand_sz("\"%ProgramFiles%\\srv.dll\""), Reading::differs},
      {clsid_key + "\\InprocServer32", "", RegValue::sz("C:\\acc\\srv.dll"),
       RegValue::sz("\"C:\\acc\\srv.dll"), Reading::differs},
      {clsid_key + "\\InprocServer32", "", RegValue::sz("C:\\acc\\srv.dll"),
       RegValue::sz("\"C:\\acc\\srv.dll\" /x"), Reading::same_for_windows},
      {clsid_key + "\\InprocServer32", "", RegValue::sz("C:\\acc\\srv.dll"),
       RegValue::sz("C:\\\"acc\"\\srv.dll"), Reading::differs},
      {clsid_key + "\\ProgID", "", RegValue::sz("C.W"), RegValue::sz("\"C.W\""), Reading::differs},
      // Strings up to their first NUL; the raw bytes may differ.
      {clsid_key + "\\InprocServer32", "", RegValue::sz("C:\\w.dll"), sz_with_nuls("C:\\w.dll", 3),
       Reading::same_for_windows},
      {clsid_key + "\\InprocServer32", "", RegValue::sz("C:\\w.dll"), sz_with_nuls("C:\\w.dll", 1),
       Reading::same},
      {clsid_key + "\\InprocServer32", "", RegValue::sz("C:\\w.dll"), sz_with_nuls("C:\\x.dll", 3),
       Reading::differs},
      {"Contoso.Widget\\CLSID", "", g, sz_with_nuls(guid_lower, 2), Reading::same_for_windows},
      // Types are never the same.
      {clsid_key + "\\InprocServer32", "", RegValue::sz("C:\\w.dll"),
       RegValue::expand_sz("C:\\w.dll"), Reading::differs},
      {"AppID\\" + guid, "AuthenticationLevel", RegValue::dword(2), RegValue::dword(2),
       Reading::same},
      {"AppID\\" + guid, "AuthenticationLevel", RegValue::dword(2), RegValue::dword(3),
       Reading::differs},
  };
  for (const auto& row : rows) {
    INFO(row.key << " \"" << row.name << "\": expected " << row.expected.display() << ", found "
                 << row.found.display());
    const Comparison c = compare_as_windows(row.key, row.name, row.expected, row.found);
    CHECK(std::string(name_of(c.reading)) == name_of(row.reading));
    // A warning always says why; a plain difference or sameness needs no reason.
    if (c.reading == Reading::same_for_windows || c.reading == Reading::ambiguous) {
      CHECK_FALSE(c.why.empty());
    }
  }
}

TEST_CASE("Registry semantics: the table of GUID-valued values names each one", "[semantics]") {
  CHECK(is_guid_valued("Contoso.Widget.1\\CLSID", ""));
  CHECK(is_guid_valued("CLSID\\" + guid + "\\AutoTreatAs", ""));
  CHECK(is_guid_valued("Interface\\" + guid + "\\ProxyStubClsid", ""));
  CHECK_FALSE(is_guid_valued("Contoso.Widget.1\\CLSID", "CLSID"));
  CHECK_FALSE(is_guid_valued("CLSID\\" + guid, ""));
  CHECK_FALSE(is_guid_valued("TypeLib\\" + guid + "\\1.0", ""));
  CHECK_FALSE(is_guid_valued("Contoso.Widget.1\\CurVer", ""));
  CHECK(is_threading_model("clsid\\" + guid + "\\inprocserver32", "threadingmodel"));
  CHECK_FALSE(is_threading_model("CLSID\\" + guid + "\\LocalServer32", "ThreadingModel"));
}

TEST_CASE("Registry semantics: NULs after a string are counted", "[semantics]") {
  const Comparison c = compare_as_windows(clsid_key + "\\InprocServer32", "", RegValue::sz("a"),
                                          sz_with_nuls("a", 2));
  CHECK(c.reading == Reading::same_for_windows);
  CHECK(c.why == "2 more bytes after the string's NUL: Windows reads a string up to its first NUL");
  CHECK(raw_hex(RegValue::sz("a")) == "61 00 00 00");
  // Something else after the NUL: Windows still reads "a".
  const Comparison other =
      compare_as_windows(clsid_key + "\\InprocServer32", "", RegValue::sz("a"),
                         RegValue::from_raw(RegType::sz, {0x61, 0, 0, 0, 0x62, 0}));
  CHECK(other.reading == Reading::same_for_windows);
  CHECK(other.why ==
        "2 more bytes after the string's NUL: Windows reads a string up to its first NUL");
  // No NUL at all: the bytes are not the string and its NUL, and Windows reads the string.
  const Comparison unterminated =
      compare_as_windows(clsid_key + "\\InprocServer32", "", RegValue::sz("a"),
                         RegValue::from_raw(RegType::sz, {0x61, 0}));
  CHECK(unterminated.reading == Reading::same_for_windows);
  CHECK(unterminated.why ==
        "other bytes than the string and its NUL: Windows reads a string up to its first NUL");
}
