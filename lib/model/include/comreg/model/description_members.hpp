// The description format's vocabulary, once: the members each object may have and the
// spellings of each enumeration. The loader accepts exactly these, the writer writes them, the
// importer reads registry values with them, and the schema test holds schemas/comreg.schema.json
// to them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "comreg/model/description.hpp"

namespace comreg::format {

/// One spelling of an enumeration value, as the JSON (and, for threading, the registry) has it.
template <typename E>
struct Spelling {
  std::string_view text;
  E value;
};

inline constexpr Spelling<Arch> arch_spellings[] = {
    {"x86", Arch::x86}, {"amd64", Arch::amd64}, {"arm64", Arch::arm64}};

inline constexpr Spelling<ServerKind> server_kind_spellings[] = {
    {"inproc", ServerKind::inproc},
    {"local", ServerKind::local},
    {"surrogate", ServerKind::surrogate},
    {"handler", ServerKind::handler},
    {"remote", ServerKind::remote}};

/// ThreadingModel as COM compares it: exact case. Threading::none has no spelling.
inline constexpr Spelling<Threading> threading_spellings[] = {{"Apartment", Threading::apartment},
                                                              {"Free", Threading::free},
                                                              {"Both", Threading::both},
                                                              {"Neutral", Threading::neutral}};

/// LIBFLAGS bits by name, in the order the writer lists them.
inline constexpr Spelling<std::uint32_t> typelib_flag_spellings[] = {
    {"restricted", typelib_restricted},
    {"control", typelib_control},
    {"hidden", typelib_hidden},
    {"hasdiskimage", typelib_has_disk_image}};

/// miscStatus members other than "default": the DVASPECT each names.
inline constexpr Spelling<std::uint32_t> misc_aspect_spellings[] = {
    {"content", 1}, {"thumbnail", 2}, {"icon", 4}, {"docprint", 8}};

/// The spelling of `value`, or "" when it has none.
template <typename E, std::size_t N>
[[nodiscard]] constexpr std::string_view spelling_of(const Spelling<E> (&table)[N], E value) {
  for (const auto& s : table) {
    if (s.value == value) return s.text;
  }
  return {};
}

/// The spellings as the loader's hints list them: "a, b or c".
template <typename E, std::size_t N>
[[nodiscard]] std::string spelling_list(const Spelling<E> (&table)[N]) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += table[i].text;
  }
  return out;
}

/// An integer member whose values are a narrower range than 32 bits: the reader reads it within
/// the range, the validator holds a model from anywhere to it.
struct IntegerRange {
  std::string_view member;
  std::uint32_t min;
  std::uint32_t max;
};
inline constexpr IntegerRange authentication_level_range{"authenticationLevel", 1, 6};
inline constexpr IntegerRange preferred_server_bitness_range{"preferredServerBitness", 1, 3};
/// As the schema: IUnknown's three methods at least, and vtables are smaller than 65,536.
inline constexpr IntegerRange num_methods_range{"numMethods", 3, 0xFFFFu};

// The members each object may have ("$comment" is allowed everywhere besides), in the order the
// writer writes them.
inline constexpr std::string_view root_members[] = {
    "$schema", "comreg", "assembly", "servers", "appids", "typelibs", "interfaces", "categories"};
inline constexpr std::string_view assembly_members[] = {"name", "version", "arch", "publicKeyToken",
                                                        "language"};
inline constexpr std::string_view server_members[] = {"kind", "path", "arguments", "arch",
                                                      "classes"};
inline constexpr std::string_view class_members[] = {"clsid",
                                                     "name",
                                                     "progid",
                                                     "versionIndependentProgid",
                                                     "exclusiveVersionIndependentProgid",
                                                     "progidKey",
                                                     "versionIndependentProgidKey",
                                                     "threading",
                                                     "appid",
                                                     "typelib",
                                                     "version",
                                                     "implementedCategories",
                                                     "requiredCategories",
                                                     "programmable",
                                                     "control",
                                                     "insertable",
                                                     "miscStatus",
                                                     "toolboxBitmap",
                                                     "defaultIcon",
                                                     "treatAs",
                                                     "autoConvertTo",
                                                     "license",
                                                     "clr",
                                                     "legacyNames",
                                                     "values",
                                                     "subkeys"};
