// SDDL -> self-relative security descriptors, checked against bytes Windows produced.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "comreg/model/sddl.hpp"

namespace {

std::string hex(const std::vector<std::uint8_t>& bytes) {
  std::string out;
  char buf[4];
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s%02x", i ? "," : "", bytes[i]);
    out += buf;
  }
  return out;
}

std::string convert(const char* sddl) {
  const auto r = comreg::sddl_to_security_descriptor(sddl);
  INFO(r.error);
  REQUIRE(r.ok());
  return hex(r.descriptor);
}

}  // namespace

TEST_CASE("SDDL: Windows' default DCOM launch permission, byte for byte", "[sddl]") {
  // regedit export of HKLM\SOFTWARE\Microsoft\Ole DefaultLaunchPermission on Windows.
  CHECK(convert("O:BAG:BAD:(A;;0x1f;;;BA)(A;;0x1f;;;IU)(A;;0x1f;;;SY)") ==
        "01,00,04,80,5c,00,00,00,6c,00,00,00,00,00,00,00,14,00,00,00,02,00,48,00,03,00,00,00,"
        "00,00,18,00,1f,00,00,00,01,02,00,00,00,00,00,05,20,00,00,00,20,02,00,00,00,00,14,00,"
        "1f,00,00,00,01,01,00,00,00,00,00,05,04,00,00,00,00,00,14,00,1f,00,00,00,01,01,00,00,"
        "00,00,00,05,12,00,00,00,01,02,00,00,00,00,00,05,20,00,00,00,20,02,00,00,01,02,00,00,"
        "00,00,00,05,20,00,00,00,20,02,00,00");
}

TEST_CASE("SDDL: an AppID's permissions as regedit exported them", "[sddl]") {
  // Published .reg export of a real AppID (7-Zip's 7zFM.exe AppID, written by Windows):
  // AccessPermission grants SELF and SYSTEM 0x3; LaunchPermission denies Everyone 0x1f. The
  // layout (DACL first, then owner and group) is Windows'; Wine 8 puts owner and group first.
  CHECK(convert("O:BAG:BAD:(A;;0x3;;;PS)(A;;0x3;;;SY)") ==
        "01,00,04,80,44,00,00,00,54,00,00,00,00,00,00,00,14,00,00,00,02,00,30,00,02,00,00,00,"
        "00,00,14,00,03,00,00,00,01,01,00,00,00,00,00,05,0a,00,00,00,00,00,14,00,03,00,00,00,"
        "01,01,00,00,00,00,00,05,12,00,00,00,01,02,00,00,00,00,00,05,20,00,00,00,20,02,00,00,"
        "01,02,00,00,00,00,00,05,20,00,00,00,20,02,00,00");
  CHECK(convert("O:BAG:BAD:(D;;0x1f;;;WD)") ==
        "01,00,04,80,30,00,00,00,40,00,00,00,00,00,00,00,14,00,00,00,02,00,1c,00,01,00,00,00,"
        "01,00,14,00,1f,00,00,00,01,01,00,00,00,00,00,01,00,00,00,00,01,02,00,00,00,00,00,05,"
        "20,00,00,00,20,02,00,00,01,02,00,00,00,00,00,05,20,00,00,00,20,02,00,00");
}

TEST_CASE("SDDL: aliases Wine 8 lacks give their SIDs' bytes", "[sddl]") {
  // The SID strings themselves are checked against the Windows API under Wine (wine:sddl).
  const std::pair<const char*, const char*> aliases[] = {
      {"LU", "S-1-5-32-559"}, {"CD", "S-1-5-32-574"}, {"RA", "S-1-5-32-575"},
      {"MU", "S-1-5-32-558"}, {"ER", "S-1-5-32-573"}, {"ES", "S-1-5-32-576"},
      {"AA", "S-1-5-32-579"}, {"RM", "S-1-5-32-580"}, {"UD", "S-1-5-84-0-0-0-0-0"},
      {"AS", "S-1-18-1"},     {"IS", "S-1-5-32-568"}};
  for (const auto& [alias, sid] : aliases) {
    CAPTURE(alias);
    CHECK(convert(("D:(A;;GA;;;" + std::string(alias) + ")").c_str()) ==
          convert(("D:(A;;GA;;;" + std::string(sid) + ")").c_str()));
  }
}

