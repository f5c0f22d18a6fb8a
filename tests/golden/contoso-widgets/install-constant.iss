[Registry]
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\InprocServer32"; ValueType: string; ValueName: ""; ValueData: "{app}\widgets.dll"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\InprocServer32"; ValueType: string; ValueName: "ThreadingModel"; ValueData: "Apartment"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\ProgID"; ValueType: string; ValueName: ""; ValueData: "Contoso.Widget.1"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\VersionIndependentProgID"; ValueType: string; ValueName: ""; ValueData: "Contoso.Widget"
Root: HKLM64; Subkey: "Software\Classes\Contoso.Widget.1"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\Contoso.Widget.1"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget"
Root: HKLM64; Subkey: "Software\Classes\Contoso.Widget.1\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}"
Root: HKLM64; Subkey: "Software\Classes\Contoso.Widget"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Contoso.Widget"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Contoso.Widget\CLSID"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Contoso.Widget\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Contoso.Widget\CurVer"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Contoso.Widget\CurVer"; ValueType: string; ValueName: ""; ValueData: "Contoso.Widget.1"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget Service"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}"; ValueType: string; ValueName: "AppID"; ValueData: "{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}\LocalServer32"; ValueType: string; ValueName: ""; ValueData: """{app}\widgetsvc.exe"""
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}\ProgID"; ValueType: string; ValueName: ""; ValueData: "Contoso.WidgetService.1"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}\VersionIndependentProgID"; ValueType: string; ValueName: ""; ValueData: "Contoso.WidgetService"
Root: HKLM64; Subkey: "Software\Classes\Contoso.WidgetService.1"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\Contoso.WidgetService.1"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget Service"
Root: HKLM64; Subkey: "Software\Classes\Contoso.WidgetService.1\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}"
Root: HKLM64; Subkey: "Software\Classes\Contoso.WidgetService"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Contoso.WidgetService"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget Service"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Contoso.WidgetService\CLSID"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Contoso.WidgetService\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Contoso.WidgetService\CurVer"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Contoso.WidgetService\CurVer"; ValueType: string; ValueName: ""; ValueData: "Contoso.WidgetService.1"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\AppID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\AppID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget Service"; Flags: uninsdeletevalue
