// comreg_tlsrv.dll: the Calculator and Adder coclasses of comreg_tltest.idl, with the type
// library embedded as its TYPELIB resource. IDispatch is implemented through the *registered*
// type library (LoadRegTypeLib), so a call by name works only when the TypeLib key is right.
#include <windows.h>

#include "tltest.h"

namespace {

LONG g_objects = 0;

// ICalcPlus for Calculator; Adder exposes only its ICalcBase part.
class Calc final : public ICalcPlus {
 public:
  explicit Calc(bool plus) : plus_(plus) { InterlockedIncrement(&g_objects); }

  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID iid, void** out) override {
    if (out == nullptr) return E_POINTER;
    *out = nullptr;
    if (IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, IID_IDispatch) ||
        IsEqualIID(iid, IID_ICalcBase) || (plus_ && IsEqualIID(iid, IID_ICalcPlus))) {
      *out = static_cast<ICalcPlus*>(this);
      AddRef();
      return S_OK;
    }
    return E_NOINTERFACE;
  }
  ULONG STDMETHODCALLTYPE AddRef() override {
    return static_cast<ULONG>(InterlockedIncrement(&refs_));
  }
  ULONG STDMETHODCALLTYPE Release() override {
    const LONG n = InterlockedDecrement(&refs_);
    if (n == 0) {
      if (info_ != nullptr) info_->Release();
      InterlockedDecrement(&g_objects);
      delete this;
    }
    return static_cast<ULONG>(n);
  }

  HRESULT STDMETHODCALLTYPE GetTypeInfoCount(UINT* count) override {
    if (count == nullptr) return E_POINTER;
    *count = 1;
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE GetTypeInfo(UINT index, LCID, ITypeInfo** info) override {
    if (info == nullptr) return E_POINTER;
    *info = nullptr;
    if (index != 0) return DISP_E_BADINDEX;
    const HRESULT hr = load_type_info();
    if (FAILED(hr)) return hr;
    info_->AddRef();
    *info = info_;
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE GetIDsOfNames(REFIID, LPOLESTR* names, UINT count, LCID,
                                          DISPID* ids) override {
    const HRESULT hr = load_type_info();
    if (FAILED(hr)) return hr;
    return DispGetIDsOfNames(info_, names, count, ids);
  }
  HRESULT STDMETHODCALLTYPE Invoke(DISPID id, REFIID, LCID, WORD flags, DISPPARAMS* params,
                                   VARIANT* result, EXCEPINFO* exception,
                                   UINT* arg_error) override {
    const HRESULT hr = load_type_info();
    if (FAILED(hr)) return hr;
    return DispInvoke(static_cast<ICalcPlus*>(this), info_, id, flags, params, result, exception,
                      arg_error);
  }

  HRESULT STDMETHODCALLTYPE Add(LONG a, LONG b, LONG* sum) override {
    if (sum == nullptr) return E_POINTER;
    *sum = a + b;
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE Multiply(LONG a, LONG b, LONG* product) override {
    if (!plus_) return E_NOTIMPL;
    if (product == nullptr) return E_POINTER;
    *product = a * b;
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE Negate(LONG a, LONG* result) override {
    if (!plus_) return E_NOTIMPL;
    if (result == nullptr) return E_POINTER;
    *result = -a;
    return S_OK;
  }

 private:
  HRESULT load_type_info() {
    if (info_ != nullptr) return S_OK;
    ITypeLib* lib = nullptr;
    HRESULT hr = LoadRegTypeLib(LIBID_ComregTypelibTest, 2, 3, 0x409, &lib);
    if (FAILED(hr)) return hr;
    hr = lib->GetTypeInfoOfGuid(plus_ ? IID_ICalcPlus : IID_ICalcBase, &info_);
    lib->Release();
    return hr;
  }

  LONG refs_ = 1;
  bool plus_;
  ITypeInfo* info_ = nullptr;
};

class Factory final : public IClassFactory {
 public:
  explicit Factory(bool plus) : plus_(plus) {}
  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID iid, void** out) override {
    if (out == nullptr) return E_POINTER;
    if (IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, IID_IClassFactory)) {
      *out = static_cast<IClassFactory*>(this);
      return S_OK;
    }
    *out = nullptr;
    return E_NOINTERFACE;
  }
  ULONG STDMETHODCALLTYPE AddRef() override { return 2; }  // static lifetime
  ULONG STDMETHODCALLTYPE Release() override { return 1; }
  HRESULT STDMETHODCALLTYPE CreateInstance(IUnknown* outer, REFIID iid, void** out) override {
    if (outer != nullptr) return CLASS_E_NOAGGREGATION;
    Calc* calc = new Calc(plus_);
    const HRESULT hr = calc->QueryInterface(iid, out);
    calc->Release();
    return hr;
  }
  HRESULT STDMETHODCALLTYPE LockServer(BOOL) override { return S_OK; }

 private:
  bool plus_;
};

Factory g_calculator(true);
Factory g_adder(false);

}  // namespace

extern "C" HRESULT STDAPICALLTYPE DllGetClassObject(REFCLSID clsid, REFIID iid, void** out) {
  if (IsEqualCLSID(clsid, CLSID_Calculator)) return g_calculator.QueryInterface(iid, out);
  if (IsEqualCLSID(clsid, CLSID_Adder)) return g_adder.QueryInterface(iid, out);
  if (out != nullptr) *out = nullptr;
  return CLASS_E_CLASSNOTAVAILABLE;
}

extern "C" HRESULT STDAPICALLTYPE DllCanUnloadNow() {
  return g_objects == 0 ? S_OK : S_FALSE;
}
