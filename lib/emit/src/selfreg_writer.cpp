// SelfregWriter: the plan as a table of entries in C++ plus a fixed interpreter for it.
//
// ${installdir} becomes U+0001 in the table's strings and is replaced at run time by the
// folder of the module that contains the table (GetModuleHandleExW from an address), so the
// DLL registers itself where it is. Strings are wide literals (escaped: ASCII as is, other
// code points as universal character names, control characters in octal), other data octal
// byte strings: portable to MSVC and mingw-w64, and compiled in O(table) time.
#include <cstdio>
#include <set>

#include "comreg/emit/selfreg_writer.hpp"
#include "core/utf.hpp"
#include "emit/plan_keys.hpp"
#include "emit/symbolic_text.hpp"

namespace comreg {
namespace {

constexpr char marker = '\x01';

// The fixed part after the table: the interpreter of kEntries, in pieces (MSVC takes string
// literals of at most 16 KB).
constexpr const char* interpreter[] = {
    R"interpreter(
// Folder of the module this code is linked into, without a trailing backslash.
bool module_folder(wchar_t* buf, DWORD capacity, DWORD& length) {
  HMODULE module = nullptr;
  if (!GetModuleHandleExW(
          GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
          reinterpret_cast<LPCWSTR>(&kEntries), &module)) {
    return false;
  }
  DWORD n = GetModuleFileNameW(module, buf, capacity);
  if (n == 0 || n >= capacity) return false;
  while (n > 0 && buf[n - 1] != L'\\' && buf[n - 1] != L'/') --n;
  if (n == 0) return false;
  length = n - 1;
  buf[length] = L'\0';
  return true;
}

wchar_t g_folder[32768];
DWORD g_folder_length = 0;

#ifdef COMREG_SELFREG_TEST_HOOKS
// Test builds only (tests/wine/selfreg_rollback_e2e.sh), read at each call:
// COMREG_SELFREG_FAIL_AT=k makes the k-th write of DllRegisterServer fail with
// ERROR_WRITE_FAULT; COMREG_SELFREG_DENY_MACHINE=1 makes every write to HKEY_LOCAL_MACHINE fail
// with ERROR_ACCESS_DENIED, as for a non-elevated regsvr32 (Wine has no ACLs to do it).
DWORD g_writes = 0;
DWORD g_fail_at = 0;
bool g_deny_machine = false;

DWORD env_number(const wchar_t* name) {
  wchar_t buf[16];
  const DWORD n = GetEnvironmentVariableW(name, buf, 16);
  DWORD v = 0;
  for (DWORD i = 0; n < 16 && i < n && buf[i] >= L'0' && buf[i] <= L'9'; ++i) {
    v = v * 10 + static_cast<DWORD>(buf[i] - L'0');
  }
  return v;
}

void reset_test_hooks() {
  g_writes = 0;
  g_fail_at = env_number(L"COMREG_SELFREG_FAIL_AT");
  g_deny_machine = env_number(L"COMREG_SELFREG_DENY_MACHINE") != 0;
}

LONG test_hook(HKEY root, bool counted) {
  if (g_deny_machine && root == HKEY_LOCAL_MACHINE) return ERROR_ACCESS_DENIED;
  if (counted && ++g_writes == g_fail_at) return ERROR_WRITE_FAULT;
  return ERROR_SUCCESS;
}
#else
void reset_test_hooks() {}
LONG test_hook(HKEY, bool) { return ERROR_SUCCESS; }
#endif

// The value's data with the folder put in, quoted when asked and it has a space. The caller
// frees *out with HeapFree when it is not e.text.
LONG expand(const Entry& e, const BYTE** data, DWORD* size, wchar_t** out) {
  *out = nullptr;
  if ((e.flags & kTemplate) == 0) {
    *data = e.text != nullptr ? reinterpret_cast<const BYTE*>(e.text)
                              : reinterpret_cast<const BYTE*>(e.bytes);
    *size = e.text != nullptr ? e.text_chars * static_cast<DWORD>(sizeof(wchar_t)) : e.byte_count;
    return ERROR_SUCCESS;
  }
  DWORD markers = 0;
  for (DWORD i = 0; i < e.text_chars; ++i) markers += e.text[i] == L'\1' ? 1u : 0u;
  const DWORD capacity = e.text_chars + markers * g_folder_length + 2;
  wchar_t* buf = static_cast<wchar_t*>(HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(wchar_t)));
  if (buf == nullptr) return ERROR_OUTOFMEMORY;
  DWORD n = 0;
  bool space = false;
  const bool quote = (e.flags & kQuoteIfSpace) != 0;
  if (quote) buf[n++] = L'"';
  for (DWORD i = 0; i < e.text_chars; ++i) {
    if (e.text[i] == L'\1') {
      for (DWORD j = 0; j < g_folder_length; ++j) buf[n++] = g_folder[j];
    } else {
      buf[n++] = e.text[i];
    }
  }
  // A path with a space is quoted (so CreateProcess cannot run a prefix of it), as comreg's
  // planner does; kQuoteIfSpace is set only on REG_SZ / REG_EXPAND_SZ, one terminator.
  if (quote) {
    for (DWORD i = 1; i + 1 < n; ++i) space = space || buf[i] == L' ';
    if (space) {
      buf[n - 1] = L'"';
      buf[n++] = L'\0';
    } else {
      for (DWORD i = 1; i < n; ++i) buf[i - 1] = buf[i];
      --n;
    }
  }
  *out = buf;
  *data = reinterpret_cast<const BYTE*>(buf);
  *size = n * static_cast<DWORD>(sizeof(wchar_t));
  return ERROR_SUCCESS;
}

)interpreter",
    R"interpreter(// The prior state of one place DllRegisterServer changes: a key it created (`name` null;
// `key` the topmost key that was missing, a heap copy) or a value with its prior type and bytes
// (`prior` null when it was absent).
struct Undo {
  wchar_t* key;
  const wchar_t* name;
  BYTE* prior;
  DWORD type;
  DWORD size;
};

struct Journal {
  Undo* items;
  DWORD count;
  DWORD capacity;
};

bool journal_add(Journal& j, const Undo& u) {
  if (j.count == j.capacity) {
    const DWORD capacity = j.capacity == 0 ? 64 : j.capacity * 2;
    void* p = j.items == nullptr
                  ? HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(Undo))
                  : HeapReAlloc(GetProcessHeap(), 0, j.items, capacity * sizeof(Undo));
    if (p == nullptr) return false;
    j.items = static_cast<Undo*>(p);
    j.capacity = capacity;
  }
  j.items[j.count++] = u;
  return true;
}

