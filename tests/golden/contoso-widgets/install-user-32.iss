[Registry]
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}"; Flags: uninsdeletekey
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\InprocServer32"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\widgets.dll"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\InprocServer32"; ValueType: string; ValueName: "ThreadingModel"; ValueData: "Apartment"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\ProgID"; ValueType: string; ValueName: ""; ValueData: "Contoso.Widget.1"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\VersionIndependentProgID"; ValueType: string; ValueName: ""; ValueData: "Contoso.Widget"
Root: HKCU32; Subkey: "Software\Classes\Contoso.Widget.1"; Flags: uninsdeletekey
Root: HKCU32; Subkey: "Software\Classes\Contoso.Widget.1"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget"
Root: HKCU32; Subkey: "Software\Classes\Contoso.Widget.1\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}"
Root: HKCU32; Subkey: "Software\Classes\Contoso.Widget"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Contoso.Widget"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Contoso.Widget\CLSID"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Contoso.Widget\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Contoso.Widget\CurVer"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Contoso.Widget\CurVer"; ValueType: string; ValueName: ""; ValueData: "Contoso.Widget.1"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}"; Flags: uninsdeletekey
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget Service"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}"; ValueType: string; ValueName: "AppID"; ValueData: "{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}\LocalServer32"; ValueType: string; ValueName: ""; ValueData: """C:\Program Files\Fabrikam\widgetsvc.exe"""
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}\ProgID"; ValueType: string; ValueName: ""; ValueData: "Contoso.WidgetService.1"
Root: HKCU32; Subkey: "Software\Classes\CLSID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}\VersionIndependentProgID"; ValueType: string; ValueName: ""; ValueData: "Contoso.WidgetService"
Root: HKCU32; Subkey: "Software\Classes\Contoso.WidgetService.1"; Flags: uninsdeletekey
Root: HKCU32; Subkey: "Software\Classes\Contoso.WidgetService.1"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget Service"
Root: HKCU32; Subkey: "Software\Classes\Contoso.WidgetService.1\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}"
Root: HKCU32; Subkey: "Software\Classes\Contoso.WidgetService"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Contoso.WidgetService"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget Service"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Contoso.WidgetService\CLSID"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Contoso.WidgetService\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\Contoso.WidgetService\CurVer"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\Contoso.WidgetService\CurVer"; ValueType: string; ValueName: ""; ValueData: "Contoso.WidgetService.1"; Flags: uninsdeletevalue
Root: HKCU32; Subkey: "Software\Classes\AppID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}"; Flags: uninsdeletekeyifempty
Root: HKCU32; Subkey: "Software\Classes\AppID\{{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}"; ValueType: string; ValueName: ""; ValueData: "Contoso Widget Service"; Flags: uninsdeletevalue
