// Registry links planted in a registration are not followed by the code `comreg selfreg`
// generates. The case it guards: a per-user registration (HKCU, which its user can write) that
// an elevated regsvr32 removes; a link key put in the registration's place or inside a tree the
// rollback deletes would otherwise turn the elevated process's deletes onto the key it names,
// here a machine key. Compiled in one translation unit with a generated selfreg.cpp
// (`comreg selfreg selfreg_rollback.json --scope user`), so that its internal delete_tree (the
// rollback's) can be called directly.
// Checks:
//   - delete_tree of a tree holding a link, and of a link itself: the tree and the link go,
//     the machine key it names keeps its value and subkey;
//   - DllUnregisterServer after the ProgID key was replaced by a link to a machine key holding
//     the same value, and InprocServer32 by a link to an empty machine key: both machine keys
//     stay as they were, the links stay, and the rest of the registration goes.
// Prints a line per failed check and "N checks, M failed"; exit 0 only when none failed.
// Usage: selfreg_links_driver.exe
#include "selfreg.cpp"  // NOLINT: the generated file, from the test's work folder

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "../com/registry_link.hpp"

namespace links_test {

using comreg::testing::kernel_name;
using comreg::testing::plant_link;

int g_checks = 0;
int g_failed = 0;

void check(bool ok, const char* what, int line) {
  ++g_checks;
  if (!ok) {
    ++g_failed;
    std::printf("FAIL (line %d): %s\n", line, what);
  }
}

// Creates root\path (a fresh one: what was there is deleted first) and returns its kernel name.
std::wstring make_key(HKEY root, const wchar_t* path, const wchar_t* value, bool with_subkey) {
  RegDeleteTreeW(root, path);
  RegDeleteKeyExW(root, path, KEY_WOW64_64KEY, 0);
  HKEY key = nullptr;
  if (RegCreateKeyExW(root, path, 0, nullptr, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, nullptr, &key,
                      nullptr) != ERROR_SUCCESS) {
    return std::wstring();
  }
  if (value != nullptr) {
    RegSetValueExW(key, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(value),
                   static_cast<DWORD>((std::wcslen(value) + 1) * sizeof(wchar_t)));
  }
  if (with_subkey) {
    HKEY inside = nullptr;
    RegCreateKeyExW(key, L"Inside", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &inside, nullptr);
    if (inside != nullptr) RegCloseKey(inside);
  }
  const std::wstring name = kernel_name(key);
  RegCloseKey(key);
  return name;
}

// Whether root\path exists; opened through links (as any reader would) unless `as_link`.
bool exists(HKEY root, const wchar_t* path, bool as_link = false) {
  HKEY key = nullptr;
  if (RegOpenKeyExW(root, path, as_link ? REG_OPTION_OPEN_LINK : 0,
                    KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key) != ERROR_SUCCESS) {
    return false;
  }
  RegCloseKey(key);
  return true;
}

std::wstring default_value(HKEY root, const wchar_t* path) {
  wchar_t buf[256] = {};
  DWORD size = sizeof buf - sizeof(wchar_t);
  HKEY key = nullptr;
  if (RegOpenKeyExW(root, path, 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key) != ERROR_SUCCESS) {
    return L"(no key)";
  }
  const LONG r =
      RegQueryValueExW(key, nullptr, nullptr, nullptr, reinterpret_cast<BYTE*>(buf), &size);
  RegCloseKey(key);
  return r == ERROR_SUCCESS ? std::wstring(buf) : std::wstring(L"(no value)");
}

void rollback_delete_keeps_link_targets() {
  const wchar_t* victim = L"Software\\ComregLinkVictim";
  const std::wstring target = make_key(HKEY_LOCAL_MACHINE, victim, L"keep me", true);
  check(!target.empty(), "create the machine key the links name", __LINE__);
  make_key(HKEY_CURRENT_USER, L"Software\\ComregLinkTree\\A\\B", nullptr, false);
  check(plant_link(HKEY_CURRENT_USER, L"Software\\ComregLinkTree\\A\\Link", target),
        "plant a link inside the tree", __LINE__);
  check(default_value(HKEY_CURRENT_USER, L"Software\\ComregLinkTree\\A\\Link") == L"keep me",
        "the link leads to the machine key", __LINE__);
  check(delete_tree(HKEY_CURRENT_USER, L"Software\\ComregLinkTree") == ERROR_SUCCESS,
        "delete_tree of the tree holding a link", __LINE__);
  check(!exists(HKEY_CURRENT_USER, L"Software\\ComregLinkTree", true), "the tree is gone",
        __LINE__);
  check(default_value(HKEY_LOCAL_MACHINE, victim) == L"keep me",
        "the machine key keeps its value (tree)", __LINE__);
  check(exists(HKEY_LOCAL_MACHINE, L"Software\\ComregLinkVictim\\Inside"),
        "the machine key keeps its subkey (tree)", __LINE__);

  check(plant_link(HKEY_CURRENT_USER, L"Software\\ComregLinkTop", target),
        "plant a link in the place of the tree", __LINE__);
  check(delete_tree(HKEY_CURRENT_USER, L"Software\\ComregLinkTop") == ERROR_SUCCESS,
        "delete_tree of a link", __LINE__);
  check(!exists(HKEY_CURRENT_USER, L"Software\\ComregLinkTop", true), "the link is gone", __LINE__);
  check(default_value(HKEY_LOCAL_MACHINE, victim) == L"keep me",
        "the machine key keeps its value (link)", __LINE__);
  check(exists(HKEY_LOCAL_MACHINE, L"Software\\ComregLinkVictim\\Inside"),
        "the machine key keeps its subkey (link)", __LINE__);
}

void unregister_keeps_link_targets() {
  const wchar_t* classes = L"Software\\Classes";
  const std::wstring progid = std::wstring(classes) + L"\\ComregRollback.Widget.2";
  const std::wstring server =
      std::wstring(classes) + L"\\CLSID\\{5B0E7C21-8D3A-4F6B-9E12-7A4C3D2B1E02}\\InprocServer32";
  const std::wstring progid_subkey =
      std::wstring(classes) + L"\\CLSID\\{5B0E7C21-8D3A-4F6B-9E12-7A4C3D2B1E02}\\ProgID";
  check(DllRegisterServer() == S_OK, "DllRegisterServer (per user)", __LINE__);
  check(default_value(HKEY_CURRENT_USER, progid.c_str()) == L"comreg rollback test 2",
        "the ProgID is registered in HKCU", __LINE__);

  // The machine keys: one holding what the table writes into the ProgID key, one empty.
  const std::wstring same = make_key(HKEY_LOCAL_MACHINE, L"Software\\ComregLinkSameValue",
                                     L"comreg rollback test 2", false);
  const std::wstring empty =
      make_key(HKEY_LOCAL_MACHINE, L"Software\\ComregLinkEmpty", nullptr, false);
  check(!same.empty() && !empty.empty(), "create the machine keys the links name", __LINE__);
  check(delete_tree(HKEY_CURRENT_USER, progid.c_str()) == ERROR_SUCCESS &&
            plant_link(HKEY_CURRENT_USER, progid.c_str(), same),
        "replace the ProgID key by a link", __LINE__);
  check(delete_tree(HKEY_CURRENT_USER, server.c_str()) == ERROR_SUCCESS &&
            plant_link(HKEY_CURRENT_USER, server.c_str(), empty),
        "replace InprocServer32 by a link", __LINE__);

  check(DllUnregisterServer() == S_OK, "DllUnregisterServer", __LINE__);
  check(default_value(HKEY_LOCAL_MACHINE, L"Software\\ComregLinkSameValue") ==
            L"comreg rollback test 2",
        "the machine key holding the ProgID's value keeps it", __LINE__);
  check(exists(HKEY_LOCAL_MACHINE, L"Software\\ComregLinkEmpty"),
        "the empty machine key behind InprocServer32 stays", __LINE__);
  check(exists(HKEY_CURRENT_USER, progid.c_str(), true) &&
            exists(HKEY_CURRENT_USER, server.c_str(), true),
        "the planted links stay (they are not the registration's)", __LINE__);
  check(!exists(HKEY_CURRENT_USER, progid_subkey.c_str(), true),
        "the rest of the registration is removed (CLSID\\...\\ProgID)", __LINE__);

  delete_tree(HKEY_CURRENT_USER, progid.c_str());
  delete_tree(HKEY_CURRENT_USER, server.c_str());
  DllUnregisterServer();
  RegDeleteTreeW(HKEY_LOCAL_MACHINE, L"Software\\ComregLinkSameValue");
  RegDeleteKeyExW(HKEY_LOCAL_MACHINE, L"Software\\ComregLinkSameValue", KEY_WOW64_64KEY, 0);
  RegDeleteKeyExW(HKEY_LOCAL_MACHINE, L"Software\\ComregLinkEmpty", KEY_WOW64_64KEY, 0);
}

}  // namespace links_test

int main() {
  links_test::rollback_delete_keeps_link_targets();
  links_test::unregister_keeps_link_targets();
  std::printf("%d checks, %d failed\n", links_test::g_checks, links_test::g_failed);
  return links_test::g_failed == 0 ? 0 : 1;
}