void journal_free(Journal& j) {
  for (DWORD i = 0; i < j.count; ++i) {
    if (j.items[i].name == nullptr) HeapFree(GetProcessHeap(), 0, j.items[i].key);
    if (j.items[i].prior != nullptr) HeapFree(GetProcessHeap(), 0, j.items[i].prior);
  }
  if (j.items != nullptr) HeapFree(GetProcessHeap(), 0, j.items);
  j.items = nullptr;
  j.count = j.capacity = 0;
}

LONG key_exists(HKEY root, const wchar_t* path, bool* exists) {
  HKEY key = nullptr;
  const LONG r = RegOpenKeyExW(root, path, 0, KEY_QUERY_VALUE | kView, &key);
  *exists = r == ERROR_SUCCESS;
  if (r == ERROR_SUCCESS) RegCloseKey(key);
  return r == ERROR_SUCCESS || r == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : r;
}

// Records `path` before it is created: if it is missing, its topmost missing ancestor (so the
// containers made on the way go too). *created says whether the key is new.
LONG record_key(HKEY root, const wchar_t* path, Journal& j, bool* created) {
  bool exists = false;
  LONG r = key_exists(root, path, &exists);
  *created = !exists;
  if (r != ERROR_SUCCESS || exists) return r;
  DWORD length = 0;
  while (path[length] != L'\0') ++length;
  wchar_t* top = static_cast<wchar_t*>(HeapAlloc(GetProcessHeap(), 0, (length + 1) * sizeof(wchar_t)));
  if (top == nullptr) return ERROR_OUTOFMEMORY;
  for (DWORD i = 0; i <= length; ++i) top[i] = path[i];
  // Climb while the parent is missing too.
  for (DWORD end = length; end > 0;) {
    DWORD cut = end;
    while (cut > 0 && top[cut - 1] != L'\\') --cut;
    if (cut == 0) break;
    top[cut - 1] = L'\0';
    r = key_exists(root, top, &exists);
    if (r != ERROR_SUCCESS || exists) {
      top[cut - 1] = L'\\';
      top[end] = L'\0';
      break;
    }
    end = cut - 1;
  }
  Undo u = {top, nullptr, nullptr, 0, 0};
  if (r == ERROR_SUCCESS && !journal_add(j, u)) r = ERROR_OUTOFMEMORY;
  if (r != ERROR_SUCCESS) HeapFree(GetProcessHeap(), 0, top);
  return r;
}

