// file_security PATH...: for each file or folder, the owner and DACL Windows reports for it as
// SDDL, read through a handle opened without following links. The Wine tests use it to read
// back the permissions comreg gives its journal folder and files.
#include <windows.h>
// windows.h first: the security headers need its types.
#include <aclapi.h>
#include <sddl.h>

#include <cstdio>

int wmain(int argc, wchar_t** argv) {
  int rc = 0;
  for (int i = 1; i < argc; ++i) {
    const HANDLE h = CreateFileW(
        argv[i], READ_CONTROL, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING,
        FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
      std::printf("%ls: error %lu\n", argv[i], GetLastError());
      rc = 1;
      continue;
    }
    PSECURITY_DESCRIPTOR sd = nullptr;
    const DWORD e =
        GetSecurityInfo(h, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
                        nullptr, nullptr, nullptr, nullptr, &sd);
    LPWSTR text = nullptr;
    if (e == ERROR_SUCCESS &&
        ConvertSecurityDescriptorToStringSecurityDescriptorW(
            sd, SDDL_REVISION_1, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &text,
            nullptr)) {
      std::printf("%ls: %ls\n", argv[i], text);
      LocalFree(text);
    } else {
      std::printf("%ls: error %lu\n", argv[i], e != ERROR_SUCCESS ? e : GetLastError());
      rc = 1;
    }
    LocalFree(sd);
    CloseHandle(h);
  }
  return rc;
}
