// Registry link keys in the Windows tests: a key's kernel name (what a link's
// SymbolicLinkValue holds) and a link planted at a path, as another user could plant one in a
// part of the registry they can write. Used by store_conformance_win32.cpp (Win32Backend) and
// tests/wine/selfreg_links_driver.cpp (the code `comreg selfreg` generates).
#pragma once

#include <windows.h>

#include <cstring>
#include <string>
#include <vector>

namespace comreg::testing {

/// The kernel's name of an open key ("\REGISTRY\USER\S-1-5-…\Software\…"); "" when ntdll
/// cannot say.
inline std::wstring kernel_name(HKEY key) {
  using NtQueryKeyFn = LONG(WINAPI*)(HANDLE, int, PVOID, ULONG, PULONG);
  const auto query = reinterpret_cast<NtQueryKeyFn>(
      reinterpret_cast<void (*)()>(GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQueryKey")));
  std::vector<unsigned char> info(1024);
  ULONG needed = 0;
  if (query == nullptr ||
      query(key, 3, info.data(), static_cast<ULONG>(info.size()), &needed) != 0) {
    return {};  // 3: KeyNameInformation
  }
  ULONG bytes = 0;
  std::memcpy(&bytes, info.data(), sizeof bytes);
  std::wstring name(bytes / sizeof(wchar_t), L'\0');
  std::memcpy(name.data(), info.data() + sizeof bytes, name.size() * sizeof(wchar_t));
  return name;
}

/// A link key at root\path whose SymbolicLinkValue is `target` (a kernel name); true when both
/// the key and its value were made.
inline bool plant_link(HKEY root, const wchar_t* path, const std::wstring& target) {
  HKEY link = nullptr;
  if (RegCreateKeyExW(root, path, 0, nullptr, REG_OPTION_CREATE_LINK,
                      KEY_ALL_ACCESS | KEY_CREATE_LINK | KEY_WOW64_64KEY, nullptr, &link,
                      nullptr) != ERROR_SUCCESS) {
    return false;
  }
  const LONG r = RegSetValueExW(link, L"SymbolicLinkValue", 0, REG_LINK,
                                reinterpret_cast<const BYTE*>(target.data()),
                                static_cast<DWORD>(target.size() * sizeof(wchar_t)));
  RegCloseKey(link);
  return r == ERROR_SUCCESS;
}

}  // namespace comreg::testing
