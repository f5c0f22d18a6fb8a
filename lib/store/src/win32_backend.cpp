// Win32Backend: RegCreateKeyExW / RegSetValueExW / RegDeleteTreeW / RegQueryValueExW /
// RegEnumKeyExW / RegEnumValueW with an explicit WOW64 view; UTF-16 throughout. Inside a
// kernel transaction, keys are opened with the transacted functions instead, so every write
// made through them joins the transaction.
#include "comreg/store/win32_backend.hpp"

#include <windows.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/ascii.hpp"
#include "core/folded_ids.hpp"
#include "core/utf.hpp"

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

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

REGSAM view_flag(View view) {
  return view == View::v32 ? KEY_WOW64_32KEY : KEY_WOW64_64KEY;
}

// The view a key is opened in: the store's, except for comreg's bookkeeping, which is one for
// both views (is_software_bookkeeping()).
REGSAM view_flag(View view, std::string_view key) {
  return is_software_bookkeeping(key) ? KEY_WOW64_64KEY : view_flag(view);
}

// The kernel transaction manager, looked up at run time: importing it would stop comreg.exe
// from starting where a function is missing (Wine implements some only as stubs).
struct Ktm {
  using CreateTransactionFn = HANDLE(WINAPI*)(LPSECURITY_ATTRIBUTES, LPGUID, DWORD, DWORD, DWORD,
                                              DWORD, LPWSTR);
  using EndTransactionFn = BOOL(WINAPI*)(HANDLE);
  using CreateKeyFn = LSTATUS(WINAPI*)(HKEY, LPCWSTR, DWORD, LPWSTR, DWORD, REGSAM,
                                       const LPSECURITY_ATTRIBUTES, PHKEY, LPDWORD, HANDLE, PVOID);
  using OpenKeyFn = LSTATUS(WINAPI*)(HKEY, LPCWSTR, DWORD, REGSAM, PHKEY, HANDLE, PVOID);
  using DeleteKeyFn = LSTATUS(WINAPI*)(HKEY, LPCWSTR, REGSAM, DWORD, HANDLE, PVOID);

  CreateTransactionFn create = nullptr;
  EndTransactionFn commit = nullptr;
  EndTransactionFn rollback = nullptr;
  CreateKeyFn create_key = nullptr;
  OpenKeyFn open_key = nullptr;
  DeleteKeyFn delete_key = nullptr;
  std::string missing;  // the first function not found

  template <typename F>
  void find(HMODULE module, const char* name, F& out) {
    const FARPROC p = module != nullptr ? GetProcAddress(module, name) : nullptr;
    // Through void(*)(): the one function-pointer cast GCC does not warn about.
    out = reinterpret_cast<F>(reinterpret_cast<void (*)()>(p));
    if (out == nullptr && missing.empty()) missing = name;
  }

  static const Ktm& get() {
    static const Ktm ktm = [] {
      Ktm k;
      const HMODULE ktmw32 = LoadLibraryW(L"ktmw32.dll");
      const HMODULE advapi32 = GetModuleHandleW(L"advapi32.dll");
      k.find(ktmw32, "CreateTransaction", k.create);
      k.find(ktmw32, "CommitTransaction", k.commit);
      k.find(ktmw32, "RollbackTransaction", k.rollback);
      k.find(advapi32, "RegCreateKeyTransactedW", k.create_key);
      k.find(advapi32, "RegOpenKeyTransactedW", k.open_key);
      k.find(advapi32, "RegDeleteKeyTransactedW", k.delete_key);
      return k;
    }();
    return ktm;
  }
};

}  // namespace

// Paths kept one after the other in one buffer and found by a hash compared folded: no folded
// copy per question and no node per key (a hash set of strings was a fifth of comreg.exe's own
// time in an install under Wine, its lookups missing the caches).
struct Win32Backend::KnownKeys {
  PackedFoldedIds paths;
};

Win32Backend::Win32Backend(View view) : view_(view), known_(std::make_unique<KnownKeys>()) {}

Win32Backend::~Win32Backend() {
  abort();  // a transaction never committed is rolled back
  close_cached();
  close_retired();
}