// A value's type and bytes (*data null when absent); the caller frees *data.
LONG read_value(HKEY key, const wchar_t* name, DWORD* type, BYTE** data, DWORD* size) {
  *data = nullptr;
  for (;;) {
    DWORD need = 0;
    LONG r = RegQueryValueExW(key, name, nullptr, type, nullptr, &need);
    if (r == ERROR_FILE_NOT_FOUND) return ERROR_SUCCESS;
    if (r != ERROR_SUCCESS) return r;
    BYTE* buf = static_cast<BYTE*>(HeapAlloc(GetProcessHeap(), 0, need + 1));
    if (buf == nullptr) return ERROR_OUTOFMEMORY;
    *size = need;
    r = RegQueryValueExW(key, name, nullptr, type, buf, size);
    if (r == ERROR_SUCCESS) {
      *data = buf;
      return r;
    }
    HeapFree(GetProcessHeap(), 0, buf);
    if (r == ERROR_FILE_NOT_FOUND) return ERROR_SUCCESS;
    if (r != ERROR_MORE_DATA) return r;  // it grew in between: read again
  }
}

LONG record_value(HKEY key, const wchar_t* path, const wchar_t* name, Journal& j) {
  Undo u = {const_cast<wchar_t*>(path), name, nullptr, 0, 0};
  LONG r = read_value(key, name, &u.type, &u.prior, &u.size);
  if (r == ERROR_SUCCESS && !journal_add(j, u)) {
    if (u.prior != nullptr) HeapFree(GetProcessHeap(), 0, u.prior);
    r = ERROR_OUTOFMEMORY;
  }
  return r;
}

// Deletes the key the handle names (ntdll's NtDeleteKey; it fails while the key has subkeys).
// Keys are opened as links (REG_OPTION_OPEN_LINK) and deleted by handle because
// RegDeleteTreeW and RegDeleteKeyExW open by name, through a registry link planted in the
// key's place or below it, and delete what the link names, with the rights of the caller,
// often an elevated regsvr32; opened as a link, a link is deleted itself.
LONG delete_open_key(HKEY key) {
  typedef LONG(WINAPI * DeleteFn)(HANDLE);
  typedef ULONG(WINAPI * ToErrorFn)(LONG);
  const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  if (ntdll == nullptr) return ERROR_PROC_NOT_FOUND;
  const DeleteFn delete_key = reinterpret_cast<DeleteFn>(
      reinterpret_cast<void (*)()>(GetProcAddress(ntdll, "NtDeleteKey")));
  const ToErrorFn to_error = reinterpret_cast<ToErrorFn>(
      reinterpret_cast<void (*)()>(GetProcAddress(ntdll, "RtlNtStatusToDosError")));
  if (delete_key == nullptr || to_error == nullptr) return ERROR_PROC_NOT_FOUND;
  const LONG status = delete_key(key);
  return status == 0 ? ERROR_SUCCESS : static_cast<LONG>(to_error(status));
}

