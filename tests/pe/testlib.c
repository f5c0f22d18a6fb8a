/* A COM-server-shaped DLL for the PE reader and `comreg check` tests: it is never loaded, only
   read, so the exports are stubs. Built for x64 and x86 from this one source. */
typedef long HRESULT;

int __stdcall DllMain(void* instance, unsigned long reason, void* reserved) {
  (void)instance;
  (void)reason;
  (void)reserved;
  return 1;
}
HRESULT DllGetClassObject(const void* clsid, const void* iid, void** out) {
  (void)clsid;
  (void)iid;
  *out = 0;
  return (HRESULT)0x80040111L; /* CLASS_E_CLASSNOTAVAILABLE */
}
HRESULT DllCanUnloadNow(void) { return 0; }
HRESULT DllRegisterServer(void) { return 0; }
HRESULT DllUnregisterServer(void) { return 0; }
int ByOrdinalOnly(void) { return 5; }
