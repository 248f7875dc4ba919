// The one translation unit that compiles tinygltf (Debian's header), with Draco decoding enabled.
// Image decoding is done by our own callback (gltf_images.cpp), using Debian's libstb.
#define TINYGLTF_IMPLEMENTATION
#define TINYGLTF_ENABLE_DRACO
#include <tiny_gltf.h>