// The handle goes to `retired_`, closed when the store goes or when there are many: a close is
// a request to the registry like any other (under Wine, a round trip to wineserver, a fifth of
// an install's), and a process that ends with the store open (the CLI does) has them all
// closed by the system at once, without a request each.
void Win32Backend::close_cached() const {
  if (cached_.handle != nullptr) {
    retired_.push_back(cached_.handle);
    if (retired_.size() >= kRetiredAtMost) close_retired();
  }
  cached_ = OpenKey{};
}

void Win32Backend::close_retired() const {
  for (void* handle : retired_) RegCloseKey(static_cast<HKEY>(handle));
  retired_.clear();
}

// A key that exists has all its ancestors: they are remembered with it, up to the first one
// already known, so each is added once.
void Win32Backend::remember(std::string_view key) const {
  while (known_->paths.add({key}).second) {
    const std::size_t sep = key.rfind('\\');
    if (sep == std::string_view::npos) return;
    key = key.substr(0, sep);
  }
}

void Win32Backend::forget() const {
  // Made anew or swapped, not cleared, and only when not empty: an uninstall forgets once per
  // tree it deletes, tens of thousands of times, and clear() walks every bucket, empty or
  // not, as many as every key its reads made known (quadratic in the registration's size).
  if (known_->paths.size() != 0) known_ = std::make_unique<KnownKeys>();
  if (!listings_.empty()) std::unordered_map<std::string, Listing>().swap(listings_);
}

// The listing of `parent` once it answers the questions below it; nullptr while asking one by
// one is cheaper, and for good when it cannot be trusted: a name outside ASCII (Windows folds
// its case by its own table) or an enumeration that failed. Listing a parent with n subkeys
// costs n round trips, paid only after n questions below it: never more than twice the
// questions' own cost.
const Win32Backend::Listing* Win32Backend::listing(std::string_view parent,
                                                   const std::string& folded_parent) const {
  Listing& l = listings_[folded_parent];
  if (l.listed) return &l;
  if (++l.questions < l.list_at) return nullptr;
  constexpr std::size_t never = SIZE_MAX;
  long rc = 0;
  const auto k = static_cast<HKEY>(open(parent, KEY_READ, /*create=*/false, rc));
  DWORD count = 0;
  if (k == nullptr ||
      RegQueryInfoKeyW(k, nullptr, nullptr, nullptr, &count, nullptr, nullptr, nullptr, nullptr,
                       nullptr, nullptr, nullptr) != ERROR_SUCCESS) {
    l.list_at = never;
    return nullptr;
  }
  if (count > l.questions) {
    l.list_at = count;
    return nullptr;
  }
  std::unordered_set<std::string> names;
  names.reserve(count);
  wchar_t name[256];  // key names are at most 255 characters
  for (DWORD i = 0;; ++i) {
    DWORD length = 256;
    const LSTATUS status = RegEnumKeyExW(k, i, name, &length, nullptr, nullptr, nullptr, nullptr);
    if (status == ERROR_NO_MORE_ITEMS) break;
    const std::string n = status == ERROR_SUCCESS ? narrow(name, length) : std::string();
    if (status != ERROR_SUCCESS || !is_ascii(n)) {
      l.list_at = never;
      return nullptr;
    }
    names.insert(text::fold_case(n));
  }
  l.names = std::move(names);
  l.listed = true;
  return &l;
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
  const REGSAM sam = static_cast<REGSAM>(access) | view_flag(view_, key);
  if (transaction_ != nullptr) {
    const Ktm& ktm = Ktm::get();
    status = create
                 ? ktm.create_key(p.root, p.subkey.c_str(), 0, nullptr, REG_OPTION_NON_VOLATILE,
                                  sam, nullptr, &handle, &disposition, transaction_, nullptr)
                 : ktm.open_key(p.root, p.subkey.c_str(), 0, sam, &handle, transaction_, nullptr);
  } else {
    status = create ? RegCreateKeyExW(p.root, p.subkey.c_str(), 0, nullptr, REG_OPTION_NON_VOLATILE,
                                      sam, nullptr, &handle, &disposition)
                    : RegOpenKeyExW(p.root, p.subkey.c_str(), 0, sam, &handle);
  }
  if (status != ERROR_SUCCESS) return nullptr;
  if (created != nullptr) *created = disposition == REG_CREATED_NEW_KEY;
  cached_ = OpenKey{std::string(key), handle, access};
  remember(key);
  return handle;
}

