// TrustedFolder on Windows. The folder is created with a protected DACL (SYSTEM and
// Administrators; for a per-user folder also the user), opened with FILE_FLAG_OPEN_REPARSE_POINT
// and checked after opening: not a reparse point, its final path the one asked for (no junction
// on the way), its owner a trustee and no allow ACE giving anyone else a right to change it.
// The handle is held without FILE_SHARE_DELETE, so the folder cannot be renamed or replaced
// while the run lasts. Files are opened the same way and checked for one link and their owner.
//
// Wine keeps no owners or ACLs of its own: it reports the Unix owner as the Wine user and
// derives the DACL from the mode bits. Under Wine, that user is therefore accepted as owner of
// a machine folder too, and the DACL check (other users' write bits) still applies.
#include <windows.h>
// windows.h first: the security headers need its types.
#include <aclapi.h>
#include <sddl.h>

#include <vector>

#include "apply/trusted_folder.hpp"
#include "core/utf.hpp"

namespace comreg::journal_io {
namespace {

std::wstring wide(const std::string& utf8) {
  const std::u16string w = text::to_utf16(utf8);
  return std::wstring(w.begin(), w.end());
}

std::string narrow(const std::wstring& w) {
  return text::to_utf8(std::u16string(w.begin(), w.end()));
}

std::string error_text(DWORD e) {
  return "Windows error " + std::to_string(e);
}

Status failure(const std::string& what) {
  return Status::failure(BackendErrc::io, what);
}

Status untrusted(const std::string& path, const std::string& why, JournalTrust trust) {
  return Status::failure(
      BackendErrc::access_denied,
      "the journal folder " + path + " is not safe to use: " + why +
          "; a journal there could have been planted by someone else, so comreg will not read or "
          "write it. " +
          (trust == JournalTrust::machine
               ? "As an administrator, remove the folder (after checking for an unfinished run) "
                 "and run again: comreg creates it with SYSTEM and Administrators as its only "
                 "writers"
               : "Remove the folder (after checking for an unfinished run) and run again") +
          ", or set COMREG_JOURNAL_DIR to a folder only they can write");
}

bool under_wine() {
  const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  return ntdll != nullptr && GetProcAddress(ntdll, "wine_get_version") != nullptr;
}

// The process user's SID, as SDDL text and as bytes.
struct TokenUser {
  std::wstring text;
  std::vector<BYTE> sid;
};

TokenUser token_user() {
  TokenUser out;
  HANDLE token = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return out;
  DWORD size = 0;
  GetTokenInformation(token, ::TokenUser, nullptr, 0, &size);
  std::vector<BYTE> buffer(size);
  if (size != 0 && GetTokenInformation(token, ::TokenUser, buffer.data(), size, &size)) {
    const PSID sid = reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid;
    out.sid.assign(static_cast<BYTE*>(sid), static_cast<BYTE*>(sid) + GetLengthSid(sid));
    LPWSTR text = nullptr;
    if (ConvertSidToStringSidW(sid, &text)) {
      out.text = text;
      LocalFree(text);
    }
  }
  CloseHandle(token);
  return out;
}

std::string sid_text(PSID sid) {
  LPWSTR text = nullptr;
  if (!ConvertSidToStringSidW(sid, &text)) return "an unreadable SID";
  const std::string out = narrow(text);
  LocalFree(text);
  return out;
}

bool is_well_known(PSID sid, WELL_KNOWN_SID_TYPE type) {
  BYTE buffer[SECURITY_MAX_SID_SIZE];
  DWORD size = sizeof buffer;
  return CreateWellKnownSid(type, nullptr, buffer, &size) && EqualSid(sid, buffer);
}

// SYSTEM and Administrators always; the user for a per-user folder, and under Wine (see top).
bool is_trustee(PSID sid, JournalTrust trust, const TokenUser& user) {
  if (is_well_known(sid, WinLocalSystemSid) || is_well_known(sid, WinBuiltinAdministratorsSid)) {
    return true;
  }
  if (trust == JournalTrust::machine && !under_wine()) return false;
  return !user.sid.empty() && EqualSid(sid, const_cast<BYTE*>(user.sid.data()));
}

// Rights that let their holder change the object or what is in it.
constexpr DWORD change_rights = FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA |
                                FILE_DELETE_CHILD | FILE_WRITE_ATTRIBUTES | DELETE | WRITE_DAC |
                                WRITE_OWNER | GENERIC_WRITE | GENERIC_ALL | MAXIMUM_ALLOWED;

// "" when only trustees own and may change the object behind `handle`; else why not.
std::string security_problem(HANDLE handle, JournalTrust trust, bool check_dacl) {
  PSID owner = nullptr;
  PACL dacl = nullptr;
  PSECURITY_DESCRIPTOR sd = nullptr;
  const DWORD e = GetSecurityInfo(handle, SE_FILE_OBJECT,
                                  OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &owner,
                                  nullptr, &dacl, nullptr, &sd);
  if (e != ERROR_SUCCESS) return "its permissions cannot be read (" + error_text(e) + ")";
  const TokenUser user = token_user();
  std::string problem;
  if (owner == nullptr || !is_trustee(owner, trust, user)) {
    problem = "it is owned by " + (owner == nullptr ? std::string("nobody") : sid_text(owner));
  } else if (check_dacl && dacl == nullptr) {
    problem = "it has no DACL, so everyone may change it";
  } else if (check_dacl) {
    for (DWORD i = 0; i < dacl->AceCount && problem.empty(); ++i) {
      void* ace = nullptr;
      if (!GetAce(dacl, i, &ace)) continue;
      const auto* header = static_cast<ACE_HEADER*>(ace);
      if (header->AceType == ACCESS_DENIED_ACE_TYPE ||
          header->AceType == ACCESS_DENIED_OBJECT_ACE_TYPE ||
          header->AceType == SYSTEM_AUDIT_ACE_TYPE) {
        continue;  // denying never lets anyone in
      }
      if (header->AceType != ACCESS_ALLOWED_ACE_TYPE) {
        problem = "its DACL has an allow entry of a kind comreg does not evaluate (type " +
                  std::to_string(header->AceType) + ")";
        break;
      }
      const auto* allowed = static_cast<ACCESS_ALLOWED_ACE*>(ace);
      PSID sid = const_cast<DWORD*>(&allowed->SidStart);
      // CREATOR OWNER stands for whoever creates a file in it: that is comreg itself.
      if ((allowed->Mask & change_rights) != 0 && !is_trustee(sid, trust, user) &&
          !is_well_known(sid, WinCreatorOwnerSid)) {
        problem = sid_text(sid) + " may change it";
      }
    }
  }
  LocalFree(sd);
  return problem;
}

// The path Windows reaches through `handle`, without the "\\?\" prefix ("\\?\UNC\" -> "\\").
std::wstring final_path(HANDLE handle) {
  std::wstring buffer(MAX_PATH, L'\0');
  DWORD n = GetFinalPathNameByHandleW(handle, buffer.data(), static_cast<DWORD>(buffer.size()),
                                      FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
  if (n >= buffer.size()) {
    buffer.resize(n + 1);
    n = GetFinalPathNameByHandleW(handle, buffer.data(), static_cast<DWORD>(buffer.size()),
                                  FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
  }
  if (n == 0 || n >= buffer.size()) return {};
  buffer.resize(n);
  if (buffer.rfind(L"\\\\?\\UNC\\", 0) == 0) return L"\\" + buffer.substr(7);
  if (buffer.rfind(L"\\\\?\\", 0) == 0) return buffer.substr(4);
  return buffer;
}

// `path` made absolute, with long names for the parts that exist (8.3 names spelled out).
std::wstring full_long_path(const std::wstring& path) {
  DWORD n = GetFullPathNameW(path.c_str(), 0, nullptr, nullptr);
  if (n == 0) return path;
  std::wstring full(n, L'\0');
  n = GetFullPathNameW(path.c_str(), n, full.data(), nullptr);
  full.resize(n);
  while (full.size() > 3 && full.back() == L'\\') full.pop_back();
  std::wstring out(MAX_PATH, L'\0');
  n = GetLongPathNameW(full.c_str(), out.data(), static_cast<DWORD>(out.size()));
  if (n >= out.size()) {
    out.resize(n + 1);
    n = GetLongPathNameW(full.c_str(), out.data(), static_cast<DWORD>(out.size()));
  }
  if (n == 0 || n >= out.size()) return full;
  out.resize(n);
  return out;
}

bool same_path(const std::wstring& a, const std::wstring& b) {
  return CompareStringOrdinal(a.c_str(), static_cast<int>(a.size()), b.c_str(),
                              static_cast<int>(b.size()), TRUE) == CSTR_EQUAL;
}

// Security attributes with `sddl`; freed with the object.
class SecurityAttributes {
 public:
  explicit SecurityAttributes(const std::wstring& sddl) {
    attributes_.nLength = sizeof attributes_;
    attributes_.bInheritHandle = FALSE;
    ConvertStringSecurityDescriptorToSecurityDescriptorW(
        sddl.c_str(), SDDL_REVISION_1, &attributes_.lpSecurityDescriptor, nullptr);
  }
  ~SecurityAttributes() { LocalFree(attributes_.lpSecurityDescriptor); }
  SecurityAttributes(const SecurityAttributes&) = delete;
  SecurityAttributes& operator=(const SecurityAttributes&) = delete;
  [[nodiscard]] bool ok() const { return attributes_.lpSecurityDescriptor != nullptr; }
  SECURITY_ATTRIBUTES* get() { return &attributes_; }

 private:
  SECURITY_ATTRIBUTES attributes_{};
};

// The trustees' DACL: protected (nothing inherited from a folder users may write), full
// access for SYSTEM, Administrators and, per user, the user; readable by nobody else, since
// journals hold prior registry data.
std::wstring trustee_sddl(JournalTrust trust, bool folder) {
  const std::wstring inherit = folder ? L"OICI" : L"";
  std::wstring sddl = folder && trust == JournalTrust::machine ? L"O:BAD:P" : L"D:P";
  sddl += L"(A;" + inherit + L";FA;;;SY)(A;" + inherit + L";FA;;;BA)";
  if (trust == JournalTrust::user) {
    const TokenUser user = token_user();
    if (!user.text.empty()) sddl += L"(A;" + inherit + L";FA;;;" + user.text + L")";
  }
  return sddl;
}

// A regular file reached by its own name only (no reparse point, one link).
std::string file_problem(HANDLE h, const std::wstring& expected) {
  BY_HANDLE_FILE_INFORMATION info{};
  if (!GetFileInformationByHandle(h, &info)) return error_text(GetLastError());
  if ((info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
    return "it is a link (reparse point)";
  }
  if ((info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0) return "it is a folder";
  if (info.nNumberOfLinks != 1) return "it has other names (hard links)";
  if (!same_path(final_path(h), expected)) return "it is reached through a link";
  return {};
}

}  // namespace

void TrustedFolder::close_handle(std::intptr_t handle) {
  if (handle != -1) CloseHandle(reinterpret_cast<HANDLE>(handle));
}

Status TrustedFolder::open(const std::string& path, JournalTrust trust) {
  close();
  path_ = path;
  trust_ = trust;
  std::wstring full = full_long_path(wide(path));
  // Create what is missing, each folder with the trustees' DACL.
  SecurityAttributes folder_sd(trustee_sddl(trust, /*folder=*/true));
  if (!folder_sd.ok()) return failure("cannot build the journal folder's permissions");
  for (std::size_t i = 3; i <= full.size(); ++i) {  // after "C:\"
    if (i != full.size() && full[i] != L'\\') continue;
    const std::wstring part = full.substr(0, i);
    if (GetFileAttributesW(part.c_str()) != INVALID_FILE_ATTRIBUTES) continue;
    if (!CreateDirectoryW(part.c_str(), folder_sd.get()) &&
        GetLastError() != ERROR_ALREADY_EXISTS) {
      const DWORD e = GetLastError();
      return failure("cannot create the journal folder " + narrow(part) + ": " + error_text(e) +
                     (e == ERROR_ACCESS_DENIED || e == ERROR_INVALID_OWNER
                          ? " (run elevated for the machine registry)"
                          : ""));
    }
  }
  full = full_long_path(full);
  // No FILE_SHARE_DELETE: while this handle lives nobody renames or replaces the folder.
  const HANDLE h = CreateFileW(full.c_str(), READ_CONTROL | FILE_LIST_DIRECTORY | SYNCHRONIZE,
                               FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING,
                               FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    return failure("cannot open the journal folder " + path + ": " + error_text(GetLastError()));
  }
  handle_ = reinterpret_cast<std::intptr_t>(h);
  FILE_ATTRIBUTE_TAG_INFO tag{};
  if (!GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof tag)) {
    const DWORD e = GetLastError();
    close();
    return failure("cannot inspect the journal folder " + path + ": " + error_text(e));
  }
  std::string problem;
  if ((tag.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
    problem = "it is a junction or symbolic link";
  } else if ((tag.FileAttributes & FILE_ATTRIBUTE_DIRECTORY) == 0) {
    problem = "it is not a folder";
  } else if (const std::wstring reached = final_path(h); !same_path(reached, full)) {
    problem = "it is reached through a junction or link (it is " + narrow(reached) + ")";
  } else {
    problem = security_problem(h, trust, /*check_dacl=*/true);
  }
  if (!problem.empty()) {
    close();
    return untrusted(path, problem, trust);
  }
  path_ = narrow(full);
  return Status::success();
}

Status TrustedFolder::write_file(const std::string& name, const std::string& bytes) const {
  const std::string temp = temporary_name(name);
  const std::wstring temp_path = wide(file_path(temp));
  SecurityAttributes file_sd(trustee_sddl(trust_, /*folder=*/false));
  if (!file_sd.ok()) return failure("cannot build the journal's permissions");
  const HANDLE h = CreateFileW(temp_path.c_str(), GENERIC_WRITE, 0, file_sd.get(), CREATE_NEW,
                               FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    return failure("cannot write " + file_path(temp) + ": " + error_text(GetLastError()));
  }
  std::string problem = file_problem(h, temp_path);
  DWORD written = 0;
  if (problem.empty() &&
      !(WriteFile(h, bytes.data(), static_cast<DWORD>(bytes.size()), &written, nullptr) &&
        written == bytes.size() && FlushFileBuffers(h))) {
    problem = error_text(GetLastError());
  }
  CloseHandle(h);
  if (problem.empty() && !MoveFileExW(temp_path.c_str(), wide(file_path(name)).c_str(),
                                      MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    problem = error_text(GetLastError());
  }
  if (!problem.empty()) {
    DeleteFileW(temp_path.c_str());
    return failure("cannot write " + file_path(name) + ": " + problem);
  }
  return Status::success();
}

JournalRead TrustedFolder::read_file(const std::string& name, std::string& bytes,
                                     std::string& error) const {
  const std::wstring path = wide(file_path(name));
  const HANDLE h = CreateFileW(path.c_str(), GENERIC_READ | READ_CONTROL, FILE_SHARE_READ, nullptr,
                               OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    const DWORD e = GetLastError();
    if (e == ERROR_FILE_NOT_FOUND) return JournalRead::absent;
    error = error_text(e);
    return JournalRead::failed;
  }
  error = file_problem(h, path);
  if (error.empty()) error = security_problem(h, trust_, /*check_dacl=*/false);
  if (!error.empty()) {
    CloseHandle(h);
    return JournalRead::failed;
  }
  bytes.clear();
  char buf[65536];
  DWORD n = 0;
  while (ReadFile(h, buf, sizeof buf, &n, nullptr) && n > 0) bytes.append(buf, n);
  CloseHandle(h);
  return JournalRead::read;
}

Status TrustedFolder::remove_file(const std::string& name) const {
  // DeleteFileW removes a link itself, never what it points to.
  if (!DeleteFileW(wide(file_path(name)).c_str()) && GetLastError() != ERROR_FILE_NOT_FOUND) {
    return failure("cannot remove " + file_path(name) + ": " + error_text(GetLastError()));
  }
  return Status::success();
}

Status TrustedFolder::lock(const std::string& name, std::intptr_t& handle, bool& busy) const {
  busy = false;
  const std::wstring path = wide(file_path(name));
  SecurityAttributes file_sd(trustee_sddl(trust_, /*folder=*/false));
  // No sharing: a second open fails while this handle lives; Windows closes it if we die.
  const HANDLE h = CreateFileW(
      path.c_str(), GENERIC_READ | GENERIC_WRITE, 0, file_sd.ok() ? file_sd.get() : nullptr,
      OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_DELETE_ON_CLOSE | FILE_FLAG_OPEN_REPARSE_POINT,
      nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    const DWORD e = GetLastError();
    busy = e == ERROR_SHARING_VIOLATION;
    return failure("cannot lock " + file_path(name) + ": " + error_text(e));
  }
  if (const std::string problem = file_problem(h, path); !problem.empty()) {
    CloseHandle(h);
    return untrusted(path_, file_path(name) + " is not comreg's lock: " + problem, trust_);
  }
  handle = reinterpret_cast<std::intptr_t>(h);
  return Status::success();
}

bool name_exists(const std::string& path) {
  return GetFileAttributesW(wide(path).c_str()) != INVALID_FILE_ATTRIBUTES;
}

bool lock_is_held(const std::string& path) {
  // The lock file exists only while a run holds it (FILE_FLAG_DELETE_ON_CLOSE).
  return name_exists(path);
}

}  // namespace comreg::journal_io