// Deletes the open key after everything below it, each subkey opened as a link, not through
// it. Trees this file makes are a few levels deep; a deeper one was planted, and the depth
// bound keeps the stack small in whatever process loaded the DLL.
LONG delete_open_tree(HKEY key, DWORD depth) {
  if (depth > 32) return ERROR_CANTWRITE;
  wchar_t name[256];  // key names are at most 255 characters
  for (DWORD vanished = 0;;) {
    DWORD length = 256;
    LONG r = RegEnumKeyExW(key, 0, name, &length, nullptr, nullptr, nullptr, nullptr);
    if (r == ERROR_NO_MORE_ITEMS) break;
    if (r != ERROR_SUCCESS) return r;
    HKEY child = nullptr;
    r = RegOpenKeyExW(key, name, REG_OPTION_OPEN_LINK,
                      DELETE | KEY_ENUMERATE_SUB_KEYS | KEY_QUERY_VALUE | kView, &child);
    if (r == ERROR_SUCCESS) {
      r = delete_open_tree(child, depth + 1);
      RegCloseKey(child);
    }
    // Listed, then gone before it was opened: deleted by someone else meanwhile.
    if (r == ERROR_FILE_NOT_FOUND && ++vanished < 1024) continue;
    if (r != ERROR_SUCCESS) return r;
  }
  return delete_open_key(key);
}

LONG delete_tree(HKEY root, const wchar_t* path) {
  HKEY key = nullptr;
  LONG r = RegOpenKeyExW(root, path, REG_OPTION_OPEN_LINK,
                         DELETE | KEY_ENUMERATE_SUB_KEYS | KEY_QUERY_VALUE | kView, &key);
  if (r == ERROR_FILE_NOT_FOUND) return ERROR_SUCCESS;
  if (r == ERROR_SUCCESS) r = test_hook(root, false);
  if (r == ERROR_SUCCESS) r = delete_open_tree(key, 0);
  if (key != nullptr) RegCloseKey(key);
  return r == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : r;
}

// Puts back what the journal recorded, newest first: prior values, absent values deleted,
// created keys deleted with their trees.
LONG restore(HKEY root, const Journal& j) {
  LONG first_error = ERROR_SUCCESS;
  for (DWORD i = j.count; i > 0; --i) {
    const Undo& u = j.items[i - 1];
    LONG r = ERROR_SUCCESS;
    if (u.name == nullptr) {
      r = delete_tree(root, u.key);
    } else {
      HKEY key = nullptr;
      r = RegOpenKeyExW(root, u.key, 0, KEY_SET_VALUE | kView, &key);
      if (r == ERROR_SUCCESS) r = test_hook(root, false);
      if (r == ERROR_SUCCESS) {
        r = u.prior != nullptr ? RegSetValueExW(key, u.name, 0, u.type, u.prior, u.size)
                               : RegDeleteValueW(key, u.name);
      }
      if (key != nullptr) RegCloseKey(key);
      if (r == ERROR_FILE_NOT_FOUND && u.prior == nullptr) r = ERROR_SUCCESS;
    }
    if (first_error == ERROR_SUCCESS) first_error = r;
  }
  return first_error;
}

// Writes every entry below `root`, recording first what each write changes; on failure puts
// the registry back as it was and returns the failure.
LONG install(HKEY root) {
  Journal j = {nullptr, 0, 0};
  HKEY key = nullptr;
  const wchar_t* path = nullptr;
  bool fresh = false;  // the current key was created by this call: its values need no record
  LONG r = ERROR_SUCCESS;
  for (const Entry& e : kEntries) {
    if (e.kind == kKey) {
      if (key != nullptr) RegCloseKey(key);
      key = nullptr;
      path = e.name;
      r = record_key(root, e.name, j, &fresh);
      if (r == ERROR_SUCCESS) r = test_hook(root, true);
      if (r == ERROR_SUCCESS) {
        r = RegCreateKeyExW(root, e.name, 0, nullptr, REG_OPTION_NON_VOLATILE,
                            KEY_SET_VALUE | KEY_CREATE_SUB_KEY | KEY_QUERY_VALUE | kView, nullptr,
                            &key, nullptr);
      }
    } else {
      const BYTE* data = nullptr;
      DWORD size = 0;
      wchar_t* expanded = nullptr;
      r = fresh ? ERROR_SUCCESS : record_value(key, path, e.name, j);
      if (r == ERROR_SUCCESS) r = expand(e, &data, &size, &expanded);
      if (r == ERROR_SUCCESS) r = test_hook(root, true);
      if (r == ERROR_SUCCESS) r = RegSetValueExW(key, e.name, 0, e.type, data, size);
      if (expanded != nullptr) HeapFree(GetProcessHeap(), 0, expanded);
    }
    if (r != ERROR_SUCCESS) break;
  }
  if (key != nullptr) RegCloseKey(key);
  // A failed restore cannot be reported better than the write that failed.
  if (r != ERROR_SUCCESS) restore(root, j);
  journal_free(j);
  return r;
}

)interpreter",
    R"interpreter(// Whether `text` (n characters) is `pattern` (m) with any run of non-NUL characters in place