Status Win32Backend::create_key(std::string_view key) {
  writing();
  long rc = 0;
  open(key, KEY_READ | KEY_WRITE, /*create=*/true, rc);
  if (rc == ERROR_BAD_PATHNAME) {
    return Status::failure(BackendErrc::unsupported, "unknown root in " + std::string(key));
  }
  return rc == ERROR_SUCCESS ? Status::success() : failure(rc, "creating", key);
}

Status Win32Backend::ensure_key(std::string_view key, bool& created) {
  writing();
  long rc = 0;
  open(key, KEY_READ | KEY_WRITE, /*create=*/true, rc, &created);
  if (rc == ERROR_BAD_PATHNAME) {
    return Status::failure(BackendErrc::unsupported, "unknown root in " + std::string(key));
  }
  return rc == ERROR_SUCCESS ? Status::success() : failure(rc, "creating", key);
}

Status Win32Backend::set_value(std::string_view key, std::string_view name, const RegValue& value) {
  writing();
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
  writing();
  long rc = 0;
  const auto k = static_cast<HKEY>(open(key, KEY_READ | KEY_WRITE, /*create=*/false, rc));
  if (rc == ERROR_FILE_NOT_FOUND) return Status::success();
  if (k == nullptr) return failure(rc, "opening", key);
  rc = RegDeleteValueW(k, name.empty() ? nullptr : wide(name).c_str());
  return rc == ERROR_SUCCESS || rc == ERROR_FILE_NOT_FOUND
             ? Status::success()
             : failure(rc, "deleting a value of", key);
}

namespace {

// The most values and subkeys together of a key read whole to answer later questions from; a
// container (CLSID) is only counted.
constexpr unsigned long kReadWholeUpTo = 64;

// ntdll's NtDeleteKey and RtlNtStatusToDosError, looked up at run time like NtQueryKey.
struct NtKeyDelete {
  using DeleteFn = LONG(WINAPI*)(HANDLE);
  using ToErrorFn = ULONG(WINAPI*)(LONG);
  DeleteFn remove = nullptr;
  ToErrorFn to_error = nullptr;

  static const NtKeyDelete& get() {
    static const NtKeyDelete nt = [] {
      NtKeyDelete out;
      const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
      if (ntdll == nullptr) return out;
      out.remove = reinterpret_cast<DeleteFn>(
          reinterpret_cast<void (*)()>(GetProcAddress(ntdll, "NtDeleteKey")));
      out.to_error = reinterpret_cast<ToErrorFn>(
          reinterpret_cast<void (*)()>(GetProcAddress(ntdll, "RtlNtStatusToDosError")));
      return out;
    }();
    return nt;
  }
  bool available() const { return remove != nullptr && to_error != nullptr; }
};

// The names of the open key's subkeys: its count, then one request per name. False when the
// key cannot be asked.
bool list_subkeys(HKEY k, std::vector<std::wstring>& names) {
  DWORD count = 0;
  if (RegQueryInfoKeyW(k, nullptr, nullptr, nullptr, &count, nullptr, nullptr, nullptr, nullptr,
                       nullptr, nullptr, nullptr) != ERROR_SUCCESS) {
    return false;
  }
  names.reserve(count);
  wchar_t name[256];  // key names are at most 255 characters
  for (DWORD i = 0; i < count; ++i) {
    DWORD length = 256;
    const LSTATUS rc = RegEnumKeyExW(k, i, name, &length, nullptr, nullptr, nullptr, nullptr);
    if (rc == ERROR_NO_MORE_ITEMS) break;
    if (rc != ERROR_SUCCESS) return false;
    names.emplace_back(name, length);
  }
  return true;
}

}  // namespace

