[Registry]
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Gauge Control"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\InprocServer32"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\gauge.ocx"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\InprocServer32"; ValueType: string; ValueName: "ThreadingModel"; ValueData: "Apartment"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\ProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.Gauge.5"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\VersionIndependentProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.Gauge"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\TypeLib"; ValueType: string; ValueName: ""; ValueData: "{{FA2DDC2A-5679-4652-990E-E6C2212554B7}"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\Version"; ValueType: string; ValueName: ""; ValueData: "5.0"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\Implemented Categories"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\Implemented Categories\{{40FC6ED4-2438-11CF-A3DB-080036F12502}"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\Implemented Categories\{{7DD95801-9882-11CF-9FA9-00AA006C42C4}"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\Implemented Categories\{{7DD95802-9882-11CF-9FA9-00AA006C42C4}"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\Implemented Categories\{{AFA9CC37-3CF0-493C-A361-22E9021E1107}"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\Programmable"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\Control"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\Insertable"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\MiscStatus"; ValueType: string; ValueName: ""; ValueData: "0"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\MiscStatus\1"; ValueType: string; ValueName: ""; ValueData: "131473"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}\ToolboxBitmap32"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\gauge.ocx,1"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.Gauge.5"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.Gauge.5"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Gauge Control"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.Gauge.5\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.Gauge.5\Insertable"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.Gauge"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.Gauge"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Gauge Control"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.Gauge\CLSID"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.Gauge\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{07CEB6F9-E328-47A3-A7A5-23305CD4BD22}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.Gauge\CurVer"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.Gauge\CurVer"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.Gauge.5"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Licenses\{{2D6F5A73-7FB3-4B32-8A92-76FA3DFD3993}"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\Licenses\{{2D6F5A73-7FB3-4B32-8A92-76FA3DFD3993}"; ValueType: string; ValueName: ""; ValueData: "fabrikam gauge 5 design-time license"
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{FA2DDC2A-5679-4652-990E-E6C2212554B7}"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{FA2DDC2A-5679-4652-990E-E6C2212554B7}\5.0"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{FA2DDC2A-5679-4652-990E-E6C2212554B7}\5.0"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Gauge Control 5.0"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{FA2DDC2A-5679-4652-990E-E6C2212554B7}\5.0\0"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{FA2DDC2A-5679-4652-990E-E6C2212554B7}\5.0\0\win32"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{FA2DDC2A-5679-4652-990E-E6C2212554B7}\5.0\0\win32"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\gauge.ocx"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{FA2DDC2A-5679-4652-990E-E6C2212554B7}\5.0\FLAGS"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{FA2DDC2A-5679-4652-990E-E6C2212554B7}\5.0\FLAGS"; ValueType: string; ValueName: ""; ValueData: "10"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{FA2DDC2A-5679-4652-990E-E6C2212554B7}\5.0\HELPDIR"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{FA2DDC2A-5679-4652-990E-E6C2212554B7}\5.0\HELPDIR"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}"; ValueType: string; ValueName: ""; ValueData: "IGauge"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}\ProxyStubClsid32"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}\ProxyStubClsid32"; ValueType: string; ValueName: ""; ValueData: "{{00020424-0000-0000-C000-000000000046}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}\NumMethods"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}\NumMethods"; ValueType: string; ValueName: ""; ValueData: "23"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}\BaseInterface"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}\BaseInterface"; ValueType: string; ValueName: ""; ValueData: "{{00020400-0000-0000-C000-000000000046}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}\TypeLib"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}\TypeLib"; ValueType: string; ValueName: ""; ValueData: "{{FA2DDC2A-5679-4652-990E-E6C2212554B7}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{9C16BBF3-4C4D-426C-B921-35B21A83B95F}\TypeLib"; ValueType: string; ValueName: "Version"; ValueData: "5.0"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Component Categories\{{AFA9CC37-3CF0-493C-A361-22E9021E1107}"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Component Categories\{{AFA9CC37-3CF0-493C-A361-22E9021E1107}"; ValueType: string; ValueName: "409"; ValueData: "Fabrikam Dashboard Controls"; Flags: uninsdeletevalue
