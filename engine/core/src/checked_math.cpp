// Bounds checks for strided reads whose numbers come from files.
#include "core/checked_math.h"

namespace ct {

bool checkStridedRead(const StridedRead& r, uint64_t& start, std::string& why) {
  uint64_t viewEnd = 0;
  if (!checkedAdd(r.viewOffset, r.viewLength, viewEnd) || viewEnd > r.bufferSize) {
    why = "bufferView (offset " + std::to_string(r.viewOffset) + ", length " + std::to_string(r.viewLength) +
          ") runs past the end of its buffer of " + std::to_string(r.bufferSize) + " bytes";
    return false;
  }
  if (r.elementSize == 0) {
    why = "element size is zero";
    return false;
  }
  const uint64_t stride = r.stride ? r.stride : r.elementSize;
  if (stride < r.elementSize) {
    why = "byteStride " + std::to_string(stride) + " is smaller than an element (" + std::to_string(r.elementSize) +
          " bytes)";
    return false;
  }
  uint64_t need = r.offset;  // one past the last byte read, relative to the view
  if (r.count > 0) {
    uint64_t span = 0;
    if (!checkedMul(stride, r.count - 1, span) || !checkedAdd(need, span, need) ||
        !checkedAdd(need, r.elementSize, need))
      need = UINT64_MAX;
  }
  if (r.offset > r.viewLength || need > r.viewLength) {
    why = std::to_string(r.count) + " elements of " + std::to_string(r.elementSize) + " bytes at offset " +
          std::to_string(r.offset) + (r.stride ? " with stride " + std::to_string(r.stride) : std::string()) +
          " do not fit in a bufferView of " + std::to_string(r.viewLength) + " bytes";
    return false;
  }
  start = r.viewOffset + r.offset;
  return true;
}

}  // namespace ct
