// comreg_atlregistrar.exe: applies an .rgs script with the system's ATL registrar, as an ATL
// server's DllRegisterServer does (CAtlModule::UpdateRegistryFromResource): CoCreateInstance
// of CLSID_Registrar, AddReplacement for %MODULE% and each NAME=VALUE, then FileRegister or
// FileUnregister. Prints the HRESULT; exit code 0 when it is S_OK.
//   comreg_atlregistrar register|unregister SCRIPT.rgs MODULE_PATH [NAME=VALUE]...
#include <windows.h>

#include <cstdio>
#include <cwchar>

// IRegistrar as atliface.idl declares it (mingw-w64 ships no atliface.h): IRegistrarBase's two
// methods, then IRegistrar's own, in vtable order. Outside the anonymous namespace: there GCC
// sees that no class implements it and turns every call into a pure virtual call.
struct IRegistrar : IUnknown {
  virtual HRESULT STDMETHODCALLTYPE AddReplacement(LPCOLESTR key, LPCOLESTR item) = 0;
  virtual HRESULT STDMETHODCALLTYPE ClearReplacements() = 0;
  virtual HRESULT STDMETHODCALLTYPE ResourceRegisterSz(LPCOLESTR res_file, LPCOLESTR id,
                                                       LPCOLESTR type) = 0;
  virtual HRESULT STDMETHODCALLTYPE ResourceUnregisterSz(LPCOLESTR res_file, LPCOLESTR id,
                                                         LPCOLESTR type) = 0;
  virtual HRESULT STDMETHODCALLTYPE FileRegister(LPCOLESTR file) = 0;
  virtual HRESULT STDMETHODCALLTYPE FileUnregister(LPCOLESTR file) = 0;
  virtual HRESULT STDMETHODCALLTYPE StringRegister(LPCOLESTR data) = 0;
  virtual HRESULT STDMETHODCALLTYPE StringUnregister(LPCOLESTR data) = 0;
  virtual HRESULT STDMETHODCALLTYPE ResourceRegister(LPCOLESTR res_file, UINT id,
                                                     LPCOLESTR type) = 0;
  virtual HRESULT STDMETHODCALLTYPE ResourceUnregister(LPCOLESTR res_file, UINT id,
                                                       LPCOLESTR type) = 0;
};

namespace {

const CLSID clsid_registrar = {
    0x44EC053A, 0x400F, 0x11D0, {0x9D, 0xCD, 0x00, 0xA0, 0xC9, 0x03, 0x91, 0xD3}};
const IID iid_registrar = {
    0x44EC053B, 0x400F, 0x11D0, {0x9D, 0xCD, 0x00, 0xA0, 0xC9, 0x03, 0x91, 0xD3}};

int usage() {
  std::fwprintf(stderr,
                L"usage: comreg_atlregistrar register|unregister SCRIPT.rgs MODULE_PATH "
                L"[NAME=VALUE]...\n");
  return 2;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  if (argc < 4) return usage();
  const bool registering = std::wcscmp(argv[1], L"register") == 0;
  if (!registering && std::wcscmp(argv[1], L"unregister") != 0) return usage();
  if (FAILED(CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED))) return 3;
  IRegistrar* registrar = nullptr;
  HRESULT hr = CoCreateInstance(clsid_registrar, nullptr, CLSCTX_INPROC_SERVER, iid_registrar,
                                reinterpret_cast<void**>(&registrar));
  if (FAILED(hr)) {
    std::wprintf(L"CoCreateInstance(CLSID_Registrar): 0x%08lX\n", static_cast<unsigned long>(hr));
    CoUninitialize();
    return 1;
  }
  hr = registrar->AddReplacement(L"MODULE", argv[3]);
  for (int i = 4; SUCCEEDED(hr) && i < argc; ++i) {
    wchar_t* eq = std::wcschr(argv[i], L'=');
    if (eq == nullptr) return usage();
    *eq = L'\0';  // argv[i] is the name, eq + 1 the value
    hr = registrar->AddReplacement(argv[i], eq + 1);
  }
  if (SUCCEEDED(hr))
    hr = registering ? registrar->FileRegister(argv[2]) : registrar->FileUnregister(argv[2]);
  std::wprintf(L"%ls: 0x%08lX\n", registering ? L"FileRegister" : L"FileUnregister",
               static_cast<unsigned long>(hr));
  registrar->Release();
  CoUninitialize();
  return hr == S_OK ? 0 : 1;
}
