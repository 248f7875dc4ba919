// Fuzz target: glTF JSON (.gltf text) through the whole loader, conversion included, then coarse levels of detail.
#include "fuzz_support.h"
#include "gltf_internal.h"
#include "load_budget.h"
#include "scene/coarse_lod.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || data[0] != '{') return -1;  // not JSON text: the GLB target covers binary containers
  ct::io::detail::BudgetScope scope(ct::fuzz::freshBudget());
  auto result = ct::io::detail::loadGltfData(ct::fuzz::bytesOf(data, size), ct::fuzz::emptyFolder(), {});
  // What loads goes on to the viewer's coarse levels of detail (meshoptimizer sees the file's geometry).
  if (result) ct::scene::buildCoarseLods(result.value());
  return 0;
}
