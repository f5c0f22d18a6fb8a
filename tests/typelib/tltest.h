// The identities and interfaces of comreg_tltest.idl, by hand for the test server and client
// (widl's generated header would redeclare IUnknown and IDispatch from automation_base.idl).
#pragma once

#include <oaidl.h>
#include <objbase.h>

// {8D1F0C2A-5B3E-4C7D-9A61-2E4F6B8C0D10}
static const GUID LIBID_ComregTypelibTest = {
    0x8d1f0c2a, 0x5b3e, 0x4c7d, {0x9a, 0x61, 0x2e, 0x4f, 0x6b, 0x8c, 0x0d, 0x10}};
static const IID IID_ICalcBase = {
    0x8d1f0c2a, 0x5b3e, 0x4c7d, {0x9a, 0x61, 0x2e, 0x4f, 0x6b, 0x8c, 0x0d, 0x01}};
static const IID IID_ICalcPlus = {
    0x8d1f0c2a, 0x5b3e, 0x4c7d, {0x9a, 0x61, 0x2e, 0x4f, 0x6b, 0x8c, 0x0d, 0x02}};
static const CLSID CLSID_Calculator = {
    0x8d1f0c2a, 0x5b3e, 0x4c7d, {0x9a, 0x61, 0x2e, 0x4f, 0x6b, 0x8c, 0x0d, 0x11}};
static const CLSID CLSID_Adder = {
    0x8d1f0c2a, 0x5b3e, 0x4c7d, {0x9a, 0x61, 0x2e, 0x4f, 0x6b, 0x8c, 0x0d, 0x12}};

// Dual: [id(1)] Add.
struct ICalcBase : public IDispatch {
  virtual HRESULT STDMETHODCALLTYPE Add(LONG a, LONG b, LONG* sum) = 0;
};

// Dual: [id(2)] Multiply, [id(3)] Negate, after ICalcBase's.
struct ICalcPlus : public ICalcBase {
  virtual HRESULT STDMETHODCALLTYPE Multiply(LONG a, LONG b, LONG* product) = 0;
  virtual HRESULT STDMETHODCALLTYPE Negate(LONG a, LONG* result) = 0;
};
