// comreg_tlclient.exe: activates the Calculator and Adder coclasses of comreg_tltest.idl by
// CLSID and by ProgID and calls them through the vtable and through IDispatch by name.
// It runs in the multithreaded apartment, so COM hosts the Apartment-threaded objects in an
// STA and hands back proxies: the dual interfaces must be marshaled by the automation
// marshaler that the Interface keys name, through the registered type library.
//   comreg_tlclient [--expect-fail]
// --expect-fail  succeed only if every activation fails as "not registered"
#include <windows.h>

#include <cstdio>
#include <cwchar>

#include "tltest.h"

namespace {

struct TestClass {
  const CLSID* clsid;
  const wchar_t* name;
  const wchar_t* progid;
  bool plus;
};

const TestClass classes[] = {
    {&CLSID_Calculator, L"Calculator", L"ComregTlTest.Calculator.1", true},
    {&CLSID_Adder, L"Adder", L"ComregTlTest.Adder", false},
};

HRESULT call_by_name(IDispatch* dispatch, const wchar_t* method, LONG a, LONG b, LONG& out) {
  LPOLESTR name = const_cast<LPOLESTR>(method);
  DISPID id = 0;
  HRESULT hr = dispatch->GetIDsOfNames(IID_NULL, &name, 1, 0x409, &id);
  if (FAILED(hr)) return hr;
  VARIANT args[2];
  VariantInit(&args[0]);
  VariantInit(&args[1]);
  args[0].vt = VT_I4;
  args[0].lVal = b;  // arguments are passed in reverse order
  args[1].vt = VT_I4;
  args[1].lVal = a;
  DISPPARAMS params = {args, nullptr, 2, 0};
  VARIANT result;
  VariantInit(&result);
  hr = dispatch->Invoke(id, IID_NULL, 0x409, DISPATCH_METHOD, &params, &result, nullptr, nullptr);
  if (FAILED(hr)) return hr;
  if (result.vt != VT_I4) return DISP_E_TYPEMISMATCH;
  out = result.lVal;
  return S_OK;
}

// Creates the object and checks each call's answer; S_OK when all are right.
HRESULT activate_and_call(const TestClass& c, const CLSID& clsid, bool& proxy) {
  ICalcBase* calc = nullptr;
  HRESULT hr = CoCreateInstance(clsid, nullptr, CLSCTX_INPROC_SERVER, IID_ICalcBase,
                                reinterpret_cast<void**>(&calc));
  if (FAILED(hr)) return hr;
  IUnknown* security = nullptr;
  proxy = SUCCEEDED(calc->QueryInterface(IID_IClientSecurity, reinterpret_cast<void**>(&security)));
  if (security != nullptr) security->Release();
  LONG sum = 0;
  hr = calc->Add(2, 3, &sum);
  if (SUCCEEDED(hr) && sum != 5) hr = E_UNEXPECTED;
  if (SUCCEEDED(hr) && c.plus) {
    ICalcPlus* plus = nullptr;
    hr = calc->QueryInterface(IID_ICalcPlus, reinterpret_cast<void**>(&plus));
    if (SUCCEEDED(hr)) {
      LONG product = 0;
      hr = plus->Multiply(3, 4, &product);
      if (SUCCEEDED(hr) && product != 12) hr = E_UNEXPECTED;
      plus->Release();
    }
  }
  if (SUCCEEDED(hr)) {
    LONG by_name = 0;
    hr = call_by_name(calc, L"Add", 20, 22, by_name);
    if (SUCCEEDED(hr) && by_name != 42) hr = E_UNEXPECTED;
  }
  calc->Release();
  return hr;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  bool expect_fail = false;
  for (int i = 1; i < argc; ++i) {
    if (std::wcscmp(argv[i], L"--expect-fail") == 0) {
      expect_fail = true;
    } else {
      std::fwprintf(stderr, L"usage: comreg_tlclient [--expect-fail]\n");
      return 2;
    }
  }
  if (FAILED(CoInitializeEx(nullptr, COINIT_MULTITHREADED))) return 3;
  int failures = 0;
  int classes_ok = 0;
  int proxies = 0;
  for (const auto& c : classes) {
    bool proxy = false;
    HRESULT hr = activate_and_call(c, *c.clsid, proxy);
    const bool ok_clsid = expect_fail ? hr == REGDB_E_CLASSNOTREG : SUCCEEDED(hr);
    proxies += SUCCEEDED(hr) && proxy;
    std::wprintf(L"%ls by CLSID: 0x%08lX%ls %ls\n", c.name, static_cast<unsigned long>(hr),
                 SUCCEEDED(hr) ? (proxy ? L" (through a proxy)" : L" (direct)") : L"",
                 ok_clsid ? L"as expected" : L"UNEXPECTED");
    CLSID from_progid;
    hr = CLSIDFromProgID(c.progid, &from_progid);
    if (SUCCEEDED(hr)) hr = activate_and_call(c, from_progid, proxy);
    const bool ok_progid = expect_fail ? hr == CO_E_CLASSSTRING : SUCCEEDED(hr);
    std::wprintf(L"%ls by ProgID %ls: 0x%08lX %ls\n", c.name, c.progid,
                 static_cast<unsigned long>(hr), ok_progid ? L"as expected" : L"UNEXPECTED");
    failures += !ok_clsid + !ok_progid;
    classes_ok += ok_clsid && ok_progid;
  }
  if (expect_fail) {
    std::wprintf(L"not registered, as expected: %d classes\n", classes_ok);
  } else {
    std::wprintf(L"activated %d classes, %d through proxies (vtable and IDispatch calls)\n",
                 classes_ok, proxies);
  }
  CoUninitialize();
  return failures == 0 ? 0 : 1;
}
