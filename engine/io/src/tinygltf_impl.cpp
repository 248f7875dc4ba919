// The one translation unit that compiles tinygltf (Debian's header), with RapidJSON as its JSON parser (several
// times faster than nlohmann's DOM on the large JSON chunks of city models).
// Image decoding is done by our own callback (gltf_materials.cpp), using Debian's libstb; Draco by gltf_draco.cpp
// (tinygltf's own Draco path followed the file's indices unchecked).
#define TINYGLTF_IMPLEMENTATION
#define TINYGLTF_USE_RAPIDJSON
#define TINYGLTF_USE_RAPIDJSON_CRTALLOCATOR  // thread safe: loads may run side by side
#include <tiny_gltf.h>
