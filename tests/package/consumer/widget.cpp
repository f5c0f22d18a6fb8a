// The consumer's "server": a DLL whose only job is to carry its manifest.
#ifdef _WIN32
#define WIDGET_EXPORT __declspec(dllexport)
#else
#define WIDGET_EXPORT __attribute__((visibility("default")))
#endif

extern "C" WIDGET_EXPORT int widget_answer() {
  return 42;
}
