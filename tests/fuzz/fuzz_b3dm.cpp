// Fuzz target: b3dm tiles (header, feature table, batch table, embedded GLB).
#include "fuzz_support.h"
#include "gltf_internal.h"
#include "load_budget.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ct::io::detail::BudgetScope scope(ct::fuzz::freshBudget());
  auto result = ct::io::detail::loadB3dm(ct::fuzz::bytesOf(data, size), ct::fuzz::emptyFolder());
  (void)result;
  return 0;
}
