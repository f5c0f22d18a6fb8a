// comreg_testclient.exe: activates each test class by CLSID and by ProgID, calls Add, and
// says what happened. Exit code 0 when every activation did what the mode expects.
//   comreg_testclient [--inproc-only] [--expect-fail] [--version-independent] [--32-bit-view]
// --inproc-only          only the two in-process classes (registration-free COM covers only them)
// --expect-fail          succeed only if every activation fails as "not registered"
//                        (REGDB_E_CLASSNOTREG by CLSID, CO_E_CLASSSTRING by ProgID)
// --version-independent  also by the version-independent ProgIDs, which the registrations of
//                        wine:shared share
// --32-bit-view          only the local server class, by CLSID, from the 32-bit registry view
//                        (CLSCTX_ACTIVATE_32_BIT_SERVER): a 64-bit client loads no DLL registered
//                        there, and Wine 8 reads a 64-bit process's ProgIDs in its own view only
#include <windows.h>

#include <cstdio>
#include <cwchar>
#include <initializer_list>

#include "calc.h"

namespace {

struct TestClass {
  const CLSID* clsid;
  const wchar_t* name;
  const wchar_t* progid;
  const wchar_t* vi_progid;  // nullptr: the class has none
  bool local;
};

const TestClass classes[] = {
    {&CLSID_ApartmentCalc, L"ApartmentCalc", L"ComregTest.ApartmentCalc.1",
     L"ComregTest.ApartmentCalc", false},
    {&CLSID_BothCalc, L"BothCalc", L"ComregTest.BothCalc", nullptr, false},
    {&CLSID_LocalCalc, L"LocalCalc", L"ComregTest.LocalCalc.1", L"ComregTest.LocalCalc", true},
};

// Creates the object and calls Add(2, 3); S_OK only when the answer is 5.
HRESULT activate_and_call(const CLSID& clsid, bool local, bool view32) {
  if (!local) {
    ICalc* calc = nullptr;
    HRESULT hr = CoCreateInstance(clsid, nullptr, CLSCTX_INPROC_SERVER, IID_ICalc,
                                  reinterpret_cast<void**>(&calc));
    if (FAILED(hr)) return hr;
    LONG sum = 0;
    hr = calc->Add(2, 3, &sum);
    calc->Release();
    return FAILED(hr) ? hr : sum == 5 ? S_OK : E_UNEXPECTED;
  }
  IDispatch* dispatch = nullptr;
  const DWORD context = CLSCTX_LOCAL_SERVER | (view32 ? CLSCTX_ACTIVATE_32_BIT_SERVER : 0);
  HRESULT hr =
      CoCreateInstance(clsid, nullptr, context, IID_IDispatch, reinterpret_cast<void**>(&dispatch));
  if (FAILED(hr)) return hr;
  VARIANT args[2];
  VariantInit(&args[0]);
  VariantInit(&args[1]);
  args[0].vt = VT_I4;
  args[0].lVal = 3;  // arguments are passed in reverse order
  args[1].vt = VT_I4;
  args[1].lVal = 2;
  DISPPARAMS params = {args, nullptr, 2, 0};
  VARIANT result;
  VariantInit(&result);
  hr = dispatch->Invoke(1, IID_NULL, 0, DISPATCH_METHOD, &params, &result, nullptr, nullptr);
  dispatch->Release();
  if (FAILED(hr)) return hr;
  return result.vt == VT_I4 && result.lVal == 5 ? S_OK : E_UNEXPECTED;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  bool inproc_only = false;
  bool expect_fail = false;
  bool version_independent = false;
  bool view32 = false;
  for (int i = 1; i < argc; ++i) {
    if (std::wcscmp(argv[i], L"--inproc-only") == 0)
      inproc_only = true;
    else if (std::wcscmp(argv[i], L"--expect-fail") == 0)
      expect_fail = true;
    else if (std::wcscmp(argv[i], L"--version-independent") == 0)
      version_independent = true;
    else if (std::wcscmp(argv[i], L"--32-bit-view") == 0)
      view32 = true;
    else {
      std::fwprintf(stderr,
                    L"usage: comreg_testclient [--inproc-only] [--expect-fail] "
                    L"[--version-independent] [--32-bit-view]\n");
      return 2;
    }
  }
  if (FAILED(CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED))) return 3;
  int failures = 0;
  int activated = 0;
  int classes_ok = 0;
  for (const auto& c : classes) {
    if ((inproc_only && c.local) || (view32 && !c.local)) continue;
    bool class_ok = true;
    // By CLSID.
    HRESULT hr = activate_and_call(*c.clsid, c.local, view32);
    const bool ok_clsid = expect_fail ? hr == REGDB_E_CLASSNOTREG : SUCCEEDED(hr);
    std::wprintf(L"%ls by CLSID: 0x%08lX %ls\n", c.name, static_cast<unsigned long>(hr),
                 ok_clsid ? L"as expected" : L"UNEXPECTED");
    // By ProgID, and by the version-independent one when asked.
    bool ok_progids = true;
    for (const wchar_t* progid : {c.progid, version_independent ? c.vi_progid : nullptr}) {
      if (progid == nullptr || view32) continue;
      CLSID from_progid;
      hr = CLSIDFromProgID(progid, &from_progid);
      if (SUCCEEDED(hr)) hr = activate_and_call(from_progid, c.local, view32);
      const bool ok_progid = expect_fail ? hr == CO_E_CLASSSTRING : SUCCEEDED(hr);
      std::wprintf(L"%ls by ProgID %ls: 0x%08lX %ls\n", c.name, progid,
                   static_cast<unsigned long>(hr), ok_progid ? L"as expected" : L"UNEXPECTED");
      failures += !ok_progid;
      ok_progids = ok_progids && ok_progid;
      if (!expect_fail) activated += ok_progid;
    }
    failures += !ok_clsid;
    class_ok = ok_clsid && ok_progids;
    if (!expect_fail) activated += ok_clsid;
    classes_ok += class_ok;
  }
  if (expect_fail) {
    std::wprintf(L"not registered, as expected: %d classes\n", classes_ok);
  } else {
    std::wprintf(L"activated %d classes (%d activations by CLSID and ProgID)\n", classes_ok,
                 activated);
  }
  CoUninitialize();
  return failures == 0 ? 0 : 1;
}
