[Registry]
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{CC71EDE1-A6E9-4565-9023-5505E5596F56}"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{CC71EDE1-A6E9-4565-9023-5505E5596F56}"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Isolated Codec Host"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{CC71EDE1-A6E9-4565-9023-5505E5596F56}"; ValueType: string; ValueName: "AppID"; ValueData: "{{3EFFFB90-DF35-4FA3-995C-524F17B5979C}"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{CC71EDE1-A6E9-4565-9023-5505E5596F56}\InprocServer32"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\codecs.dll"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{CC71EDE1-A6E9-4565-9023-5505E5596F56}\InprocServer32"; ValueType: string; ValueName: "ThreadingModel"; ValueData: "Both"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{CC71EDE1-A6E9-4565-9023-5505E5596F56}\ProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.IsolatedCodec.1"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{CC71EDE1-A6E9-4565-9023-5505E5596F56}\VersionIndependentProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.IsolatedCodec"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.IsolatedCodec.1"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.IsolatedCodec.1"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Isolated Codec Host"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.IsolatedCodec.1\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{CC71EDE1-A6E9-4565-9023-5505E5596F56}"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.IsolatedCodec"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.IsolatedCodec"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Isolated Codec Host"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.IsolatedCodec\CLSID"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.IsolatedCodec\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{CC71EDE1-A6E9-4565-9023-5505E5596F56}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.IsolatedCodec\CurVer"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.IsolatedCodec\CurVer"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.IsolatedCodec.1"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\AppID\{{3EFFFB90-DF35-4FA3-995C-524F17B5979C}"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\AppID\{{3EFFFB90-DF35-4FA3-995C-524F17B5979C}"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Isolated Codec Host"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\AppID\{{3EFFFB90-DF35-4FA3-995C-524F17B5979C}"; ValueType: string; ValueName: "DllSurrogate"; ValueData: ""; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\AppID\{{3EFFFB90-DF35-4FA3-995C-524F17B5979C}"; ValueType: binary; ValueName: "AccessPermission"; ValueData: "01 00 04 80 48 00 00 00 58 00 00 00 00 00 00 00 14 00 00 00 02 00 34 00 02 00 00 00 00 00 14 00 07 00 00 00 01 01 00 00 00 00 00 05 12 00 00 00 00 00 18 00 07 00 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\AppID\{{3EFFFB90-DF35-4FA3-995C-524F17B5979C}"; ValueType: binary; ValueName: "LaunchPermission"; ValueData: "01 00 04 80 48 00 00 00 58 00 00 00 00 00 00 00 14 00 00 00 02 00 34 00 02 00 00 00 00 00 14 00 1f 00 00 00 01 01 00 00 00 00 00 05 12 00 00 00 00 00 18 00 1f 00 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\AppID\{{3EFFFB90-DF35-4FA3-995C-524F17B5979C}"; ValueType: dword; ValueName: "AuthenticationLevel"; ValueData: $00000006; Flags: uninsdeletevalue
