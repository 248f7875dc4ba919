// The one translation unit that compiles tinygltf (Debian's header), with Draco decoding enabled and RapidJSON
// as its JSON parser (several times faster than nlohmann's DOM on the large JSON chunks of city models).
// Image decoding is done by our own callback (gltf_images.cpp), using Debian's libstb.
#define TINYGLTF_IMPLEMENTATION
#define TINYGLTF_ENABLE_DRACO
#define TINYGLTF_USE_RAPIDJSON
#define TINYGLTF_USE_RAPIDJSON_CRTALLOCATOR  // thread safe: loads may run side by side
#include <tiny_gltf.h>
