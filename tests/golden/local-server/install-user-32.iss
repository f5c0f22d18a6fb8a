[Registry]
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}"; Flags: uninsdeletekey
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Report Engine"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}"; ValueType: string; ValueName: "AppID"; ValueData: "{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}\LocalServer32"; ValueType: string; ValueName: ""; ValueData: """C:\Program Files\Fabrikam\Report Server\reportsvc.exe"" /automation"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}\ProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ReportEngine.2"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}\VersionIndependentProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ReportEngine"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}\TypeLib"; ValueType: string; ValueName: ""; ValueData: "{{51750FD1-C530-4D0D-B114-1A75B4B04654}"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}\Version"; ValueType: string; ValueName: ""; ValueData: "2.0"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}\Programmable"
Root: HKCU32; Subkey: "Software\Classes\Fabrikam.ReportEngine.2"; Flags: uninsdeletekey
Root: HKCU32; Subkey: "Software\Classes\Fabrikam.ReportEngine.2"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Report Engine"
Root: HKCU32; Subkey: "Software\Classes\Fabrikam.ReportEngine.2\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}"
Root: HKCU32; Subkey: "Software\Classes\Fabrikam.ReportEngine"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Fabrikam.ReportEngine"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Report Engine"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Fabrikam.ReportEngine\CLSID"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Fabrikam.ReportEngine\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Fabrikam.ReportEngine\CurVer"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Fabrikam.ReportEngine\CurVer"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ReportEngine.2"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\AppID\{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\AppID\{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Report Engine"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\AppID\{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"; ValueType: binary; ValueName: "AccessPermission"; ValueData: "01 00 04 80 5c 00 00 00 6c 00 00 00 00 00 00 00 14 00 00 00 02 00 48 00 03 00 00 00 00 00 14 00 07 00 00 00 01 01 00 00 00 00 00 05 12 00 00 00 00 00 18 00 07 00 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00 00 00 14 00 07 00 00 00 01 01 00 00 00 00 00 05 04 00 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\AppID\{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"; ValueType: binary; ValueName: "LaunchPermission"; ValueData: "01 00 04 80 5c 00 00 00 6c 00 00 00 00 00 00 00 14 00 00 00 02 00 48 00 03 00 00 00 00 00 14 00 1f 00 00 00 01 01 00 00 00 00 00 05 12 00 00 00 00 00 18 00 1f 00 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00 00 00 14 00 1f 00 00 00 01 01 00 00 00 00 00 05 04 00 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\AppID\{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"; ValueType: dword; ValueName: "AuthenticationLevel"; ValueData: $00000002; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\AppID\reportsvc.exe"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\AppID\reportsvc.exe"; ValueType: string; ValueName: "AppID"; ValueData: "{{D1AF4F7E-30C0-4A13-8BFC-2A652DDEAD0C}"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\TypeLib\{{51750FD1-C530-4D0D-B114-1A75B4B04654}"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\TypeLib\{{51750FD1-C530-4D0D-B114-1A75B4B04654}\2.0"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\TypeLib\{{51750FD1-C530-4D0D-B114-1A75B4B04654}\2.0"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Reports 2.0 Type Library"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\TypeLib\{{51750FD1-C530-4D0D-B114-1A75B4B04654}\2.0\0"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\TypeLib\{{51750FD1-C530-4D0D-B114-1A75B4B04654}\2.0\0\win64"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\TypeLib\{{51750FD1-C530-4D0D-B114-1A75B4B04654}\2.0\0\win64"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\Report Server\reportsvc.exe"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\TypeLib\{{51750FD1-C530-4D0D-B114-1A75B4B04654}\2.0\FLAGS"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\TypeLib\{{51750FD1-C530-4D0D-B114-1A75B4B04654}\2.0\FLAGS"; ValueType: string; ValueName: ""; ValueData: "0"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\TypeLib\{{51750FD1-C530-4D0D-B114-1A75B4B04654}\2.0\HELPDIR"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\TypeLib\{{51750FD1-C530-4D0D-B114-1A75B4B04654}\2.0\HELPDIR"; ValueType: string; ValueName: ""; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}"; ValueType: string; ValueName: ""; ValueData: "IReportEngine"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}\ProxyStubClsid32"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}\ProxyStubClsid32"; ValueType: string; ValueName: ""; ValueData: "{{00020424-0000-0000-C000-000000000046}"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}\NumMethods"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}\NumMethods"; ValueType: string; ValueName: ""; ValueData: "14"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}\BaseInterface"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}\BaseInterface"; ValueType: string; ValueName: ""; ValueData: "{{00020400-0000-0000-C000-000000000046}"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}\TypeLib"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}\TypeLib"; ValueType: string; ValueName: ""; ValueData: "{{51750FD1-C530-4D0D-B114-1A75B4B04654}"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Interface\{{9A203E8E-50C2-49C0-8C72-6CA3EEAD9A07}\TypeLib"; ValueType: string; ValueName: "Version"; ValueData: "2.0"; Flags: uninsdeletevalue
