// The store conformance body (tests/support/store_conformance.hpp) on Win32Backend: the live
// registry, under Wine in the wine:store-conformance test; then what only the live registry
// has, a link key. Prints a line per failed check and "N checks, M failed"; exit 0 only when
// none failed.
#include <windows.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "comreg/store/win32_backend.hpp"
#include "registry_link.hpp"
#include "support/store_conformance.hpp"

namespace {

using comreg::testing::kernel_name;
using comreg::testing::plant_link;

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

  check(plant_link(HKEY_CURRENT_USER, L"Software\\ContosoTree\\Link", name),
        "plant a link key pointing at the target", __LINE__);
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

// This process's open handles, from the system's handle list (SystemHandleInformation: Wine's
// GetProcessHandleCount answers 0); -1 when it cannot be had.
long open_handles() {
  using QueryFn = LONG(WINAPI*)(int, PVOID, ULONG, PULONG);
  const auto query = reinterpret_cast<QueryFn>(reinterpret_cast<void (*)()>(
      GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQuerySystemInformation")));
  if (query == nullptr) return -1;
  struct Entry {  // SYSTEM_HANDLE_ENTRY
    ULONG owner_pid;
    BYTE object_type;
    BYTE flags;
    USHORT handle;
    PVOID object;
    ULONG access;
  };
  std::vector<unsigned char> buffer(1 << 20);
  ULONG needed = 0;
  LONG status = 0;
  while ((status = query(16, buffer.data(), static_cast<ULONG>(buffer.size()), &needed)) ==
         static_cast<LONG>(0xC0000004)) {  // STATUS_INFO_LENGTH_MISMATCH
    buffer.resize(buffer.size() * 2);
  }
  if (status != 0) return -1;
  ULONG count = 0;
  std::memcpy(&count, buffer.data(), sizeof count);
  const unsigned char* entries = buffer.data() + sizeof(void*);  // the count, padded
  long mine = 0;
  for (ULONG i = 0; i < count; ++i) {
    Entry e;
    std::memcpy(&e, entries + i * sizeof(Entry), sizeof e);
    if (e.owner_pid == GetCurrentProcessId()) ++mine;
  }
  return mine;
}

// Handles of keys used are kept open until the store goes (a close is a round trip, and the
// CLI ends with its store open): when it goes, every one is closed.
template <typename Check>
void handles_closed_with_the_store(Check&& check) {
  long before = open_handles();
  long during = 0;
  long after = 0;
  check(before > 0, "the process's handles can be counted", __LINE__);
  if (before <= 0) return;
  {
    comreg::Win32Backend store(comreg::View::v64);
    for (int i = 0; i < 200; ++i) {
      const std::string key = "HKEY_CURRENT_USER\\Software\\ContosoHandles\\K" + std::to_string(i);
      check(store.create_key(key).ok(), "create a key", __LINE__);
      check(store.set_value(key, "", comreg::RegValue::dword(static_cast<std::uint32_t>(i))).ok(),
            "set its value", __LINE__);
    }
    during = open_handles();
    check(during >= before + 190, "the handles are kept while the store is open", __LINE__);
    check(store.delete_tree("HKEY_CURRENT_USER\\Software\\ContosoHandles").ok(), "delete the keys",
          __LINE__);
  }
  after = open_handles();
  check(after == before, "every handle is closed when the store goes", __LINE__);
  std::printf("handles: %ld before, %ld with the store open, %ld after\n", before, during, after);
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
  const auto check_here = [&](bool ok, const char* expression, int line) {
    ++checks;
    if (ok) return;
    ++failed;
    std::printf("FAIL store_conformance_win32.cpp:%d: %s\n", line, expression);
  };
  link_in_tree_not_followed(comreg::View::v64, check_here);
  handles_closed_with_the_store(check_here);
  std::printf("%d checks, %d failed\n", checks, failed);
  return failed == 0 ? 0 : 1;
}