// Deletes the open key `k` (opened with DELETE and KEY_READ; `folded` its path) after
// everything below it. Per key: its open, the delete and the close, and where the key was not
// read since the last write, one RegQueryInfoKeyW and one RegEnumKeyExW per subkey; Wine's
// RegDeleteTreeW made about nine requests of each key (it opens every key twice, once to list
// it and once to delete it, and asks "no more?" of each). A subkey made since the key was read
// makes the delete fail, and the key is listed again. Subkeys are opened as links, not
// through them: a link planted in the tree goes, not what it names.
long Win32Backend::delete_below(void* key, const std::string& folded, unsigned long sam) {
  const auto k = static_cast<HKEY>(key);
  const NtKeyDelete& nt = NtKeyDelete::get();
  std::vector<std::wstring> names;
  if (const auto it = read_.find(folded); it != read_.end()) {
    for (const auto& n : it->second.subkeys) names.push_back(wide(n));
    read_.erase(it);
  } else if (!list_subkeys(k, names)) {
    return ERROR_ACCESS_DENIED;
  }
  for (int round = 0; round < 4; ++round) {
    for (const auto& n : names) {
      UniqueKey child;
      LSTATUS rc = RegOpenKeyExW(k, n.c_str(), REG_OPTION_OPEN_LINK, sam, child.put());
      if (rc == ERROR_FILE_NOT_FOUND) continue;  // deleted meanwhile
      if (rc != ERROR_SUCCESS) return rc;
      rc = delete_below(child.get(), folded + "\\" + text::fold_case(narrow(n.data(), n.size())),
                        sam);
      if (rc != ERROR_SUCCESS) return rc;
    }
    const LONG status = nt.remove(k);
    if (status == 0) return ERROR_SUCCESS;
    names.clear();
    if (!list_subkeys(k, names) || names.empty()) {
      return static_cast<LSTATUS>(nt.to_error(status));
    }
  }
  return ERROR_ACCESS_DENIED;  // subkeys keep appearing
}

Status Win32Backend::delete_tree(std::string_view key) {
  SplitPath p;
  if (!split(key, p) || p.subkey.empty()) {
    return Status::failure(BackendErrc::unsupported, "refusing to delete " + std::string(key));
  }
  close_cached();  // it may be the key going away, or inside it
  forget();        // the keys in the tree go; finding which are is not worth a round trip saved
  const NtKeyDelete& nt = NtKeyDelete::get();
  if (transaction_ == nullptr && nt.available()) {
    // What was read of the keys in the tree is used to delete them and forgotten with them;
    // of the rest, only the parent changes (it loses a subkey).
    const std::string folded = text::fold_case(key);
    read_.erase(folded.substr(0, folded.rfind('\\')));
    UniqueKey k;
    const REGSAM sam = KEY_READ | DELETE | view_flag(view_, key);
    // The key itself is opened through links on its path, as every other call opens it.
    LSTATUS rc = RegOpenKeyExW(p.root, p.subkey.c_str(), 0, sam, k.put());
    if (rc == ERROR_FILE_NOT_FOUND) return Status::success();
    if (rc == ERROR_SUCCESS) rc = delete_below(k.get(), folded, sam);
    return rc == ERROR_SUCCESS ? Status::success() : failure(rc, "deleting", key);
  }
  writing();
  // In a transaction: open the parent in the view, then delete the child tree relative to it
  // (RegDeleteTreeW has no view flag of its own).
  const std::size_t sep = p.subkey.find_last_of(L'\\');
  const std::wstring parent = sep == std::wstring::npos ? std::wstring() : p.subkey.substr(0, sep);
  const std::wstring child = sep == std::wstring::npos ? p.subkey : p.subkey.substr(sep + 1);
  UniqueKey k;
  const REGSAM sam = KEY_READ | KEY_WRITE | DELETE | view_flag(view_, key);
  const Ktm& ktm = Ktm::get();
  LSTATUS rc = transaction_ != nullptr
                   ? ktm.open_key(p.root, parent.c_str(), 0, sam, k.put(), transaction_, nullptr)
                   : RegOpenKeyExW(p.root, parent.c_str(), 0, sam, k.put());
  if (rc == ERROR_FILE_NOT_FOUND) return Status::success();
  if (rc != ERROR_SUCCESS) return failure(rc, "opening the parent of", key);
  // On a key opened in a transaction, the tree delete is part of the transaction too.
  rc = RegDeleteTreeW(k.get(), child.c_str());
  if (rc == ERROR_SUCCESS || rc == ERROR_FILE_NOT_FOUND) {
    rc = transaction_ != nullptr
             ? ktm.delete_key(k.get(), child.c_str(), view_flag(view_, key), 0, transaction_,
                              nullptr)
             : RegDeleteKeyExW(k.get(), child.c_str(), view_flag(view_, key), 0);
    if (rc == ERROR_SUCCESS || rc == ERROR_FILE_NOT_FOUND) return Status::success();
  }
  return failure(rc, "deleting", key);
}

