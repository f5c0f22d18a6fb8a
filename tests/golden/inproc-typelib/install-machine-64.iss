[Registry]
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Image Decoder"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}\InprocServer32"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\imaging.dll"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}\InprocServer32"; ValueType: string; ValueName: "ThreadingModel"; ValueData: "Apartment"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}\ProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ImageDecoder.3"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}\VersionIndependentProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ImageDecoder"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}\TypeLib"; ValueType: string; ValueName: ""; ValueData: "{{89E06341-93AD-420F-B177-16A5AD7107A4}"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}\Version"; ValueType: string; ValueName: ""; ValueData: "3.1"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}\Programmable"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ImageDecoder.3"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ImageDecoder.3"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Image Decoder"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ImageDecoder.3\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ImageDecoder"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ImageDecoder"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Image Decoder"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ImageDecoder\CLSID"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ImageDecoder\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{351A7A78-FFEA-4062-B652-1AE856DA7CD7}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ImageDecoder\CurVer"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ImageDecoder\CurVer"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ImageDecoder.3"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Thumbnail Cache"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}\InprocServer32"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\imaging.dll"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}\InprocServer32"; ValueType: string; ValueName: "ThreadingModel"; ValueData: "Both"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}\ProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ThumbnailCache.3"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}\VersionIndependentProgID"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ThumbnailCache"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}\TypeLib"; ValueType: string; ValueName: ""; ValueData: "{{89E06341-93AD-420F-B177-16A5AD7107A4}"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}\Version"; ValueType: string; ValueName: ""; ValueData: "3.1"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ThumbnailCache.3"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ThumbnailCache.3"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Thumbnail Cache"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ThumbnailCache.3\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}"
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ThumbnailCache"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ThumbnailCache"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Thumbnail Cache"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ThumbnailCache\CLSID"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ThumbnailCache\CLSID"; ValueType: string; ValueName: ""; ValueData: "{{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ThumbnailCache\CurVer"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Fabrikam.ThumbnailCache\CurVer"; ValueType: string; ValueName: ""; ValueData: "Fabrikam.ThumbnailCache.3"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{44BA9010-7573-44ED-8960-370C174E052F}"; Flags: uninsdeletekey
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{44BA9010-7573-44ED-8960-370C174E052F}"; ValueType: string; ValueName: ""; ValueData: "PSFactoryBuffer"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{44BA9010-7573-44ED-8960-370C174E052F}\InprocServer32"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\imagingps.dll"
Root: HKLM64; Subkey: "Software\Classes\CLSID\{{44BA9010-7573-44ED-8960-370C174E052F}\InprocServer32"; ValueType: string; ValueName: "ThreadingModel"; ValueData: "Both"
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1"; ValueType: string; ValueName: ""; ValueData: "Fabrikam Imaging 3.1 Type Library"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1\0"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1\0\win32"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1\0\win32"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\x86\imaging.dll"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1\0\win64"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1\0\win64"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam\imaging.dll"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1\FLAGS"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1\FLAGS"; ValueType: string; ValueName: ""; ValueData: "8"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1\HELPDIR"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\TypeLib\{{89E06341-93AD-420F-B177-16A5AD7107A4}\3.1\HELPDIR"; ValueType: string; ValueName: ""; ValueData: "C:\Program Files\Fabrikam"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}"; ValueType: string; ValueName: ""; ValueData: "IImageDecoder"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}\ProxyStubClsid32"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}\ProxyStubClsid32"; ValueType: string; ValueName: ""; ValueData: "{{00020424-0000-0000-C000-000000000046}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}\NumMethods"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}\NumMethods"; ValueType: string; ValueName: ""; ValueData: "11"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}\BaseInterface"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}\BaseInterface"; ValueType: string; ValueName: ""; ValueData: "{{00020400-0000-0000-C000-000000000046}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}\TypeLib"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}\TypeLib"; ValueType: string; ValueName: ""; ValueData: "{{89E06341-93AD-420F-B177-16A5AD7107A4}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{A7F5D767-BF1D-434A-8649-508381ADC811}\TypeLib"; ValueType: string; ValueName: "Version"; ValueData: "3.1"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}"; ValueType: string; ValueName: ""; ValueData: "IThumbnailCache"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}\ProxyStubClsid32"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}\ProxyStubClsid32"; ValueType: string; ValueName: ""; ValueData: "{{00020424-0000-0000-C000-000000000046}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}\NumMethods"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}\NumMethods"; ValueType: string; ValueName: ""; ValueData: "9"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}\BaseInterface"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}\BaseInterface"; ValueType: string; ValueName: ""; ValueData: "{{00020400-0000-0000-C000-000000000046}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}\TypeLib"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}\TypeLib"; ValueType: string; ValueName: ""; ValueData: "{{89E06341-93AD-420F-B177-16A5AD7107A4}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{B529B431-DB4C-4D60-B27E-A069DAB0E6D5}\TypeLib"; ValueType: string; ValueName: "Version"; ValueData: "3.1"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{E886F48D-01DE-4BF2-8212-9CA5942A7FA4}"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{E886F48D-01DE-4BF2-8212-9CA5942A7FA4}"; ValueType: string; ValueName: ""; ValueData: "IPixelSink"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{E886F48D-01DE-4BF2-8212-9CA5942A7FA4}\ProxyStubClsid32"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{E886F48D-01DE-4BF2-8212-9CA5942A7FA4}\ProxyStubClsid32"; ValueType: string; ValueName: ""; ValueData: "{{44BA9010-7573-44ED-8960-370C174E052F}"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{E886F48D-01DE-4BF2-8212-9CA5942A7FA4}\NumMethods"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{E886F48D-01DE-4BF2-8212-9CA5942A7FA4}\NumMethods"; ValueType: string; ValueName: ""; ValueData: "5"; Flags: uninsdeletevalue
Root: HKLM64; Subkey: "Software\Classes\Interface\{{E886F48D-01DE-4BF2-8212-9CA5942A7FA4}\BaseInterface"; Flags: uninsdeletekeyifempty
Root: HKLM64; Subkey: "Software\Classes\Interface\{{E886F48D-01DE-4BF2-8212-9CA5942A7FA4}\BaseInterface"; ValueType: string; ValueName: ""; ValueData: "{{00000000-0000-0000-C000-000000000046}"; Flags: uninsdeletevalue