/// A value of a class's `values` (or of one of its `subkeys`): the plan's value shape.
inline constexpr std::string_view class_value_members[] = {"name", "type", "value"};
inline constexpr std::string_view class_subkey_members[] = {"key", "values"};
/// The subkeys of a class's key that members plan: a class's `subkeys` may not name them or a
/// key below them.
inline constexpr std::string_view class_planned_subkeys[] = {"InprocServer32",
                                                             "InprocHandler32",
                                                             "LocalServer32",
                                                             "ProgID",
                                                             "VersionIndependentProgID",
                                                             "TypeLib",
                                                             "Version",
                                                             "Implemented Categories",
                                                             "Required Categories",
                                                             "Programmable",
                                                             "Control",
                                                             "Insertable",
                                                             "MiscStatus",
                                                             "ToolboxBitmap32",
                                                             "DefaultIcon",
                                                             "TreatAs",
                                                             "AutoConvertTo"};
/// The types a class's `values` may have ("type"; REG_SZ when absent), as the plan spells them.
inline constexpr Spelling<RegType> class_value_type_spellings[] = {
    {"REG_SZ", RegType::sz},
    {"REG_EXPAND_SZ", RegType::expand_sz},
    {"REG_MULTI_SZ", RegType::multi_sz},
    {"REG_DWORD", RegType::dword},
    {"REG_BINARY", RegType::binary}};
/// The values of a class's key that members plan ("" is the default value, the class's name).
inline constexpr std::string_view class_planned_values[] = {"", "AppID"};
inline constexpr std::string_view clr_members[] = {"class", "assembly", "runtimeVersion",
                                                   "codeBase"};
inline constexpr std::string_view license_members[] = {"id", "key"};
inline constexpr std::string_view misc_status_members[] = {"default", "content", "thumbnail",
                                                           "icon", "docprint"};
inline constexpr std::string_view appid_members[] = {"appid",
                                                     "name",
                                                     "dllSurrogate",
                                                     "localService",
                                                     "serviceParameters",
                                                     "runAs",
                                                     "accessPermission",
                                                     "launchPermission",
                                                     "authenticationLevel",
                                                     "remoteServerName",
                                                     "appIdFlags",
                                                     "preferredServerBitness",
                                                     "executables",
                                                     "exclusive"};
inline constexpr std::string_view typelib_members[] = {
    "libid", "version", "lcid", "name", "win32", "win64", "flags", "helpdir", "exclusive"};
inline constexpr std::string_view interface_members[] = {
    "iid",        "name",          "proxyStub", "proxyStub16",
    "numMethods", "baseInterface", "typelib",   "exclusive"};
inline constexpr std::string_view category_members[] = {"catid", "description", "lcid",
                                                        "exclusive"};

/// One kind of object: where it is in a description, and its members.
struct ObjectMembers {
  std::string_view pointer;  // of one such object, e.g. "/servers/0/classes/0"
  std::span<const std::string_view> members;
};

/// Every kind of object the format has.
inline constexpr ObjectMembers all_objects[] = {
    {"", root_members},
    {"/assembly", assembly_members},
    {"/servers/0", server_members},
    {"/servers/0/classes/0", class_members},
    {"/servers/0/classes/0/license", license_members},
    {"/servers/0/classes/0/miscStatus", misc_status_members},
    {"/servers/0/classes/0/clr", clr_members},
    {"/servers/0/classes/0/values/0", class_value_members},
    {"/servers/0/classes/0/subkeys/0", class_subkey_members},
    {"/appids/0", appid_members},
    {"/typelibs/0", typelib_members},
    {"/interfaces/0", interface_members},
    {"/categories/0", category_members}};

}  // namespace comreg::format
