// stb_image compiled here, from Debian's libstb-dev header, so that the fuzzers see into the decoder: the
// shared libstb the engine links is not instrumented (no coverage to guide the image target, no ASan checks
// inside it). Its definitions take precedence over the shared library's in the fuzz executables.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
