// comreg_testexe.exe: a local (out-of-process) COM server. COM starts it with -Embedding
// through LocalServer32; it registers its class object with CoRegisterClassObject and exits
// when its last object is released. The class is used through IDispatch (DISPID 1 = Add), so
// oleaut32's built-in marshaler carries the calls across processes.
#include <windows.h>

#include "calc.h"

namespace {

DWORD g_main_thread = 0;
LONG g_objects = 0;

void object_gone() {
  if (InterlockedDecrement(&g_objects) == 0) PostThreadMessageW(g_main_thread, WM_QUIT, 0, 0);
}

class LocalCalc final : public IDispatch {
 public:
  LocalCalc() { InterlockedIncrement(&g_objects); }
  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID iid, void** out) override {
    if (out == nullptr) return E_POINTER;
    if (IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, IID_IDispatch)) {
      *out = static_cast<IDispatch*>(this);
      AddRef();
      return S_OK;
    }
    *out = nullptr;
    return E_NOINTERFACE;
  }
  ULONG STDMETHODCALLTYPE AddRef() override {
    return static_cast<ULONG>(InterlockedIncrement(&refs_));
  }
  ULONG STDMETHODCALLTYPE Release() override {
    const LONG n = InterlockedDecrement(&refs_);
    if (n == 0) {
      delete this;
      object_gone();
    }
    return static_cast<ULONG>(n);
  }
  HRESULT STDMETHODCALLTYPE GetTypeInfoCount(UINT* count) override {
    *count = 0;
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE GetTypeInfo(UINT, LCID, ITypeInfo**) override { return E_NOTIMPL; }
  HRESULT STDMETHODCALLTYPE GetIDsOfNames(REFIID, LPOLESTR* names, UINT count, LCID,
                                          DISPID* ids) override {
    if (count != 1 || lstrcmpiW(names[0], L"Add") != 0) return DISP_E_UNKNOWNNAME;
    ids[0] = 1;
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE Invoke(DISPID id, REFIID, LCID, WORD, DISPPARAMS* params,
                                   VARIANT* result, EXCEPINFO*, UINT*) override {
    if (id != 1) return DISP_E_MEMBERNOTFOUND;
    if (params == nullptr || params->cArgs != 2) return DISP_E_BADPARAMCOUNT;
    VARIANT a, b;
    VariantInit(&a);
    VariantInit(&b);
    // Arguments arrive in reverse order.
    if (FAILED(VariantChangeType(&a, &params->rgvarg[1], 0, VT_I4)) ||
        FAILED(VariantChangeType(&b, &params->rgvarg[0], 0, VT_I4))) {
      return DISP_E_TYPEMISMATCH;
    }
    if (result != nullptr) {
      VariantInit(result);
      result->vt = VT_I4;
      result->lVal = a.lVal + b.lVal;
    }
    return S_OK;
  }

 private:
  LONG refs_ = 1;
};

class Factory final : public IClassFactory {
 public:
  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID iid, void** out) override {
    if (out == nullptr) return E_POINTER;
    if (IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, IID_IClassFactory)) {
      *out = static_cast<IClassFactory*>(this);
      return S_OK;
    }
    *out = nullptr;
    return E_NOINTERFACE;
  }
  ULONG STDMETHODCALLTYPE AddRef() override { return 2; }
  ULONG STDMETHODCALLTYPE Release() override { return 1; }
  HRESULT STDMETHODCALLTYPE CreateInstance(IUnknown* outer, REFIID iid, void** out) override {
    if (outer != nullptr) return CLASS_E_NOAGGREGATION;
    LocalCalc* calc = new LocalCalc();
    const HRESULT hr = calc->QueryInterface(iid, out);
    calc->Release();
    return hr;
  }
  HRESULT STDMETHODCALLTYPE LockServer(BOOL) override { return S_OK; }
};

}  // namespace

int WINAPI wWinMain(HINSTANCE, HINSTANCE, PWSTR, int) {
  g_main_thread = GetCurrentThreadId();
  if (FAILED(CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED))) return 1;
  Factory factory;
  DWORD cookie = 0;
  // One factory for every client; the server lives while objects do.
  if (FAILED(CoRegisterClassObject(CLSID_LocalCalc, &factory, CLSCTX_LOCAL_SERVER,
                                   REGCLS_MULTIPLEUSE, &cookie))) {
    CoUninitialize();
    return 2;
  }
  // Exit anyway if no client comes within a minute (a broken test must not hang).
  SetTimer(nullptr, 0, 60000, nullptr);
  MSG msg;
  while (GetMessageW(&msg, nullptr, 0, 0) > 0) {
    if (msg.message == WM_TIMER && g_objects == 0) break;
    DispatchMessageW(&msg);
  }
  CoRevokeClassObject(cookie);
  CoUninitialize();
  return 0;
}