bool Win32Backend::begin(std::string& why) {
  // What was read stays true: a transaction starts from what is committed, which was read.
  const Ktm& ktm = Ktm::get();
  if (!ktm.missing.empty()) {
    why = "no kernel transactions here (" + ktm.missing + " not found)";
    return false;
  }
  HANDLE tx = ktm.create(nullptr, nullptr, 0, 0, 0, 0, nullptr);
  if (tx == INVALID_HANDLE_VALUE) {
    why = "no kernel transactions here (CreateTransaction: Windows error " +
          std::to_string(GetLastError()) + ")";
    return false;
  }
  // The probe: a transaction that works opens a key in it (Wine's stubs fail here, error 120).
  HKEY probe = nullptr;
  const LSTATUS rc = ktm.open_key(HKEY_CURRENT_USER, L"Software", 0, KEY_READ | view_flag(view_),
                                  &probe, tx, nullptr);
  if (rc != ERROR_SUCCESS) {
    CloseHandle(tx);
    why = "no kernel transactions here (RegOpenKeyTransactedW: Windows error " +
          std::to_string(rc) + ")";
    return false;
  }
  RegCloseKey(probe);
  close_cached();  // from now on keys are opened in the transaction
  forget();
  transaction_ = tx;
  return true;
}

Status Win32Backend::commit() {
  writing();
  if (transaction_ == nullptr) return Status::success();
  close_cached();
  const bool ok = Ktm::get().commit(transaction_) != FALSE;
  const DWORD error = ok ? 0 : GetLastError();
  CloseHandle(transaction_);
  transaction_ = nullptr;
  if (ok) return Status::success();
  return Status::failure(
      BackendErrc::io,
      "committing the kernel transaction failed (Windows error " + std::to_string(error) + ")");
}

void Win32Backend::abort() {
  writing();
  if (transaction_ == nullptr) return;
  close_cached();
  forget();  // keys created in the transaction are gone
  Ktm::get().rollback(transaction_);
  CloseHandle(transaction_);
  transaction_ = nullptr;
}

namespace {

// The kernel's name of a key ("\REGISTRY\MACHINE\SOFTWARE\Wow6432Node\Classes\…"), which says
// where a view's redirection took it; "" when it cannot be opened or named. NtQueryKey is
// looked up at run time, like the transaction functions.
std::wstring kernel_name(HKEY root, const std::wstring& subkey, REGSAM view, HANDLE transaction) {
  UniqueKey k;
  const Ktm& ktm = Ktm::get();
  const REGSAM sam = KEY_QUERY_VALUE | view;
  const LSTATUS rc = transaction != nullptr
                         ? ktm.open_key(root, subkey.c_str(), 0, sam, k.put(), transaction, nullptr)
                         : RegOpenKeyExW(root, subkey.c_str(), 0, sam, k.put());
  if (rc != ERROR_SUCCESS) return {};
  using NtQueryKeyFn = LONG(WINAPI*)(HANDLE, int, PVOID, ULONG, PULONG);
  static const NtQueryKeyFn query = [] {
    const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    const FARPROC p = ntdll != nullptr ? GetProcAddress(ntdll, "NtQueryKey") : nullptr;
    return reinterpret_cast<NtQueryKeyFn>(reinterpret_cast<void (*)()>(p));
  }();
  if (query == nullptr) return {};
  constexpr int key_name_information = 3;  // KEY_NAME_INFORMATION: ULONG length, WCHAR name[]
  std::vector<unsigned char> info(512);
  ULONG needed = 0;
  LONG status =
      query(k.get(), key_name_information, info.data(), static_cast<ULONG>(info.size()), &needed);
  if (status != 0 && needed > info.size()) {
    info.resize(needed);
    status =
        query(k.get(), key_name_information, info.data(), static_cast<ULONG>(info.size()), &needed);
  }
  ULONG bytes = 0;
  if (status != 0 || info.size() < sizeof bytes) return {};
  std::memcpy(&bytes, info.data(), sizeof bytes);
  if (bytes > info.size() - sizeof bytes) return {};
  std::wstring name(bytes / sizeof(wchar_t), L'\0');
  std::memcpy(name.data(), info.data() + sizeof bytes, name.size() * sizeof(wchar_t));
  return name;
}

}  // namespace