TEST_CASE("SDDL: layout computed from the structure definitions", "[sddl]") {
  // SECURITY_DESCRIPTOR_RELATIVE (20) | ACL header (8) | ACE: type, flags, size (4) + mask (4)
  // + SID (8 + 4 per sub-authority). Everyone = S-1-1-0.
  CHECK(convert("D:(A;;GA;;;WD)") ==
        "01,00,04,80,00,00,00,00,00,00,00,00,00,00,00,00,14,00,00,00,"  // header, DACL at 0x14
        "02,00,1c,00,01,00,00,00,"               // ACL rev 2, 28 bytes, 1 ACE
        "00,00,14,00,00,00,00,10,"               // allowed, 20 bytes, GA
        "01,01,00,00,00,00,00,01,00,00,00,00");  // S-1-1-0
  // Owner and group only: no DACL present flag.
  CHECK(convert("O:SYG:SY") ==
        "01,00,00,80,14,00,00,00,20,00,00,00,00,00,00,00,00,00,00,00,"
        "01,01,00,00,00,00,00,05,12,00,00,00,01,01,00,00,00,00,00,05,12,00,00,00");
  // An empty DACL denies everyone; a NULL DACL allows everyone: different bytes.
  CHECK(convert("D:") ==
        "01,00,04,80,00,00,00,00,00,00,00,00,00,00,00,00,14,00,00,00,02,00,08,00,00,00,00,00");
  CHECK(convert("D:NO_ACCESS_CONTROL") ==
        "01,00,04,80,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00");
}

TEST_CASE("SDDL: flags, rights codes and SID strings", "[sddl]") {
  // P = SE_DACL_PROTECTED (0x1000); CIOI = 0x03; FA = 0x1F01FF; S-1-5-32-544 = BA.
  CHECK(convert("D:P(A;CIOI;FA;;;S-1-5-32-544)") ==
        "01,00,04,90,00,00,00,00,00,00,00,00,00,00,00,00,14,00,00,00,02,00,20,00,01,00,00,00,"
        "00,03,18,00,ff,01,1f,00,01,02,00,00,00,00,00,05,20,00,00,00,20,02,00,00");
  // COM execute rights: CC|DC|LC = 0x7, same as the number.
  CHECK(convert("D:(A;;CCDCLC;;;IU)") == convert("D:(A;;0x7;;;IU)"));
  CHECK(convert("D:(A;;7;;;IU)") == convert("D:(A;;0x7;;;IU)"));
  // Deny ACE type 1; mandatory label in a SACL (type 0x11), SACL present 0x10.
  CHECK(convert("D:(D;;GA;;;AN)").substr(84, 11) == "01,00,14,00");
  CHECK(convert("S:(ML;;NW;;;LW)") ==
        "01,00,10,80,00,00,00,00,00,00,00,00,14,00,00,00,00,00,00,00,02,00,1c,00,01,00,00,00,"
        "11,00,14,00,01,00,00,00,01,01,00,00,00,00,00,10,00,10,00,00");
}

TEST_CASE("SDDL: object ACEs carry their GUIDs and raise the ACL revision", "[sddl]") {
  const std::string sd = convert("D:(OA;;CR;00299570-246d-11d0-a768-00aa006e0529;;WD)");
  // ACL revision 4 (ACL_REVISION_DS), ACE type 5, flags ACE_OBJECT_TYPE_PRESENT, GUID bytes LE.
  CHECK(sd.substr(60, 5) == "04,00");
  CHECK(sd.find("05,00,28,00,00,01,00,00,01,00,00,00,70,95,29,00,6d,24,d0,11,a7,68,00,aa,00,6e,"
                "05,29") != std::string::npos);
}

TEST_CASE("SDDL: errors say what and where", "[sddl]") {
  struct Case {
    const char* sddl;
    const char* error;
    std::size_t offset;
  };
  const Case cases[] = {
      {"", "empty security descriptor", 0},
      {"X:BA", "expected O:, G:, D: or S:", 0},
      {"O:ZZ", "unknown SID alias 'ZZ'", 2},
      {"O:DA",
       "SID alias 'DA' is relative to a domain or machine, which is unknown when the "
       "descriptor is computed; write the full S-1-5-21-… SID",
       2},
      {"D:(A;;ZZ;;;SY)", "unknown access right 'ZZ'", 6},
      {"D:(Q;;GA;;;SY)", "unknown ACE type 'Q' (A, D, OA, OD, AU, AL, OU, OL, ML)", 3},
      {"D:(A;XX;GA;;;SY)", "unknown ACE flag 'XX'", 5},
      {"D:(A;;GA;;;SY", "expected ')' at the end of the ACE", 13},
      {"O:S-1-x", "invalid SID string 'S-1-x'", 2},
      {"D:(A;;0x1FFFFFFFF;;;SY)", "access mask '0x1FFFFFFFF' exceeds 32 bits", 6},
  };
  for (const auto& c : cases) {
    CAPTURE(c.sddl);
    const auto r = comreg::sddl_to_security_descriptor(c.sddl);
    CHECK_FALSE(r.ok());
    CHECK(r.descriptor.empty());
    CHECK(r.error == c.error);
    CHECK(r.error_offset == c.offset);
  }
}

