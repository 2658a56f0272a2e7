// CBLAS from OpenBLAS (Linux). Debian/Ubuntu install cblas.h under the multiarch include
// folder (/usr/include/x86_64-linux-gnu), which clang searches by default; Fedora and
// Homebrew put it under openblas/. On macOS the library uses Accelerate instead.
#if __has_include(<cblas.h>)
#include <cblas.h>
#elif __has_include(<openblas/cblas.h>)
#include <openblas/cblas.h>
#endif
