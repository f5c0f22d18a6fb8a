// sddl_win32 FILE: for each line of FILE (SDDL, UTF-8), the self-relative security descriptor
// that ConvertStringSecurityDescriptorToSecurityDescriptorW makes of it, as comma-separated
// hex bytes, or "error <GetLastError()>". The reference the comreg converter is checked against.
#include <windows.h>
// windows.h first: sddl.h needs its types.
#include <sddl.h>

#include <cstdio>
#include <fstream>
#include <string>

int wmain(int argc, wchar_t** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: sddl_win32 FILE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "sddl_win32: cannot read the file\n");
    return 2;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const int n =
        MultiByteToWideChar(CP_UTF8, 0, line.data(), static_cast<int>(line.size()), nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, line.data(), static_cast<int>(line.size()), wide.data(), n);
    PSECURITY_DESCRIPTOR sd = nullptr;
    ULONG size = 0;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(wide.c_str(), SDDL_REVISION_1, &sd,
                                                              &size)) {
      std::printf("error %lu\n", GetLastError());
      continue;
    }
    const auto* bytes = static_cast<const unsigned char*>(sd);
    for (ULONG i = 0; i < size; ++i) std::printf("%s%02x", i ? "," : "", bytes[i]);
    std::printf("\n");
    LocalFree(sd);
  }
  return 0;
}
