// Win32Backend: RegCreateKeyExW / RegSetValueExW / RegDeleteTreeW / RegQueryValueExW /
// RegEnumKeyExW / RegEnumValueW with an explicit WOW64 view; UTF-16 throughout.
#include "comreg/win32_backend.hpp"

#include <windows.h>

#include "text/utf.hpp"

namespace comreg {
namespace {

// Owns an open HKEY; the predefined roots are never closed.
class UniqueKey {
 public:
  UniqueKey() = default;
  explicit UniqueKey(HKEY key) : key_(key) {}
  UniqueKey(const UniqueKey&) = delete;
  UniqueKey& operator=(const UniqueKey&) = delete;
  UniqueKey(UniqueKey&& other) noexcept : key_(other.key_) { other.key_ = nullptr; }
  ~UniqueKey() {
    if (key_ != nullptr) RegCloseKey(key_);
  }
  HKEY get() const { return key_; }
  HKEY* put() { return &key_; }

 private:
  HKEY key_ = nullptr;
};

struct SplitPath {
  HKEY root = nullptr;
  std::wstring subkey;
};

bool split(std::string_view path, SplitPath& out) {
  static const std::pair<const char*, HKEY> roots[] = {{"HKEY_CURRENT_USER", HKEY_CURRENT_USER},
                                                       {"HKEY_LOCAL_MACHINE", HKEY_LOCAL_MACHINE},
                                                       {"HKEY_CLASSES_ROOT", HKEY_CLASSES_ROOT},
                                                       {"HKEY_USERS", HKEY_USERS}};
  const std::size_t sep = path.find('\\');
  const std::string_view root = path.substr(0, sep);
  for (const auto& [name, key] : roots) {
    if (root == name) {
      out.root = key;
      const std::u16string sub =
          text::to_utf16(sep == std::string_view::npos ? std::string_view() : path.substr(sep + 1));
      out.subkey.assign(sub.begin(), sub.end());
      return true;
    }
  }
  return false;
}

std::wstring wide(std::string_view s) {
  const std::u16string u = text::to_utf16(s);
  return std::wstring(u.begin(), u.end());
}

std::string narrow(const wchar_t* s, std::size_t n) {
  return text::to_utf8(std::u16string(s, s + n));
}

Status failure(LSTATUS rc, std::string_view what, std::string_view key) {
  if (rc == ERROR_ACCESS_DENIED) {
    return Status::failure(BackendErrc::access_denied,
                           "access denied to " + std::string(key) +
                               ": run elevated (as administrator), or use --scope user");
  }
  if (rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND) {
    return Status::failure(BackendErrc::not_found, std::string(key) + " does not exist");
  }
  return Status::failure(BackendErrc::io, std::string(what) + " " + std::string(key) +
                                              " failed (Windows error " + std::to_string(rc) + ")");
}

REGSAM view_flag(View view) {
  return view == View::v32 ? KEY_WOW64_32KEY : KEY_WOW64_64KEY;
}

}  // namespace

Win32Backend::Win32Backend(View view) : view_(view) {}

Win32Backend::~Win32Backend() {
  close_cached();
}

void Win32Backend::close_cached() const {
  if (cached_.handle != nullptr) RegCloseKey(static_cast<HKEY>(cached_.handle));
  cached_ = OpenKey{};
}

// Returns the open key (owned by the cache) or nullptr with `status` set.
void* Win32Backend::open(std::string_view key, unsigned long access, bool create, long& status,
                         bool* created) const {
  if (created != nullptr) *created = false;
  if (cached_.handle != nullptr && cached_.path == key && (cached_.access & access) == access) {
    status = ERROR_SUCCESS;
    return cached_.handle;
  }
  SplitPath p;
  if (!split(key, p)) {
    status = ERROR_BAD_PATHNAME;
    return nullptr;
  }
  close_cached();
  HKEY handle = nullptr;
  DWORD disposition = 0;
  const REGSAM sam = static_cast<REGSAM>(access) | view_flag(view_);
  status = create ? RegCreateKeyExW(p.root, p.subkey.c_str(), 0, nullptr, REG_OPTION_NON_VOLATILE,
                                    sam, nullptr, &handle, &disposition)
                  : RegOpenKeyExW(p.root, p.subkey.c_str(), 0, sam, &handle);
  if (status != ERROR_SUCCESS) return nullptr;
  if (created != nullptr) *created = disposition == REG_CREATED_NEW_KEY;
  cached_ = OpenKey{std::string(key), handle, access};
  return handle;
}

Status Win32Backend::create_key(std::string_view key) {
  long rc = 0;
  open(key, KEY_READ | KEY_WRITE, /*create=*/true, rc);
  if (rc == ERROR_BAD_PATHNAME) {
    return Status::failure(BackendErrc::unsupported, "unknown root in " + std::string(key));
  }
  return rc == ERROR_SUCCESS ? Status::success() : failure(rc, "creating", key);
}

Status Win32Backend::ensure_key(std::string_view key, bool& created) {
  long rc = 0;
  open(key, KEY_READ | KEY_WRITE, /*create=*/true, rc, &created);
  if (rc == ERROR_BAD_PATHNAME) {
    return Status::failure(BackendErrc::unsupported, "unknown root in " + std::string(key));
  }
  return rc == ERROR_SUCCESS ? Status::success() : failure(rc, "creating", key);
}

Status Win32Backend::set_value(std::string_view key, std::string_view name, const RegValue& value) {
  long rc = 0;
  const auto k = static_cast<HKEY>(open(key, KEY_READ | KEY_WRITE, /*create=*/false, rc));
  if (k == nullptr) return failure(rc, "opening", key);
  const std::vector<std::uint8_t> data = value.raw_bytes();
  rc = RegSetValueExW(k, name.empty() ? nullptr : wide(name).c_str(), 0,
                      static_cast<DWORD>(value.type), data.empty() ? nullptr : data.data(),
                      static_cast<DWORD>(data.size()));
  return rc == ERROR_SUCCESS ? Status::success() : failure(rc, "setting a value of", key);
}

Status Win32Backend::delete_value(std::string_view key, std::string_view name) {
  long rc = 0;
  const auto k = static_cast<HKEY>(open(key, KEY_READ | KEY_WRITE, /*create=*/false, rc));
  if (rc == ERROR_FILE_NOT_FOUND) return Status::success();
  if (k == nullptr) return failure(rc, "opening", key);
  rc = RegDeleteValueW(k, name.empty() ? nullptr : wide(name).c_str());
  return rc == ERROR_SUCCESS || rc == ERROR_FILE_NOT_FOUND
             ? Status::success()
             : failure(rc, "deleting a value of", key);
}

Status Win32Backend::delete_tree(std::string_view key) {
  SplitPath p;
  if (!split(key, p) || p.subkey.empty()) {
    return Status::failure(BackendErrc::unsupported, "refusing to delete " + std::string(key));
  }
  close_cached();  // it may be the key going away, or inside it
  // Open the parent in the view, then delete the child tree relative to it: RegDeleteTreeW
  // has no view flag of its own.
  const std::size_t sep = p.subkey.find_last_of(L'\\');
  const std::wstring parent = sep == std::wstring::npos ? std::wstring() : p.subkey.substr(0, sep);
  const std::wstring child = sep == std::wstring::npos ? p.subkey : p.subkey.substr(sep + 1);
  UniqueKey k;
  LSTATUS rc = RegOpenKeyExW(p.root, parent.c_str(), 0,
                             KEY_READ | KEY_WRITE | DELETE | view_flag(view_), k.put());
  if (rc == ERROR_FILE_NOT_FOUND) return Status::success();
  if (rc != ERROR_SUCCESS) return failure(rc, "opening the parent of", key);
  rc = RegDeleteTreeW(k.get(), child.c_str());
  if (rc == ERROR_SUCCESS || rc == ERROR_FILE_NOT_FOUND) {
    rc = RegDeleteKeyExW(k.get(), child.c_str(), view_flag(view_), 0);
    if (rc == ERROR_SUCCESS || rc == ERROR_FILE_NOT_FOUND) return Status::success();
  }
  return failure(rc, "deleting", key);
}

bool Win32Backend::key_exists(std::string_view key) const {
  long rc = 0;
  return open(key, KEY_READ, /*create=*/false, rc) != nullptr;
}

std::optional<RegValue> Win32Backend::get_value(std::string_view key, std::string_view name) const {
  long rc = 0;
  const auto k = static_cast<HKEY>(open(key, KEY_READ, /*create=*/false, rc));
  if (k == nullptr) return std::nullopt;
  const std::wstring w = wide(name);
  const wchar_t* value_name = name.empty() ? nullptr : w.c_str();
  DWORD type = 0;
  DWORD size = 0;
  if (RegQueryValueExW(k, value_name, nullptr, &type, nullptr, &size) != ERROR_SUCCESS) {
    return std::nullopt;
  }
  std::vector<std::uint8_t> data(size);
  for (;;) {  // the value may grow between the two calls
    const LSTATUS status = RegQueryValueExW(k, value_name, nullptr, &type,
                                            data.empty() ? nullptr : data.data(), &size);
    if (status == ERROR_MORE_DATA) {
      data.resize(size);
      continue;
    }
    if (status != ERROR_SUCCESS) return std::nullopt;
    data.resize(size);
    return RegValue::from_raw(static_cast<RegType>(type), std::move(data));
  }
}

std::vector<std::string> Win32Backend::subkeys(std::string_view key) const {
  std::vector<std::string> out;
  long rc = 0;
  const auto k = static_cast<HKEY>(open(key, KEY_READ, /*create=*/false, rc));
  if (k == nullptr) return out;
  wchar_t name[256];  // key names are at most 255 characters
  for (DWORD i = 0;; ++i) {
    DWORD length = 256;
    if (RegEnumKeyExW(k, i, name, &length, nullptr, nullptr, nullptr, nullptr) != ERROR_SUCCESS) {
      break;
    }
    out.push_back(narrow(name, length));
  }
  return out;
}

std::vector<std::string> Win32Backend::value_names(std::string_view key) const {
  std::vector<std::string> out;
  long rc = 0;
  const auto k = static_cast<HKEY>(open(key, KEY_READ, /*create=*/false, rc));
  if (k == nullptr) return out;
  std::vector<wchar_t> name(16384);  // value names are at most 16383 characters
  for (DWORD i = 0;; ++i) {
    DWORD length = static_cast<DWORD>(name.size());
    if (RegEnumValueW(k, i, name.data(), &length, nullptr, nullptr, nullptr, nullptr) !=
        ERROR_SUCCESS) {
      break;
    }
    out.push_back(narrow(name.data(), length));
  }
  return out;
}

}  // namespace comreg