// of each U+0001: the value as DllRegisterServer wrote it from whatever folder the DLL was in.
bool matches(const wchar_t* pattern, DWORD m, const wchar_t* text, DWORD n) {
  DWORD p = 0;
  DWORD t = 0;
  while (p < m && pattern[p] != L'\1') {
    if (t >= n || text[t] != pattern[p]) return false;
    ++p;
    ++t;
  }
  if (p == m) return t == n;
  for (DWORD skip = t; skip <= n; ++skip) {
    if (matches(pattern + p + 1, m - p - 1, text + skip, n - skip)) return true;
    if (skip < n && text[skip] == L'\0') break;
  }
  return false;
}

// Whether the value still holds what this entry writes (its folder may be another one).
bool holds_entry(const Entry& e, DWORD type, const BYTE* data, DWORD size) {
  if (type != e.type) return false;
  if ((e.flags & kTemplate) == 0) {
    const BYTE* mine = nullptr;
    DWORD mine_size = 0;
    wchar_t* unused = nullptr;
    expand(e, &mine, &mine_size, &unused);
    if (size != mine_size) return false;
    for (DWORD i = 0; i < size; ++i) {
      if (data[i] != mine[i]) return false;
    }
    return true;
  }
  if (size % sizeof(wchar_t) != 0) return false;
  const wchar_t* text = reinterpret_cast<const wchar_t*>(data);
  const DWORD n = size / static_cast<DWORD>(sizeof(wchar_t));
  if ((e.flags & kQuoteIfSpace) != 0 && n >= 3 && text[0] == L'"' && text[n - 2] == L'"' &&
      text[n - 1] == L'\0' && matches(e.text, e.text_chars - 1, text + 1, n - 3)) {
    return true;
  }
  return matches(e.text, e.text_chars, text, n);
}

bool is_empty(HKEY key) {
  DWORD subkeys = 0;
  DWORD values = 0;
  const LONG r = RegQueryInfoKeyW(key, nullptr, nullptr, nullptr, &subkeys, nullptr, nullptr,
                                  &values, nullptr, nullptr, nullptr, nullptr);
  return r == ERROR_SUCCESS && subkeys == 0 && values == 0;
}

// Deletes the key at `path` when nothing is in it; *deleted says whether it went. The key is
// opened as a link, and checked and deleted through one handle: a link planted in its place
// holds its SymbolicLinkValue, so it is not empty and stays, and the key it names is never
// looked at. A key that may not be deleted is an error only when it is empty.
LONG delete_if_empty(HKEY root, const wchar_t* path, bool* deleted) {
  *deleted = false;
  HKEY key = nullptr;
  LONG r = RegOpenKeyExW(root, path, REG_OPTION_OPEN_LINK, DELETE | KEY_QUERY_VALUE | kView, &key);
  if (r == ERROR_ACCESS_DENIED &&
      RegOpenKeyExW(root, path, REG_OPTION_OPEN_LINK, KEY_QUERY_VALUE | kView, &key) ==
          ERROR_SUCCESS) {
    if (!is_empty(key)) r = ERROR_SUCCESS;
    RegCloseKey(key);
    return r;
  }
  if (r != ERROR_SUCCESS) return r == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : r;
  if (is_empty(key)) {
    r = test_hook(root, false);
    if (r == ERROR_SUCCESS) r = delete_open_key(key);
    *deleted = r == ERROR_SUCCESS;
  }
  RegCloseKey(key);
  return r == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : r;
}

