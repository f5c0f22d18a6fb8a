// Fault injection for the DllRegisterServer that `comreg selfreg` generates, all in one Wine
// process (one regsvr32 per write would take minutes): loads a DLL built with
// COMREG_SELFREG_TEST_HOOKS and, for k = 1, 2, …, sets COMREG_SELFREG_FAIL_AT=k, calls
// DllRegisterServer and compares a dump with the one taken before. The first k that succeeds
// is one past the number of writes; that registration is left in place for the caller.
// The dump covers every place the DLL's code can write, in HKLM and HKCU: each key the table
// names with its whole subtree, and each ancestor up to Software\Classes with its values and
// subkey count (the DLL creates and deletes only along the table's paths). The whole
// HKLM\Software\Classes (8,000 keys, about 11 s per dump under Wine) is compared by the
// script with `wine reg export` instead.
// Usage: selfreg_rollback_driver.exe DLL KEYS   (KEYS: the table's key paths, one a line)
// Prints "N writes: each failing one left the registry as it was" and which roots the
// registration changed; exit 1 on a difference.
#include <windows.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace {

// A key's values, every byte, and (when `recurse`) its subkeys the same way.
void dump_key(HKEY parent, const std::wstring& path, const std::wstring& label, std::wstring& out,
              bool recurse = true) {
  HKEY key = nullptr;
  if (RegOpenKeyExW(parent, path.c_str(), 0, KEY_READ | KEY_WOW64_64KEY, &key) != ERROR_SUCCESS) {
    out += L"[unreadable] " + label + L"\n";
    return;
  }
  out += L"[" + label + L"]\n";
  DWORD subkeys = 0, max_subkey = 0, values = 0, max_name = 0, max_data = 0;
  RegQueryInfoKeyW(key, nullptr, nullptr, nullptr, &subkeys, &max_subkey, nullptr, &values,
                   &max_name, &max_data, nullptr, nullptr);
  std::vector<wchar_t> name(max_name + 2);
  std::vector<BYTE> data(max_data + 2);
  for (DWORD i = 0;; ++i) {
    DWORD name_len = static_cast<DWORD>(name.size());
    DWORD size = static_cast<DWORD>(data.size());
    DWORD type = 0;
    const LONG r =
        RegEnumValueW(key, i, name.data(), &name_len, nullptr, &type, data.data(), &size);
    if (r != ERROR_SUCCESS) break;
    wchar_t head[32];
    swprintf(head, 32, L" type %lu size %lu:", type, size);
    out += L"  \"" + std::wstring(name.data(), name_len) + L"\"" + head;
    for (DWORD b = 0; b < size; ++b) {
      wchar_t hex[4];
      swprintf(hex, 4, L"%02x", data[b]);
      out += hex;
    }
    out += L"\n";
  }
  if (!recurse) {
    RegCloseKey(key);
    return;
  }
  std::vector<std::wstring> children;
  std::vector<wchar_t> sub(max_subkey + 2);
  for (DWORD i = 0;; ++i) {
    DWORD len = static_cast<DWORD>(sub.size());
    if (RegEnumKeyExW(key, i, sub.data(), &len, nullptr, nullptr, nullptr, nullptr) !=
        ERROR_SUCCESS)
      break;
    children.emplace_back(sub.data(), len);
  }
  RegCloseKey(key);
  for (const auto& child : children)
    dump_key(parent, path + L"\\" + child, label + L"\\" + child, out);
}

// An ancestor: whether it exists, its values and how many subkeys it has.
void dump_ancestor(HKEY root, const std::wstring& path, std::wstring& out) {
  HKEY key = nullptr;
  if (RegOpenKeyExW(root, path.c_str(), 0, KEY_READ | KEY_WOW64_64KEY, &key) != ERROR_SUCCESS) {
    out += L"(missing) " + path + L"\n";
    return;
  }
  DWORD subkeys = 0;
  RegQueryInfoKeyW(key, nullptr, nullptr, nullptr, &subkeys, nullptr, nullptr, nullptr, nullptr,
                   nullptr, nullptr, nullptr);
  RegCloseKey(key);
  out += L"(" + std::to_wstring(subkeys) + L" subkeys) ";
  dump_key(root, path, path, out, /*recurse=*/false);
}

std::vector<std::wstring> g_keys;

