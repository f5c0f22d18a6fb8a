// The path normalizer every lint path rule uses, and the user-writable folder verdicts on
// what it returns: each spelling Windows accepts for a folder gets that folder's verdict.
#include <catch2/catch.hpp>
#include <string>

#include "core/windows_path.hpp"
#include "lint/writable_folders.hpp"

using comreg::lint_detail::FolderVerdict;
using comreg::lint_detail::judge_folder;
using comreg::lint_detail::normalize_windows_path;
using comreg::lint_detail::PathForm;

namespace {

struct Normalized {
  const char* written;
  PathForm form;
  const char* text;
};

FolderVerdict::Kind verdict(const char* path) {
  return judge_folder(normalize_windows_path(path)).kind;
}

}  // namespace

TEST_CASE("Windows paths: one spelling for every form Windows accepts", "[lint][path]") {
  const Normalized cases[] = {
      {R"(C:\Program Files\Contoso\x.dll)", PathForm::absolute,
       R"(c:\program files\contoso\x.dll)"},
      {R"("C:\Program Files\Contoso\x.dll")", PathForm::absolute,
       R"(c:\program files\contoso\x.dll)"},
      {R"(C:/Users/Public/x.dll)", PathForm::absolute, R"(c:\users\public\x.dll)"},
      {R"(C:\Program Files\..\Users\Public\x.dll)", PathForm::absolute, R"(c:\users\public\x.dll)"},
      {R"(C:\Windows\.\System32\.\x.dll)", PathForm::absolute, R"(c:\windows\system32\x.dll)"},
      {R"(C:\..\..\Windows\x.dll)", PathForm::absolute, R"(c:\windows\x.dll)"},
      {R"(C:\Windows\\\Temp\x.dll)", PathForm::absolute, R"(c:\windows\temp\x.dll)"},
      {R"(C:\Windows\Temp.\x.dll)", PathForm::absolute, R"(c:\windows\temp\x.dll)"},
      {R"(C:\Windows\Temp \x.dll)", PathForm::absolute, R"(c:\windows\temp\x.dll)"},
      {R"(C:\Windows\Temp. . \x.dll. )", PathForm::absolute, R"(c:\windows\temp\x.dll)"},
      {R"(C:\a\...\x.dll)", PathForm::absolute, R"(c:\a\...\x.dll)"},
      {R"(\\.\C:\Users\Public\x.dll)", PathForm::absolute, R"(c:\users\public\x.dll)"},
      {R"(\\?\C:\Users\Public\x.dll)", PathForm::absolute, R"(c:\users\public\x.dll)"},
      {R"(\??\C:\Users\Public\x.dll)", PathForm::absolute, R"(c:\users\public\x.dll)"},
      {R"(\\?\GLOBALROOT\??\C:\Users\x.dll)", PathForm::absolute, R"(c:\users\x.dll)"},
      {R"(\\?\GLOBALROOT\SystemRoot\Temp\x.dll)", PathForm::absolute, R"(c:\windows\temp\x.dll)"},
      {R"(\\?\GLOBALROOT\Device\HarddiskVolume3\Users\x.dll)", PathForm::device,
       R"(\device\harddiskvolume3\users\x.dll)"},
      {R"(\\?\Volume{0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01}\x.dll)", PathForm::device,
       R"(\\?\volume{0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01}\x.dll)"},
      {R"(\\files\share\x.dll)", PathForm::unc, R"(\\files\share\x.dll)"},
      {R"(\\?\UNC\files\share\x.dll)", PathForm::unc, R"(\\files\share\x.dll)"},
      {R"(\??\UNC\files\share\..\x.dll)", PathForm::unc, R"(\\files\share\x.dll)"},
      {R"(\\?\GLOBALROOT\Device\Mup\files\share\x.dll)", PathForm::unc, R"(\\files\share\x.dll)"},
      {R"(%SystemRoot%\System32\x.dll)", PathForm::absolute, R"(c:\windows\system32\x.dll)"},
      {R"(%WINDIR%\Tasks\x.dll)", PathForm::absolute, R"(c:\windows\tasks\x.dll)"},
      {R"(%SystemDrive%\ProgramData\x\y.dll)", PathForm::absolute, R"(c:\programdata\x\y.dll)"},
      {R"(%ProgramFiles%\x.dll)", PathForm::absolute, R"(c:\program files\x.dll)"},
      {R"(%ProgramFiles(x86)%\x.dll)", PathForm::absolute, R"(c:\program files (x86)\x.dll)"},
      {R"(%CommonProgramFiles%\x.dll)", PathForm::absolute,
       R"(c:\program files\common files\x.dll)"},
      {R"(%ALLUSERSPROFILE%\x.dll)", PathForm::absolute, R"(c:\programdata\x.dll)"},
      {R"(%PUBLIC%\x.dll)", PathForm::absolute, R"(c:\users\public\x.dll)"},
      {R"(%TEMP%\x.dll)", PathForm::absolute, R"(c:\users\<user>\appdata\local\temp\x.dll)"},
      {R"(%LocalAppData%\x.dll)", PathForm::absolute, R"(c:\users\<user>\appdata\local\x.dll)"},
      {R"(%CONTOSO_HOME%\x.dll)", PathForm::variable, R"(%contoso_home%\x.dll)"},
      {R"(${installdir}\x.dll)", PathForm::placeholder, R"(${installdir}\x.dll)"},
      {R"(widgets.dll)", PathForm::relative, R"(widgets.dll)"},
      {R"(\widgets.dll)", PathForm::relative, R"(\widgets.dll)"},
      {R"(C:widgets.dll)", PathForm::relative, R"(c:widgets.dll)"},
      {R"(bin/widgets.dll)", PathForm::relative, R"(bin\widgets.dll)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.written);
    const auto n = normalize_windows_path(c.written);
    CHECK(n.form == c.form);
    CHECK(n.text == c.text);
  }
}

TEST_CASE("Windows paths: per-user variables are named, where they stand", "[lint][path]") {
  const auto leading = normalize_windows_path(R"(%APPDATA%\Contoso\x.dll)");
  CHECK(leading.per_user_variable == "APPDATA");
  CHECK(leading.per_user_variable_leads);
  const auto inner = normalize_windows_path(R"(C:\Users\%USERNAME%\x.dll)");
  CHECK(inner.per_user_variable == "USERNAME");
  CHECK_FALSE(inner.per_user_variable_leads);
  CHECK(normalize_windows_path(R"(%SystemRoot%\x.dll)").per_user_variable.empty());
}

TEST_CASE("Windows paths: folders lint cannot name offline", "[lint][path]") {
  using comreg::lint_detail::is_short_name;
  CHECK(is_short_name("PROGRA~1"));
  CHECK(is_short_name("micros~2.net"));
  CHECK_FALSE(is_short_name("Backup~old"));
  CHECK_FALSE(is_short_name("~1"));
  CHECK_FALSE(is_short_name("a~1b"));

  const auto short_folder = normalize_windows_path(R"(C:\PROGRA~1\Contoso\x.dll)");
  CHECK(short_folder.unknown_segment == 0);
  CHECK(short_folder.unknown_why == "an 8.3 short name");
  // The file's own short name leaves it in the same folder.
  CHECK(normalize_windows_path(R"(C:\Program Files\WIDGET~1.DLL)").unknown_segment ==
        std::string::npos);
  CHECK(normalize_windows_path(R"(C:\Program Files\%CONTOSO%\x.dll)").unknown_segment == 1);
  CHECK(normalize_windows_path(R"(C:\Program Files\${sub}\x.dll)").unknown_segment == 1);
}

TEST_CASE("Writable folders: each spelling gets its folder's verdict", "[lint][path]") {
  const auto writable = FolderVerdict::writable;
  const auto admin = FolderVerdict::admin_only;
  const auto unknown = FolderVerdict::unverifiable;
  const std::pair<const char*, FolderVerdict::Kind> cases[] = {
      // The issue's walk-arounds: user-writable however they are spelled.
      {R"(C:\Program Files\..\Users\Public\x.dll)", writable},
      {R"(\\.\C:\Users\Public\x.dll)", writable},
      {R"(\\?\C:\Users\Public\x.dll)", writable},
      {R"(\??\C:\Users\Public\x.dll)", writable},
      {R"(%SystemRoot%\Temp\x.dll)", writable},
      {R"(%windir%\Tasks\x.dll)", writable},
      {R"(%SystemDrive%\ProgramData\x\y.dll)", writable},
      {R"(C:\Windows\Tasks\x.dll)", writable},
      {R"(C:\Windows\System32\spool\drivers\color\x.dll)", writable},
      {R"(C:\Windows\tracing\x.dll)", writable},
      {R"(C:\Windows\Temp.\x.dll)", writable},
      {R"(C:\Windows\Temp \x.dll)", writable},
      {R"(C:/Users/Public/x.dll)", writable},
      {R"("C:\Users\Public\x.dll")", writable},
      {R"(C:\WINDOWS\TEMP\X.DLL)", writable},
      // The rest of the list.
      {R"(C:\Windows\Registration\CRMLog\x.dll)", writable},
      {R"(C:\Windows\System32\FxsTmp\x.dll)", writable},
      {R"(C:\Windows\SysWOW64\FxsTmp\x.dll)", writable},
      {R"(C:\Windows\System32\com\dmp\x.dll)", writable},
      {R"(C:\Windows\SysWOW64\com\dmp\x.dll)", writable},
      {R"(C:\Windows\System32\Microsoft\Crypto\RSA\MachineKeys\x.dll)", writable},
      {R"(C:\Windows\System32\spool\PRINTERS\x.dll)", writable},
      {R"(C:\Windows\System32\spool\SERVERS\x.dll)", writable},
      {R"(C:\Windows\System32\Tasks\Microsoft\Windows\SyncCenter\x.dll)", writable},
      {R"(C:\Windows\SysWOW64\Tasks\x.dll)", writable},
      {R"(C:\Windows\System32\Tasks_Migrated\x.dll)", writable},
      {R"(C:\Windows\debug\WIA\x.dll)", writable},
      {R"(C:\Windows\Sysnative\Tasks\x.dll)", writable},
      {R"(C:\ProgramData\Contoso\x.dll)", writable},
      {R"(C:\Users\bob\AppData\Local\x.dll)", writable},
      {R"(%TEMP%\x.dll)", writable},
      {R"(%PUBLIC%\x.dll)", writable},
      {R"(C:\Tools\x.dll)", writable},
      {R"(D:\x.dll)", writable},
      {R"(C:\Users\Public\CONTOS~1\x.dll)", writable},  // writable above the short name
      {R"(\\?\GLOBALROOT\Device\HarddiskVolume3\Users\Public\x.dll)", writable},
      // Admin-only folders, however they are spelled.
      {R"(C:\Program Files\Contoso\x.dll)", admin},
      {R"(C:\Program Files (x86)\Contoso\x.dll)", admin},
      {R"(%ProgramFiles%\Contoso\x.dll)", admin},
      {R"(C:\Windows\System32\x.dll)", admin},
      {R"(%SystemRoot%\System32\x.dll)", admin},
      {R"(\\?\C:\Windows\System32\x.dll)", admin},
      {R"(C:\Windows\System32\spool\drivers\x64\x.dll)", admin},
      {R"(C:\Windows\TasksX\x.dll)", admin},  // whole names only
      {R"(C:\Users\..\Windows\x.dll)", admin},
      {R"(C:\Program Files\CONTOS~1\x.dll)", admin},  // nothing listed below Program Files
      {R"(C:\Program Files\WIDGET~1.DLL)", admin},
      // Folders lint cannot name: a warning, not an error.
      {R"(C:\PROGRA~1\x.dll)", unknown},
      {R"(C:\Windows\SYSTEM~1\x.dll)", unknown},
      {R"(C:\%CONTOSO%\x.dll)", unknown},
      {R"(\\?\GLOBALROOT\Device\HarddiskVolume3\Windows\System32\x.dll)", unknown},
      {R"(\\?\Volume{0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01}\Program Files\x.dll)", unknown},
  };
  for (const auto& [path, expected] : cases) {
    CAPTURE(path);
    const FolderVerdict v = judge_folder(normalize_windows_path(path));
    CHECK(v.kind == expected);
    CHECK(v.why.empty() == (expected == admin));
  }
}

TEST_CASE("Writable folders: the verdict says which folder and why", "[lint][path]") {
  CHECK(judge_folder(normalize_windows_path(R"(%windir%\Tasks\x.dll)")).why ==
        "users may create files in \\Windows\\Tasks");
  const auto device =
      judge_folder(normalize_windows_path(R"(\\?\GLOBALROOT\Device\HarddiskVolume3\x\y.dll)"));
  CHECK(device.why.find("whichever drive") != std::string::npos);
  const auto volume = judge_folder(
      normalize_windows_path(R"(\\?\GLOBALROOT\Device\HarddiskVolume3\Windows\x.dll)"));
  CHECK(volume.why ==
        "it names the volume by its device path \\device\\harddiskvolume3, and lint cannot tell "
        "offline which drive, if any, that is");
  CHECK(judge_folder(normalize_windows_path(R"(C:\PROGRA~1\x.dll)")).why ==
        "the folder 'progra~1' is an 8.3 short name, and the folder it names could be a "
        "user-writable one");
  CHECK(verdict(R"(\\files\share\x.dll)") == FolderVerdict::admin_only);  // COM105's, not ours
}
