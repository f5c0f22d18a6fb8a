// The store conformance body (tests/support/store_conformance.hpp) on Win32Backend: the live
// registry, under Wine in the wine:store-conformance test; then what only the live registry
// has, a link key. Prints a line per failed check and "N checks, M failed"; exit 0 only when
// none failed.
#include <windows.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "comreg/store/win32_backend.hpp"
#include "support/store_conformance.hpp"

namespace {

// The kernel's name of an open key ("\\REGISTRY\\USER\\S-1-5-…\\Software\\…"), what a link
// key's SymbolicLinkValue holds; "" when ntdll cannot say.
std::wstring kernel_name(HKEY key) {
  using NtQueryKeyFn = LONG(WINAPI*)(HANDLE, int, PVOID, ULONG, PULONG);
  const auto query = reinterpret_cast<NtQueryKeyFn>(
      reinterpret_cast<void (*)()>(GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQueryKey")));
  std::vector<unsigned char> info(1024);
  ULONG needed = 0;
  if (query == nullptr ||
      query(key, 3, info.data(), static_cast<ULONG>(info.size()), &needed) != 0) {
    return {};
  }
  ULONG bytes = 0;
  std::memcpy(&bytes, info.data(), sizeof bytes);
  std::wstring name(bytes / sizeof(wchar_t), L'\0');
  std::memcpy(name.data(), info.data() + sizeof bytes, name.size() * sizeof(wchar_t));
  return name;
}

// A link key planted in a tree (another user's doing, where comreg deletes in a folder of the
// registry they can write): delete_tree removes the link, not the key it names.
template <typename Check>
void link_in_tree_not_followed(comreg::View view, Check&& check) {
  const wchar_t* target_path = L"Software\\ContosoLinkTarget";
  RegDeleteTreeW(HKEY_CURRENT_USER, target_path);
  HKEY target = nullptr;
  if (RegCreateKeyExW(HKEY_CURRENT_USER, target_path, 0, nullptr, 0, KEY_ALL_ACCESS, nullptr,
                      &target, nullptr) != ERROR_SUCCESS) {
    check(false, "create the link's target", __LINE__);
    return;
  }
  const DWORD keep = 7;
  RegSetValueExW(target, L"Keep", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&keep), sizeof keep);
  HKEY inside = nullptr;
  RegCreateKeyExW(target, L"Inside", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &inside, nullptr);
  if (inside != nullptr) RegCloseKey(inside);
  const std::wstring name = kernel_name(target);
  RegCloseKey(target);
  check(!name.empty(), "the kernel name of the link's target", __LINE__);

  HKEY link = nullptr;
  check(RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\ContosoTree\\Link", 0, nullptr,
                        REG_OPTION_CREATE_LINK, KEY_ALL_ACCESS | KEY_CREATE_LINK, nullptr, &link,
                        nullptr) == ERROR_SUCCESS,
        "create a link key", __LINE__);
  if (link == nullptr) return;
  check(RegSetValueExW(link, L"SymbolicLinkValue", 0, REG_LINK,
                       reinterpret_cast<const BYTE*>(name.data()),
                       static_cast<DWORD>(name.size() * sizeof(wchar_t))) == ERROR_SUCCESS,
        "point the link at its target", __LINE__);
  RegCloseKey(link);
  // The link works: opened through, it is the target.
  HKEY through = nullptr;
  DWORD seen = 0;
  DWORD size = sizeof seen;
  check(RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\ContosoTree\\Link", 0, KEY_READ, &through) ==
                ERROR_SUCCESS &&
            RegQueryValueExW(through, L"Keep", nullptr, nullptr, reinterpret_cast<BYTE*>(&seen),
                             &size) == ERROR_SUCCESS &&
            seen == keep,
        "the link leads to its target", __LINE__);
  if (through != nullptr) RegCloseKey(through);

  comreg::Win32Backend store(view);
  check(store.delete_tree("HKEY_CURRENT_USER\\Software\\ContosoTree").ok(), "delete the tree",
        __LINE__);
  check(!store.key_exists("HKEY_CURRENT_USER\\Software\\ContosoTree"), "the tree is gone",
        __LINE__);
  check(store.get_value("HKEY_CURRENT_USER\\Software\\ContosoLinkTarget", "Keep") ==
            comreg::RegValue::dword(keep),
        "the link's target keeps its value", __LINE__);
  check(store.key_exists("HKEY_CURRENT_USER\\Software\\ContosoLinkTarget\\Inside"),
        "the link's target keeps its subkey", __LINE__);
  RegDeleteTreeW(HKEY_CURRENT_USER, target_path);
}

}  // namespace

int main() {
  int checks = 0;
  int failed = 0;
  const auto check = [&](bool ok, const char* expression, int line) {
    ++checks;
    if (ok) return;
    ++failed;
    std::printf("FAIL store_conformance.hpp:%d: %s\n", line, expression);
  };
  for (const comreg::View view : {comreg::View::v64, comreg::View::v32}) {
    auto store = std::make_unique<comreg::Win32Backend>(view);
    const auto reopen = [&]() -> comreg::RegistryBackend& {
      store = std::make_unique<comreg::Win32Backend>(view);
      return *store;
    };
    comreg::test::store_conformance(*store, "HKEY_CURRENT_USER\\Software\\Contoso", reopen, check);
  }
  link_in_tree_not_followed(comreg::View::v64, [&](bool ok, const char* expression, int line) {
    ++checks;
    if (ok) return;
    ++failed;
    std::printf("FAIL store_conformance_win32.cpp:%d: %s\n", line, expression);
  });
  std::printf("%d checks, %d failed\n", checks, failed);
  return failed == 0 ? 0 : 1;
}