std::wstring dump_root(HKEY root) {
  std::set<std::wstring> ancestors;
  for (const auto& k : g_keys) {
    for (std::size_t cut = k.find(L'\\'); cut != std::wstring::npos; cut = k.find(L'\\', cut + 1))
      ancestors.insert(k.substr(0, cut));
  }
  std::wstring out;
  for (const auto& a : ancestors) dump_ancestor(root, a, out);
  for (const auto& k : g_keys) dump_key(root, k, k, out);
  return out;
}

std::wstring dump() {
  return L"HKLM\n" + dump_root(HKEY_LOCAL_MACHINE) + L"HKCU\n" + dump_root(HKEY_CURRENT_USER);
}

// The first line where two dumps differ, for the failure message.
void show_difference(const std::wstring& before, const std::wstring& after) {
  std::size_t at = 0;
  while (at < before.size() && at < after.size() && before[at] == after[at]) ++at;
  const std::size_t line = before.rfind(L'\n', at == 0 ? 0 : at - 1);
  const std::size_t start = line == std::wstring::npos ? 0 : line + 1;
  std::fwprintf(stderr, L"before: %ls\nafter:  %ls\n",
                before.substr(start, before.find(L'\n', start) - start).c_str(),
                after.substr(start, after.find(L'\n', start) - start).c_str());
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  if (argc != 3) {
    std::fwprintf(stderr, L"usage: selfreg_rollback_driver DLL KEYS\n");
    return 2;
  }
  std::ifstream keys(argv[2]);
  for (std::string line; std::getline(keys, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) g_keys.emplace_back(line.begin(), line.end());  // ASCII paths
  }
  if (g_keys.empty()) {
    std::fwprintf(stderr, L"no key paths in %ls\n", argv[2]);
    return 2;
  }
  HMODULE dll = LoadLibraryW(argv[1]);
  if (dll == nullptr) {
    std::fwprintf(stderr, L"cannot load %ls: error %lu\n", argv[1], GetLastError());
    return 2;
  }
  using Entry = HRESULT(STDAPICALLTYPE*)();
  const auto reg =
      reinterpret_cast<Entry>(reinterpret_cast<void*>(GetProcAddress(dll, "DllRegisterServer")));
  if (reg == nullptr) {
    std::fwprintf(stderr, L"no DllRegisterServer in %ls\n", argv[1]);
    return 2;
  }
  const std::wstring before_machine = dump_root(HKEY_LOCAL_MACHINE);
  const std::wstring before_user = dump_root(HKEY_CURRENT_USER);
  const std::wstring before = dump();
  const HRESULT injected = HRESULT_FROM_WIN32(ERROR_WRITE_FAULT);
  DWORD k = 1;
  for (;; ++k) {
    SetEnvironmentVariableW(L"COMREG_SELFREG_FAIL_AT", std::to_wstring(k).c_str());
    const HRESULT hr = reg();
    if (hr == S_OK) break;
    if (hr != injected) {
      std::fwprintf(stderr, L"FAIL: write %lu: DllRegisterServer returned 0x%08lx, not 0x%08lx\n",
                    k, static_cast<unsigned long>(hr), static_cast<unsigned long>(injected));
      return 1;
    }
    const std::wstring after = dump();
    if (after != before) {
      std::fwprintf(stderr, L"FAIL: write %lu failed and the registry is not as it was:\n", k);
      show_difference(before, after);
      return 1;
    }
    if (k > 100000) {
      std::fwprintf(stderr, L"FAIL: DllRegisterServer never succeeds\n");
      return 1;
    }
  }
  SetEnvironmentVariableW(L"COMREG_SELFREG_FAIL_AT", nullptr);
  const bool machine = dump_root(HKEY_LOCAL_MACHINE) != before_machine;
  const bool user = dump_root(HKEY_CURRENT_USER) != before_user;
  if (k == 1 || (!machine && !user)) {
    std::fwprintf(stderr, L"FAIL: DllRegisterServer returned S_OK and wrote nothing\n");
    return 1;
  }
  std::wprintf(L"registered in:%ls%ls\n", machine ? L" HKLM" : L"", user ? L" HKCU" : L"");
  std::wprintf(L"%lu writes: each failing one left the registry as it was, byte for byte\n", k - 1);
  return 0;
}
