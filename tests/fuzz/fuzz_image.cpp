// Fuzz target: image decoding (PNG, JPEG and what else stb reads) through the loader's image callback, which
// checks the header's size before decoding.
#include <tiny_gltf.h>

#include "fuzz_support.h"
#include "gltf_internal.h"
#include "load_budget.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1u << 24)) return -1;
  ct::io::detail::BudgetScope scope(ct::fuzz::freshBudget());
  tinygltf::Image image;
  std::string err, warn;
  ct::io::detail::decodeImage(&image, 0, &err, &warn, 0, 0, data, static_cast<int>(size), nullptr);
  if (!image.image.empty() && image.image.size() != size_t(image.width) * size_t(image.height) * 4) __builtin_trap();
  return 0;
}
