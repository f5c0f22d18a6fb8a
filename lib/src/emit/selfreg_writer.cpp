// SelfregWriter: the plan as a table of entries in C++ plus a fixed interpreter for it.
//
// ${installdir} becomes U+0001 in the table's strings and is replaced at run time by the
// folder of the module that contains the table (GetModuleHandleExW from an address), so the
// DLL registers itself where it is. Strings are wide literals (escaped: ASCII as is, other
// code points as universal character names, control characters in octal), other data octal
// byte strings: portable to MSVC and mingw-w64, and compiled in O(table) time.
#include <cstdio>
#include <set>

#include "comreg/selfreg_writer.hpp"
#include "emit/plan_keys.hpp"
#include "text/utf.hpp"

namespace comreg {
namespace {

constexpr char marker = '\x01';

// The fixed part after the table: the interpreter of kEntries.
constexpr const char* interpreter = R"interpreter(
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

LONG install(HKEY root) {
  HKEY key = nullptr;
  LONG r = ERROR_SUCCESS;
  for (const Entry& e : kEntries) {
    if (e.kind == kKey) {
      if (key != nullptr) RegCloseKey(key);
      key = nullptr;
      r = RegCreateKeyExW(root, e.name, 0, nullptr, REG_OPTION_NON_VOLATILE,
                          KEY_SET_VALUE | KEY_CREATE_SUB_KEY | kView, nullptr, &key, nullptr);
    } else {
      const BYTE* data = nullptr;
      DWORD size = 0;
      wchar_t* expanded = nullptr;
      r = expand(e, &data, &size, &expanded);
      if (r == ERROR_SUCCESS) r = RegSetValueExW(key, e.name, 0, e.type, data, size);
      if (expanded != nullptr) HeapFree(GetProcessHeap(), 0, expanded);
    }
    if (r != ERROR_SUCCESS) break;
  }
  if (key != nullptr) RegCloseKey(key);
  return r;
}

LONG delete_tree(HKEY root, const wchar_t* path) {
  HKEY key = nullptr;
  LONG r = RegOpenKeyExW(
      root, path, 0, DELETE | KEY_ENUMERATE_SUB_KEYS | KEY_QUERY_VALUE | KEY_SET_VALUE | kView,
      &key);
  if (r == ERROR_FILE_NOT_FOUND) return ERROR_SUCCESS;
  if (r != ERROR_SUCCESS) return r;
  r = RegDeleteTreeW(key, nullptr);
  RegCloseKey(key);
  if (r != ERROR_SUCCESS) return r;
  r = RegDeleteKeyExW(root, path, kView, 0);
  return r == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : r;
}

// Owned trees go whole; in shared keys only the values this table set.
LONG uninstall(HKEY root) {
  LONG first_error = ERROR_SUCCESS;
  const wchar_t* shared_key = nullptr;
  for (const Entry& e : kEntries) {
    LONG r = ERROR_SUCCESS;
    if (e.kind == kKey) {
      shared_key = (e.flags & kShared) != 0 ? e.name : nullptr;
      if ((e.flags & kOwnedRoot) != 0) r = delete_tree(root, e.name);
    } else if (shared_key != nullptr) {
      HKEY key = nullptr;
      r = RegOpenKeyExW(root, shared_key, 0, KEY_SET_VALUE | kView, &key);
      if (r == ERROR_SUCCESS) {
        r = RegDeleteValueW(key, e.name);
        RegCloseKey(key);
      }
      if (r == ERROR_FILE_NOT_FOUND) r = ERROR_SUCCESS;
    }
    if (first_error == ERROR_SUCCESS) first_error = r;
  }
  return first_error;
}

HRESULT result(LONG r) {
  return r == ERROR_SUCCESS ? S_OK : HRESULT_FROM_WIN32(static_cast<unsigned long>(r));
}

}  // namespace

// Registers every entry; on failure removes what it wrote and returns the error.
STDAPI DllRegisterServer(void) {
  if (!module_folder(g_folder, static_cast<DWORD>(sizeof g_folder / sizeof g_folder[0]),
                     g_folder_length)) {
    return HRESULT_FROM_WIN32(GetLastError());
  }
  LONG r = install(kRoot);
  if (r != ERROR_SUCCESS) uninstall(kRoot);
  if (r == ERROR_ACCESS_DENIED && kPerUserFallback) {
    r = install(HKEY_CURRENT_USER);
    if (r != ERROR_SUCCESS) uninstall(HKEY_CURRENT_USER);
  }
  return result(r);
}

// Removes what DllRegisterServer wrote (and what others added under the server's own keys).
STDAPI DllUnregisterServer(void) {
  LONG r = uninstall(kRoot);
  if (r == ERROR_ACCESS_DENIED && kPerUserFallback) r = uninstall(HKEY_CURRENT_USER);
  return result(r);
}
)interpreter";

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
  SelfregWriter(const Plan& plan, const Plan& unspaced, const SelfregWriteOptions& options,
                Diagnostics& diagnostics)
      : plan_(plan), unspaced_(unspaced), options_(options), diagnostics_(diagnostics) {}

  std::string run() {
    if (plan_.ops.size() != unspaced_.ops.size()) {
      diagnostics_.error("selfreg-internal", "the two plans of the description differ in size", {});
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
           "#define _WIN32_WINNT 0x0600  // RegDeleteTreeW, RegDeleteKeyExW\n"
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
    out += interpreter;
    return out;
  }

 private:
  void entry_key(std::string& out, const PlanKey& k) {
    std::string flags = k.owned_root ? "kOwnedRoot" : k.shared ? "kShared" : "0";
    out += "    {kKey, " + flags + ", 0, " + wide_literal(classes_path(k.key->key)) +
           ", nullptr, 0, nullptr, 0},\n";
    for (const Operation* v : k.values) entry_value(out, *v);
  }

  // The unspaced plan's operation at the same place as `op`.
  const Operation& twin(const Operation& op) const {
    return unspaced_.ops[static_cast<std::size_t>(&op - plan_.ops.data())];
  }

  std::string resolve(const std::string& s, const Operation& op) {
    const std::map<std::string, std::string> refs{{"installdir", std::string(1, marker)}};
    std::string unknown;
    std::string out = substitute_symbolic(s, refs, false, &unknown);
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
        templated = has_symbolic(v.text);
        units = resolve(v.text, op);
        // Quotes only the spaced plan has: the planner quotes paths with spaces.
        const std::string other = resolve(twin(op).value.text, op);
        if (templated && other != units && "\"" + other + "\"" == units) {
          units = other;
          flags = "kQuoteIfSpace";
        }
      } else {
        for (const auto& s : v.strings) {
          templated = templated || has_symbolic(s);
          units += resolve(s, op);
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
  const Plan& unspaced_;
  const SelfregWriteOptions& options_;
  Diagnostics& diagnostics_;
  std::set<std::string> reported_;  // placeholders already reported
};

}  // namespace

InstallerWriteResult write_selfreg(const Plan& plan, const Plan& unspaced,
                                   const SelfregWriteOptions& options) {
  InstallerWriteResult result;
  std::string text = SelfregWriter(plan, unspaced, options, result.diagnostics).run();
  if (!result.diagnostics.has_errors()) result.text = std::move(text);
  return result;
}

}  // namespace comreg
