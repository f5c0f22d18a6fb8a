// Security descriptors as COM's AccessPermission and LaunchPermission hold them: one model
// (SecurityDescriptor), parsed from SDDL text with positions, encoded to the self-relative
// binary form the registry stores, decoded from it, and written back as SDDL. Pure
// computation: works the same on every platform.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace comreg {

/// A security identifier: S-<revision>-<authority>-<sub authority>…
struct Sid {
  std::uint8_t revision = 1;
  std::uint64_t authority = 0;  // 48 bits
  std::vector<std::uint32_t> sub_authorities;
  friend bool operator==(const Sid&, const Sid&) = default;
};

/// "S-1-5-32-544": the authority in decimal, never an alias.
[[nodiscard]] std::string to_string(const Sid& sid);

/// One access control entry. Object ACE types (5 to 8) may carry object GUIDs (in their
/// binary layout); others never do.
struct Ace {
  std::uint8_t type = 0;   // ACCESS_ALLOWED_ACE_TYPE (0), ACCESS_DENIED_ACE_TYPE (1), …
  std::uint8_t flags = 0;  // OBJECT_INHERIT_ACE (0x01), …, INHERIT_ONLY_ACE (0x08), …
  std::uint32_t mask = 0;  // the access rights
  std::optional<std::array<std::uint8_t, 16>> object_type;
  std::optional<std::array<std::uint8_t, 16>> inherited_object_type;
  Sid trustee;
  std::size_t at = 0;  // character offset of its '(' in the SDDL it was parsed from
};

constexpr std::uint8_t ace_access_allowed = 0;
constexpr std::uint8_t ace_access_denied = 1;
constexpr std::uint8_t ace_access_allowed_object = 5;
constexpr std::uint8_t ace_access_denied_object = 6;
constexpr std::uint8_t ace_inherit_only = 0x08;

/// A DACL or SACL with the descriptor's control flags that belong to it. A NULL ACL
/// (D:NO_ACCESS_CONTROL) is present but has no entries and grants everything.
struct Acl {
  bool protected_acl = false;          // P: SE_DACL_PROTECTED / SE_SACL_PROTECTED
  bool auto_inherit_required = false;  // AR
  bool auto_inherited = false;         // AI
  bool null_acl = false;
  std::vector<Ace> aces;
};

/// What a self-relative security descriptor says. Absent parts are nullopt.
struct SecurityDescriptor {
  std::optional<Sid> owner;
  std::optional<Sid> group;
  std::optional<Acl> dacl;
  std::optional<Acl> sacl;
};

/// A parsed descriptor, or what is wrong with the text and where.
struct SddlParse {
  std::optional<SecurityDescriptor> descriptor;  // nullopt on error
  std::string error;                             // what is wrong, empty on success
  std::size_t error_offset = 0;                  // character offset into the SDDL text
};

/// Parses like ConvertStringSecurityDescriptorToSecurityDescriptorW(SDDL_REVISION_1):
/// owner (O:), group (G:), DACL (D:) and SACL (S:) with flags, ACEs with rights given as
/// two-letter codes or hex, SID aliases (BA, SY, IU, WD, …) and S-1-… strings.
[[nodiscard]] SddlParse parse_sddl(std::string_view sddl);

/// The self-relative SECURITY_DESCRIPTOR bytes, laid out as Windows' RtlMakeSelfRelativeSD
/// writes them (SACL, DACL, owner, group).
[[nodiscard]] std::vector<std::uint8_t> encode_security_descriptor(const SecurityDescriptor& sd);

/// The model of self-relative descriptor bytes; nullopt when they are not one (truncated,
/// offsets or sizes out of bounds, a SID of another revision). Padding inside an ACE is
/// skipped, so encoding the result gives back the bytes only when they have none.
[[nodiscard]] std::optional<SecurityDescriptor> decode_security_descriptor(
    std::span<const std::uint8_t> bytes);

/// SDDL for `sd`: rights as two-letter codes when every bit has one, else one hex number;
/// well-known SIDs as their aliases. nullopt when SDDL text of this form cannot say it (object
/// ACEs, audit-object and other ACE types, a descriptor with no part).
[[nodiscard]] std::optional<std::string> to_sddl(const SecurityDescriptor& sd);

struct SddlResult {
  std::vector<std::uint8_t> descriptor;  // empty on error
  std::string error;                     // what is wrong, empty on success
  std::size_t error_offset = 0;          // character offset into the SDDL text
  [[nodiscard]] bool ok() const { return error.empty(); }
};

/// parse_sddl, then encode_security_descriptor.
[[nodiscard]] SddlResult sddl_to_security_descriptor(std::string_view sddl);

/// SDDL that sddl_to_security_descriptor() turns back into exactly `descriptor`; nullopt when
/// there is none (object ACEs, unusual layouts, trailing bytes): the caller keeps the bytes.
[[nodiscard]] std::optional<std::string> security_descriptor_to_sddl(
    const std::vector<std::uint8_t>& descriptor);

}  // namespace comreg