bool Win32Backend::same_key_in_both_views(std::string_view key) const {
  SplitPath p;
  if (!split(key, p)) return true;
  const std::wstring native = kernel_name(p.root, p.subkey, KEY_WOW64_64KEY, transaction_);
  const std::wstring wow = kernel_name(p.root, p.subkey, KEY_WOW64_32KEY, transaction_);
  // Where a name cannot be had, keep to the safe side: a key taken for shared is kept.
  if (native.empty() || wow.empty()) return native.empty() == wow.empty();
  return native == wow;
}

bool Win32Backend::key_exists(std::string_view key) const {
  if (known_->paths.find(key) != FoldedIndex::none) return true;
  const std::string folded = text::fold_case(key);
  // Only in the native view: in a redirected one, a shared key (a ProgID on Windows 7 and
  // later) is found by its path but not listed below the parent the view opens.
#ifdef _WIN64
  const bool native = view_ == View::v64;
#else
  const bool native = false;
#endif
  const std::size_t sep = key.rfind('\\');
  if (native && transaction_ == nullptr && sep != std::string_view::npos &&
      is_ascii(key.substr(sep + 1))) {
    if (const Listing* l = listing(key.substr(0, sep), folded.substr(0, sep))) {
      return l->names.count(folded.substr(sep + 1)) != 0;
    }
  }
  long rc = 0;
  return open(key, KEY_READ, /*create=*/false, rc) != nullptr;
}