TEST_CASE("SDDL model: parsed once, with owner, group, flags, entries and their positions",
          "[sddl]") {
  const std::string text = "O:BAG:SYD:PAI(A;OICI;KA;;;SY) (D;;0x1f;;;S-1-5-21-1-2-3-1001)";
  const auto parsed = comreg::parse_sddl(text);
  INFO(parsed.error);
  REQUIRE(parsed.descriptor);
  const comreg::SecurityDescriptor& sd = *parsed.descriptor;
  REQUIRE(sd.owner);
  CHECK(comreg::to_string(*sd.owner) == "S-1-5-32-544");
  REQUIRE(sd.group);
  CHECK(comreg::to_string(*sd.group) == "S-1-5-18");
  CHECK_FALSE(sd.sacl);
  REQUIRE(sd.dacl);
  CHECK(sd.dacl->protected_acl);
  CHECK(sd.dacl->auto_inherited);
  CHECK_FALSE(sd.dacl->auto_inherit_required);
  CHECK_FALSE(sd.dacl->null_acl);
  REQUIRE(sd.dacl->aces.size() == 2);
  const comreg::Ace& allow = sd.dacl->aces[0];
  CHECK(allow.type == comreg::ace_access_allowed);
  CHECK(allow.flags == 0x03);
  CHECK(allow.mask == 0x000F003F);
  CHECK(comreg::to_string(allow.trustee) == "S-1-5-18");
  CHECK(allow.at == text.find("(A;"));
  const comreg::Ace& deny = sd.dacl->aces[1];
  CHECK(deny.type == comreg::ace_access_denied);
  CHECK(deny.mask == 0x1f);
  CHECK(deny.trustee.authority == 5);
  CHECK(deny.trustee.sub_authorities == std::vector<std::uint32_t>{21, 1, 2, 3, 1001});
  CHECK(deny.at == text.find("(D;"));
}

TEST_CASE("SDDL model: decoding the bytes gives the model that encodes to them", "[sddl]") {
  const char* const object_ace =
      "D:(OA;CI;CR;00299570-246d-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;WD)";
  for (const char* text : {"O:BAG:BAD:(A;;0x1f;;;BA)(A;;0x1f;;;IU)(A;;0x1f;;;SY)", object_ace,
                           "D:ARAI(A;;GA;;;WD)S:P(AU;SAFA;CC;;;WD)", "O:SYD:NO_ACCESS_CONTROL",
                           "S:(ML;;NW;;;LW)", "D:"}) {
    CAPTURE(text);
    const auto bytes = comreg::sddl_to_security_descriptor(text).descriptor;
    REQUIRE_FALSE(bytes.empty());
    const auto decoded = comreg::decode_security_descriptor(bytes);
    REQUIRE(decoded);
    CHECK(comreg::encode_security_descriptor(*decoded) == bytes);
  }
}

TEST_CASE("SDDL model: text for what SDDL can say, in Windows' spelling", "[sddl]") {
  const auto text = [](const char* sddl) {
    const auto parsed = comreg::parse_sddl(sddl);
    REQUIRE(parsed.descriptor);
    return comreg::to_sddl(*parsed.descriptor);
  };
  // Rights as codes when every bit has one, else hex; flags and aliases in a fixed order.
  CHECK(text("O:S-1-5-32-544D:(A;CIOI;0x3;;;S-1-1-0)(A;;KR;;;BU)") ==
        "O:BAD:(A;OICI;CCDC;;;WD)(A;;RCCCSWRP;;;BU)");
  CHECK(text("D:(A;;0x1f0003;;;SY)") == "D:(A;;0x1f0003;;;SY)");
  // Aliases that are only read stay SID strings.
  CHECK(text("D:(A;;GA;;;AO)") == "D:(A;;GA;;;S-1-5-32-548)");
  CHECK(text("D:PNO_ACCESS_CONTROL") == "D:PNO_ACCESS_CONTROL");
  CHECK_FALSE(text("D:(OA;;CR;00299570-246d-11d0-a768-00aa006e0529;;WD)"));
  // A NULL DACL has a text that makes its bytes again.
  const auto null_dacl = comreg::sddl_to_security_descriptor("D:NO_ACCESS_CONTROL").descriptor;
  CHECK(comreg::security_descriptor_to_sddl(null_dacl) == "D:NO_ACCESS_CONTROL");
}

TEST_CASE("SDDL model: bytes that are not a descriptor do not decode", "[sddl]") {
  const auto good = comreg::sddl_to_security_descriptor("O:BAD:(A;;GA;;;WD)").descriptor;
  REQUIRE(comreg::decode_security_descriptor(good));
  CHECK_FALSE(comreg::decode_security_descriptor({}));
  // Cut short inside the owner SID, which comes last.
  CHECK_FALSE(
      comreg::decode_security_descriptor(std::vector<std::uint8_t>(good.begin(), good.end() - 4)));
  auto bad = good;
  bad[0] = 2;  // not revision 1
  CHECK_FALSE(comreg::decode_security_descriptor(bad));
  bad = good;
  bad[16] = 0xF0;  // the DACL's offset past the end
  CHECK_FALSE(comreg::decode_security_descriptor(bad));
  bad = good;
  bad[20 + 8 + 2] = 0xF0;  // the ACE's size past the ACL
  CHECK_FALSE(comreg::decode_security_descriptor(bad));
}
