// The consumer's client. Built against the package's library, it uses the umbrella header and a
// library function, which shows that both were installed and link.
#include <cstdio>

#ifdef CONSUMER_HAS_LIBRARY
#include <comreg/comreg.hpp>

int main(int argc, char** argv) {
  const auto guid = comreg::normalize_guid(argc > 1 ? argv[1] : "");
  if (!guid) return 1;
  std::printf("%s\n", guid->c_str());
  return 0;
}
#else
int main() {
  std::printf("client\n");
  return 0;
}
#endif