// Without a record of what DllRegisterServer created, the table's data is the proof of
// ownership: a value goes only while it holds what the table writes (in any key), and a key
// goes only when it is one of the server's own (not shared) and nothing is left in it. So
// what another version or product put in or over the server's keys stays.
LONG uninstall(HKEY root) {
  LONG first_error = ERROR_SUCCESS;
  HKEY key = nullptr;
  const wchar_t* path = nullptr;
  for (const Entry& e : kEntries) {
    LONG r = ERROR_SUCCESS;
    if (e.kind == kKey) {
      if (key != nullptr) RegCloseKey(key);
      key = nullptr;
      path = e.name;
      // As a link, not through one (delete_open_key says why): a link in the key's place has
      // none of the table's values, so nothing is removed from the key it names.
      r = RegOpenKeyExW(root, e.name, REG_OPTION_OPEN_LINK, KEY_QUERY_VALUE | kView, &key);
      if (r == ERROR_FILE_NOT_FOUND) r = ERROR_SUCCESS;
    } else if (key != nullptr) {
      DWORD type = 0;
      BYTE* data = nullptr;
      DWORD size = 0;
      r = read_value(key, e.name, &type, &data, &size);
      if (r == ERROR_SUCCESS && data != nullptr && holds_entry(e, type, data, size)) {
        HKEY writable = nullptr;
        r = test_hook(root, false);
        if (r == ERROR_SUCCESS) {
          r = RegOpenKeyExW(root, path, REG_OPTION_OPEN_LINK, KEY_SET_VALUE | kView, &writable);
        }
        if (r == ERROR_SUCCESS) r = RegDeleteValueW(writable, e.name);
        if (writable != nullptr) RegCloseKey(writable);
        if (r == ERROR_FILE_NOT_FOUND) r = ERROR_SUCCESS;
      }
      if (data != nullptr) HeapFree(GetProcessHeap(), 0, data);
    }
    if (first_error == ERROR_SUCCESS) first_error = r;
  }
  if (key != nullptr) RegCloseKey(key);
  // Own keys left empty, children first; again while a pass deletes one (a child listed
  // before its parent empties the parent only then).
  for (bool deleted = true; deleted;) {
    deleted = false;
    for (DWORD i = static_cast<DWORD>(sizeof kEntries / sizeof kEntries[0]); i > 0; --i) {
      const Entry& e = kEntries[i - 1];
      if (e.kind != kKey || (e.flags & kShared) != 0) continue;
      bool gone = false;
      const LONG r = delete_if_empty(root, e.name, &gone);
      deleted = deleted || gone;
      if (first_error == ERROR_SUCCESS) first_error = r;
    }
  }
  return first_error;
}

HRESULT result(LONG r) {
  return r == ERROR_SUCCESS ? S_OK : HRESULT_FROM_WIN32(static_cast<unsigned long>(r));
}

}  // namespace

// Registers every entry and returns S_OK only then; on failure puts back what it changed.
STDAPI DllRegisterServer(void) {
  reset_test_hooks();
  if (!module_folder(g_folder, static_cast<DWORD>(sizeof g_folder / sizeof g_folder[0]),
                     g_folder_length)) {
    return HRESULT_FROM_WIN32(GetLastError());
  }
  LONG r = install(kRoot);
  if (r == ERROR_ACCESS_DENIED && kPerUserFallback) r = install(HKEY_CURRENT_USER);
  return result(r);
}

// Removes what the table writes where it still holds the table's data; S_OK when none of it
// is left (also when there was nothing to remove). With the per-user fallback both roots are
// cleaned, and a machine registration it may not remove is an error.
STDAPI DllUnregisterServer(void) {
  reset_test_hooks();
  if (!module_folder(g_folder, static_cast<DWORD>(sizeof g_folder / sizeof g_folder[0]),
                     g_folder_length)) {
    return HRESULT_FROM_WIN32(GetLastError());
  }
  LONG r = uninstall(kRoot);
  if (kPerUserFallback) {
    const LONG user = uninstall(HKEY_CURRENT_USER);
    if (r == ERROR_SUCCESS) r = user;
  }
  return result(r);
}
)interpreter"};

void append_octal(std::string& out, unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\%03o", v);
  out += buf;
}

