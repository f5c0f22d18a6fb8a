// comreg_testexe.exe: a local (out-of-process) COM server. COM starts it with -Embedding
// through LocalServer32; it registers its class object with CoRegisterClassObject and exits
// when its last object is released. The class is used through IDispatch (DISPID 1 = Add), so
// oleaut32's built-in marshaler carries the calls across processes.
//
// Shutdown follows COM's rules for local servers: each object and each LockServer(TRUE) holds
// a CoAddRefServerProcess reference; the class object is registered REGCLS_SUSPENDED and made
// available with CoResumeClassObjects. When CoReleaseServerProcess returns 0, Windows has
// already suspended the class objects, so no new activation can reach this dying process (it
// starts a new server instead). Wine 8 does not do that: its CoReleaseServerProcess only
// counts, and REGCLS_SUSPENDED, CoResumeClassObjects and CoSuspendClassObjects change nothing.
// So the server also revokes its class object at that moment, on the apartment's thread and
// before the last Release returns to the client: the class is gone from the running class
// table before the client can activate again. (Revoking only after the message loop ended
// left a window in which an activation reached the exiting server: 0x800706B5.)
#include <windows.h>

#include "calc.h"

namespace {

DWORD g_cookie = 0;       // the class object's registration, 0 once revoked
bool g_stopping = false;  // the last reference is gone: no new objects

// Only the main thread (the server's single-threaded apartment) runs these: COM delivers
// every call on this apartment's objects there, and the server starts no other threads.
void server_addref() {
  CoAddRefServerProcess();
}
void server_release() {
  if (CoReleaseServerProcess() != 0) return;
  g_stopping = true;
  if (g_cookie != 0) {
    CoRevokeClassObject(g_cookie);
    g_cookie = 0;
  }
  PostQuitMessage(0);
}

class LocalCalc final : public IDispatch {
 public:
  LocalCalc() { server_addref(); }
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
      server_release();
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
    if (g_stopping) return CO_E_SERVER_STOPPING;
    LocalCalc* calc = new LocalCalc();
    const HRESULT hr = calc->QueryInterface(iid, out);
    calc->Release();
    return hr;
  }
  HRESULT STDMETHODCALLTYPE LockServer(BOOL lock) override {
    if (lock) {
      server_addref();
    } else {
      server_release();
    }
    return S_OK;
  }
};

}  // namespace

int WINAPI wWinMain(HINSTANCE, HINSTANCE, PWSTR, int) {
  if (FAILED(CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED))) return 1;
  Factory factory;
  // One factory for every client; the server lives while objects and locks do.
  if (FAILED(CoRegisterClassObject(CLSID_LocalCalc, &factory, CLSCTX_LOCAL_SERVER,
                                   REGCLS_MULTIPLEUSE | REGCLS_SUSPENDED, &g_cookie))) {
    CoUninitialize();
    return 2;
  }
  if (FAILED(CoResumeClassObjects())) {
    CoRevokeClassObject(g_cookie);
    CoUninitialize();
    return 3;
  }
  // Exit anyway if no client comes within a minute (a broken test must not hang): taking and
  // dropping a reference shuts the server down exactly as a last release does when nobody
  // else holds one.
  SetTimer(nullptr, 0, 60000, nullptr);
  MSG msg;
  while (GetMessageW(&msg, nullptr, 0, 0) > 0) {
    if (msg.message == WM_TIMER && msg.hwnd == nullptr) {
      server_addref();
      server_release();
      continue;
    }
    DispatchMessageW(&msg);
  }
  if (g_cookie != 0) CoRevokeClassObject(g_cookie);
  CoUninitialize();
  return 0;
}
