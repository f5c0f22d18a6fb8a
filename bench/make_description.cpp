// Writes a synthetic description (the benchmarks' input) to a file, for benchmarks that run
// other programs on it. Usage: make_description CLASSES OUT.json
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "synthetic_description.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_description CLASSES OUT.json\n");
    return 2;
  }
  std::ofstream out(argv[2], std::ios::binary);
  out << comreg::bench::synthetic_description(std::strtoul(argv[1], nullptr, 10));
  return out ? 0 : 2;
}
