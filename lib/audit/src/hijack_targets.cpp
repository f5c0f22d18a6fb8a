// CLSIDs that public reports show attackers registering per user to hijack (AUD108). Each
// entry names its source; docs/audit.md gives the same list.
#include <array>

#include "comreg/audit/audit.hpp"

namespace comreg {
namespace {

constexpr std::array<HijackTarget, 5> targets{{
    {"{42AEDC87-2188-41FD-B9A3-0C966FEABEC1}", "MruPidlList (loaded by explorer.exe)",
     "https://attack.mitre.org/software/S0126/"},
    {"{B5F8350B-0548-48B1-A6EE-88BD00B4A5E7}", "CAccPropServicesClass",
     "https://github.com/3gstudent/COM-Object-hijacking"},
    {"{BCDE0395-E52F-467C-8E3D-C4579291692E}", "MMDeviceEnumerator",
     "https://attack.mitre.org/groups/G0007/"},
    {"{0358B920-0AC7-461F-98F4-58E32CD89148}", "CacheTask (WinInet, run by a logon task)",
     "https://enigma0x3.net/2016/05/25/"
     "userland-persistence-with-scheduled-tasks-and-com-handler-hijacking/"},
    {"{FBEB8A05-BEEE-4442-804E-409D6C4515E9}", "ShellFolderViewOC (loaded by explorer.exe)",
     "https://pentestlab.blog/2020/05/20/persistence-com-hijacking/"},
}};

}  // namespace

std::span<const HijackTarget> hijack_targets() {
  return targets;
}

}  // namespace comreg