// A wide string literal of the UTF-16 code units of `utf8` (no terminator added by us).
std::string wide_literal(const std::string& utf8) {
  std::string out = "L\"";
  const std::u16string units = text::to_utf16(utf8);
  for (std::size_t i = 0; i < units.size(); ++i) {
    const char16_t u = units[i];
    if (u == u'\\') {
      out += "\\\\";
    } else if (u == u'"') {
      out += "\\\"";
    } else if (u == u'?') {
      out += "\\?";  // never part of a trigraph
    } else if (u >= 0x20 && u < 0x7F) {
      out.push_back(static_cast<char>(u));
    } else if (u < 0xA0) {
      append_octal(out, u);
    } else if (u >= 0xD800 && u < 0xDC00 && i + 1 < units.size()) {
      const char32_t cp = 0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) +
                          (static_cast<char32_t>(units[i + 1]) - 0xDC00);
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\U%08X", static_cast<unsigned>(cp));
      out += buf;
      ++i;
    } else {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(u));
      out += buf;
    }
  }
  return out + "\"";
}

std::size_t utf16_length(const std::string& utf8) {
  return text::to_utf16(utf8).size();
}

class SelfregWriter {
 public:
  SelfregWriter(const Plan& plan, const SelfregWriteOptions& options, Diagnostics& diagnostics)
      : plan_(plan), options_(options), diagnostics_(diagnostics) {}

  std::string run() {
    // A DllRegisterServer that writes nothing must not return S_OK (and C++ has no empty array).
    if (plan_.ops.empty()) {
      diagnostics_.error("selfreg-empty", "the description registers nothing", {},
                         "add a server, type library, interface or category");
      return {};
    }
    const bool machine = plan_.options.scope == Scope::machine;
    std::string out;
    out.reserve(plan_.ops.size() * 120 + 8192);
    out += "// Generated by comreg selfreg from " + options_.source_name +
           ": do not edit, regenerate.\n"
           "// DllRegisterServer / DllUnregisterServer apply the registration comreg plans for\n"
           "// it (scope " +
           std::string(to_string(plan_.options.scope)) + ", view " + to_string(plan_.options.view) +
           "); ${installdir} is the folder of the DLL this file is linked into.\n"
           "// Export both from the server's .def file:\n"
           "//   DllRegisterServer PRIVATE\n"
           "//   DllUnregisterServer PRIVATE\n"
           "#if !defined(_WIN32_WINNT) || _WIN32_WINNT < 0x0600\n"
           "#undef _WIN32_WINNT\n"
           "#define _WIN32_WINNT 0x0600  // Windows Vista and later\n"
           "#endif\n"
           "#ifndef WIN32_LEAN_AND_MEAN\n"
           "#define WIN32_LEAN_AND_MEAN\n"
           "#endif\n"
           "#include <windows.h>\n\n"
           "namespace {\n\n"
           "enum : unsigned char { kKey = 0, kValue = 1 };\n"
           "enum : unsigned char { kOwnedRoot = 1, kShared = 2, kTemplate = 4, kQuoteIfSpace = 8 "
           "};\n\n"
           "// One operation: a key (path below the root) or a value of the key before it. String\n"
           "// data is UTF-16 with its terminators; U+0001 marks where the DLL's folder goes.\n"
           "struct Entry {\n"
           "  unsigned char kind;\n"
           "  unsigned char flags;\n"
           "  DWORD type;\n"
           "  const wchar_t* name;\n"
           "  const wchar_t* text;\n"
           "  DWORD text_chars;\n"
           "  const char* bytes;\n"
           "  DWORD byte_count;\n"
           "};\n\n";
    out += std::string("const HKEY kRoot = ") +
           (machine ? "HKEY_LOCAL_MACHINE" : "HKEY_CURRENT_USER") + ";\n";
    out += std::string("const REGSAM kView = ") +
           (plan_.options.view == View::v32 ? "KEY_WOW64_32KEY" : "KEY_WOW64_64KEY") + ";\n";
    out += std::string("const bool kPerUserFallback = ") +
           (machine && options_.per_user_fallback ? "true" : "false") + ";\n\n";
    out += "const Entry kEntries[] = {\n";
    const auto keys = plan_keys(plan_);
    for (const auto& k : keys) entry_key(out, k);
    out += "};\n";
    for (const char* part : interpreter) out += part;
    return out;
  }

