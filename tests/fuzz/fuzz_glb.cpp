// Fuzz target: GLB containers (header, chunks, JSON, BIN) through the whole loader.
#include <cstring>

#include "fuzz_support.h"
#include "gltf_internal.h"
#include "load_budget.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4 || std::memcmp(data, "glTF", 4) != 0) return -1;
  ct::io::detail::BudgetScope scope(ct::fuzz::freshBudget());
  auto result = ct::io::detail::loadGltfData(ct::fuzz::bytesOf(data, size), ct::fuzz::emptyFolder(), {});
  (void)result;
  return 0;
}