std::optional<RegValue> Win32Backend::get_value(std::string_view key, std::string_view name) const {
  if (!read_.empty() || whole_reads_) {
    // From a key read whole since the last write. A name spelled otherwise than stored (a
    // case the fold does not match) is asked of the registry, which decides.
    std::string folded = text::fold_case(key);
    const auto it = read_.find(folded);
    const KeyContents* whole = it != read_.end() ? &it->second
                               : whole_reads_    ? read_whole(key, std::move(folded))
                                                 : nullptr;
    if (whole != nullptr) {
      for (const auto& [n, v] : whole->values) {
        if (n == name || text::iequals(n, name)) return v;
      }
    }
  }
  long rc = 0;
  const auto k = static_cast<HKEY>(open(key, KEY_READ, /*create=*/false, rc));
  if (k == nullptr) return std::nullopt;
  const std::wstring w = wide(name);
  const wchar_t* value_name = name.empty() ? nullptr : w.c_str();
  // Asked straight into a buffer that holds most values (a path, a GUID, a DWORD), so one
  // request reads one; a longer value says its size and is asked again. Asking the size first
  // made two requests of every value.
  std::vector<std::uint8_t> data(512);
  for (;;) {  // the value may grow between two calls
    DWORD type = 0;
    DWORD size = static_cast<DWORD>(data.size());
    const LSTATUS status = RegQueryValueExW(k, value_name, nullptr, &type, data.data(), &size);
    if (status == ERROR_MORE_DATA) {
      data.resize(std::max<std::size_t>(size, data.size() * 2));
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

// Uninstall asks the counts of every key it may remove, then (for its journal) reads each one
// that goes, and in between reads the values it wrote there: a small key is read whole here,
// once, and kept until the next write answers the rest without another request.
std::optional<KeyCounts> Win32Backend::key_counts(std::string_view key) const {
  std::string folded = text::fold_case(key);
  if (const auto it = read_.find(folded); it != read_.end()) {
    return KeyCounts{it->second.values.size(), it->second.subkeys.size()};
  }
  long rc = 0;
  const auto k = static_cast<HKEY>(open(key, KEY_READ, /*create=*/false, rc));
  if (k == nullptr) return std::nullopt;
  KeyShape shape;
  if (!query_shape(k, shape)) return RegistryBackend::key_counts(key);  // as the names count
  if (shape.values + shape.subkeys <= kReadWholeUpTo) {
    KeyContents contents = read_open(k, shape);
    const KeyCounts counts{contents.values.size(), contents.subkeys.size()};
    read_.emplace(std::move(folded), std::move(contents));
    return counts;
  }
  return KeyCounts{shape.values, shape.subkeys};
}

// A journal reads every key of each tree an uninstall deletes. RegQueryInfoKeyW gives the
// counts and the longest name and data, then one RegEnumValueW per value gives its name, type
// and data at once and one RegEnumKeyExW per subkey its name, with no closing call that
// answers "no more" (a key with no values or subkeys costs none). The default (names listed,
// then each value asked its size and then its data) made three requests per value and two
// more per key; under Wine each is a round trip to wineserver. Something written meanwhile
// beyond the counts is not seen: the tree is being deleted, and it goes with it.
std::optional<KeyContents> Win32Backend::read_key(std::string_view key) const {
  if (const auto it = read_.find(text::fold_case(key)); it != read_.end()) {
    return it->second;  // kept: delete_tree() deletes by its subkeys next
  }
  long rc = 0;
  const auto k = static_cast<HKEY>(open(key, KEY_READ, /*create=*/false, rc));
  if (k == nullptr) return std::nullopt;
  KeyShape shape;
  if (!query_shape(k, shape)) return RegistryBackend::read_key(key);
  return read_open(k, shape);
}

bool Win32Backend::query_shape(void* key, KeyShape& shape) const {
  return RegQueryInfoKeyW(static_cast<HKEY>(key), nullptr, nullptr, nullptr, &shape.subkeys,
                          nullptr, nullptr, &shape.values, &shape.longest_name, &shape.longest_data,
                          nullptr, nullptr) == ERROR_SUCCESS;
}

KeyContents Win32Backend::read_open(void* key, const KeyShape& shape) const {
  const auto k = static_cast<HKEY>(key);
  KeyContents out;
  out.values.reserve(shape.values);
  std::vector<wchar_t> name(shape.values == 0 ? 0 : shape.longest_name + 1);
  std::vector<std::uint8_t> data(shape.values == 0 ? 0 : shape.longest_data);
  for (unsigned long i = 0; i < shape.values;) {
    DWORD name_length = static_cast<DWORD>(name.size());
    DWORD size = static_cast<DWORD>(data.size());
    DWORD type = 0;
    const LSTATUS status = RegEnumValueW(k, i, name.data(), &name_length, nullptr, &type,
                                         data.empty() ? nullptr : data.data(), &size);
    if (status == ERROR_MORE_DATA) {  // written meanwhile, longer than the key said
      name.resize(std::max<std::size_t>(name.size(), 16384));  // the longest a name can be
      data.resize(std::max<std::size_t>(data.size() * 2, size));
      continue;
    }
    if (status != ERROR_SUCCESS) break;  // ERROR_NO_MORE_ITEMS: deleted meanwhile
    out.values.emplace_back(
        narrow(name.data(), name_length),
        RegValue::from_raw(static_cast<RegType>(type),
                           std::vector<std::uint8_t>(data.begin(), data.begin() + size)));
    ++i;
  }
  out.subkeys.reserve(shape.subkeys);
  wchar_t subkey[256];  // key names are at most 255 characters
  for (unsigned long i = 0; i < shape.subkeys; ++i) {
    DWORD length = 256;
    if (RegEnumKeyExW(k, i, subkey, &length, nullptr, nullptr, nullptr, nullptr) != ERROR_SUCCESS) {
      break;
    }
    out.subkeys.push_back(narrow(subkey, length));
  }
  return out;
}

void Win32Backend::writing() const {
  whole_reads_ = false;
  // Swapped, not cleared: clear() walks every bucket, and installs write after every read.
  if (!read_.empty()) std::unordered_map<std::string, KeyContents>().swap(read_);
}

const KeyContents* Win32Backend::read_whole(std::string_view key, std::string folded) const {
  long rc = 0;
  const auto k = static_cast<HKEY>(open(key, KEY_READ, /*create=*/false, rc));
  KeyShape shape;
  if (k == nullptr || !query_shape(k, shape) || shape.values + shape.subkeys > kReadWholeUpTo) {
    return nullptr;
  }
  return &read_.emplace(std::move(folded), read_open(k, shape)).first->second;
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
