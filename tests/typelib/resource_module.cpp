// The code of the resource-only test DLLs (tests/typelib/CMakeLists.txt): one export, so the
// module is an ordinary DLL; the type library comes from the linked resource object.
extern "C" __declspec(dllexport) int comreg_resource_module() {
  return 1;
}
