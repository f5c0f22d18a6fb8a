[Registry]
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Report Engine"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}"; ValueType: string; ValueName: "AppID"; ValueData: "{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}\ProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ReportEngine.2"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}\VersionIndependentProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ReportEngine"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ReportEngine.2"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ReportEngine.2"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Report Engine"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ReportEngine.2\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ReportEngine"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ReportEngine"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Report Engine"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ReportEngine\CLSID"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ReportEngine\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ReportEngine\CurVer"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ReportEngine\CurVer"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ReportEngine.2"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\AppID\{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\AppID\{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Report Engine (remote)"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\AppID\{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"; ValueType: dword; ValueName: "AuthenticationLevel"; ValueData: $00000005; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\AppID\{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"; ValueType: string; ValueName: "RemoteServerName"; ValueData: "reports.fabrikam.local"; Flags: uninsdeletevalue
