// cloudplay: the engine's command-line runner (native, and as wasm under Node).
#include <cstdio>
#include <cstring>
#include "core/version.h"

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("cloudplay %s\n", cp::kVersion);
    return 0;
  }
  std::fprintf(stderr, "usage: cloudplay --version\n");
  return 2;
}
