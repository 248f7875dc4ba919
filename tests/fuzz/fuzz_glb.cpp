// Fuzz target: GLB containers (header, chunks, JSON, BIN) through the whole loader, then coarse levels of detail.
#include <cstring>

#include "fuzz_support.h"
#include "gltf_internal.h"
#include "load_budget.h"
#include "scene/coarse_lod.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4 || std::memcmp(data, "glTF", 4) != 0) return -1;
  ct::io::detail::BudgetScope scope(ct::fuzz::freshBudget());
  auto result = ct::io::detail::loadGltfData(ct::fuzz::bytesOf(data, size), ct::fuzz::emptyFolder(), {});
  // What loads goes on to the viewer's coarse levels of detail (meshoptimizer sees the file's geometry).
  if (result) ct::scene::buildCoarseLods(result.value());
  return 0;
}