 private:
  void entry_key(std::string& out, const PlanKey& k) {
    std::string flags = k.owned_root ? "kOwnedRoot" : k.shared ? "kShared" : "0";
    out += "    {kKey, " + flags + ", 0, " + wide_literal(classes_path(k.key->key)) +
           ", nullptr, 0, nullptr, 0},\n";
    for (const Operation* v : k.values) entry_value(out, *v);
  }

  // `s` with ${installdir} as the marker the interpreter replaces with the DLL's folder.
  std::string resolve(std::string_view s, const Operation& op, const SymbolicValue* symbolic) {
    static const std::map<std::string, std::string> refs{{"installdir", std::string(1, marker)}};
    std::string unknown;
    std::string out = apply_splices(s, reference_splices(symbolic, s, refs, false, &unknown),
                                    [](std::string_view t) { return std::string(t); });
    if (!unknown.empty() && reported_.insert(unknown).second) {  // once per name
      diagnostics_.error("undefined-placeholder",
                         "placeholder '${" + unknown +
                             "}' is not defined (selfreg resolves only "
                             "${installdir}, at run time)",
                         {"", 0, 0, plan_.origin_of(op)}, "pass --define " + unknown + "=VALUE");
    }
    return out;
  }

  void entry_value(std::string& out, const Operation& op) {
    const RegValue& v = op.value;
    char type[24];
    std::snprintf(type, sizeof type, "%u", static_cast<unsigned>(v.type));
    if (v.type == RegType::sz || v.type == RegType::expand_sz || v.type == RegType::binary ||
        v.type == RegType::dword || v.type == RegType::multi_sz || v.type == RegType::qword) {
      std::snprintf(type, sizeof type, "%s", reg_type_name(v.type).c_str());
    }
    const bool is_text = (v.type == RegType::sz || v.type == RegType::expand_sz) && v.bytes.empty();
    const bool is_multi = v.type == RegType::multi_sz && v.bytes.empty();
    std::string flags = "0";
    std::string data = "nullptr, 0, nullptr, 0";
    if (is_text || is_multi) {
      std::string units;  // the strings with their terminators, but the last one
      bool templated = false;
      if (is_text) {
        const SymbolicValue* symbolic = plan_.symbolic_of(op);
        templated = symbolic != nullptr;
        // Quotes the planner put around the whole value only because of the folder: the
        // interpreter adds them when the folder it finds has a space. (With arguments after
        // the path they stay: quoting is always safe.)
        if (templated && symbolic->quote_if_spaced && v.text.size() >= 2 &&
            symbolic->closing_quote == v.text.size() - 1) {
          units = resolve(std::string_view(v.text).substr(0, symbolic->closing_quote), op, symbolic)
                      .substr(1);
          flags = "kQuoteIfSpace";
        } else {
          units = resolve(v.text, op, symbolic);
        }
      } else {
        for (const auto& s : v.strings) {
          units += resolve(s, op, nullptr);
          units.push_back('\0');
        }
        if (v.strings.empty()) units.push_back('\0');
      }
      if (templated) flags = flags == "0" ? "kTemplate" : "kTemplate | " + flags;
      const std::size_t chars = utf16_length(units) + 1;
      data = wide_literal(units) + ", " + std::to_string(chars) + ", nullptr, 0";
    } else {
      const auto bytes = v.raw_bytes();
      std::string literal = "\"";
      for (std::uint8_t b : bytes) append_octal(literal, b);
      literal += "\"";
      data = "nullptr, 0, " + literal + ", " + std::to_string(bytes.size());
    }
    out +=
        "    {kValue, " + flags + ", " + type + ", " + wide_literal(op.name) + ", " + data + "},\n";
  }

  const Plan& plan_;
  const SelfregWriteOptions& options_;
  Diagnostics& diagnostics_;
  std::set<std::string> reported_;  // placeholders already reported
};

}  // namespace

InstallerWriteResult write_selfreg(const Plan& plan, const SelfregWriteOptions& options) {
  InstallerWriteResult result;
  std::string text = SelfregWriter(plan, options, result.diagnostics).run();
  if (!result.diagnostics.has_errors()) result.text = std::move(text);
  return result;
}

}  // namespace comreg
