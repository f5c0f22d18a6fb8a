// The test COM server's interface and class identities, shared by server and client.
#pragma once

#include <objbase.h>

// ICalc: a custom interface of the in-process classes (no marshaling needed in process).
// {6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B60}
static const IID IID_ICalc = {
    0x6a3b1c9e, 0x2f4d, 0x4e8a, {0x9b, 0x7c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b, 0x60}};

struct ICalc : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE Add(LONG a, LONG b, LONG* sum) = 0;
};

// In-process, ThreadingModel=Apartment: {6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B61}
static const CLSID CLSID_ApartmentCalc = {
    0x6a3b1c9e, 0x2f4d, 0x4e8a, {0x9b, 0x7c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b, 0x61}};
// In-process, ThreadingModel=Both: {6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B62}
static const CLSID CLSID_BothCalc = {
    0x6a3b1c9e, 0x2f4d, 0x4e8a, {0x9b, 0x7c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b, 0x62}};
// Out of process (LocalServer32), used through IDispatch (DISPID 1 = Add):
// {6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B63}
static const CLSID CLSID_LocalCalc = {
    0x6a3b1c9e, 0x2f4d, 0x4e8a, {0x9b, 0x7c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b, 0x63}};
