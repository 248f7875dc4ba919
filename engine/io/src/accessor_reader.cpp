// Accessor decoding straight into the type the caller keeps (no intermediate doubles). Every byte range is
// checked with checkStridedRead (overflow-safe) before it is read, and the output against the memory budget
// before it is allocated.
#include "accessor_reader.h"

#include <tiny_gltf.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/checked_math.h"
#include "load_budget.h"

namespace ct::io {
namespace {

using detail::fitsMemory;

int componentSize(int componentType) {
  switch (componentType) {
    case TINYGLTF_COMPONENT_TYPE_BYTE:
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return 1;
    case TINYGLTF_COMPONENT_TYPE_SHORT:
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: return 2;
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
    case TINYGLTF_COMPONENT_TYPE_FLOAT: return 4;
    default: return 0;
  }
}

template <typename V>
V load(const uint8_t* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

float readFloat(const uint8_t* p, int componentType, bool normalized) {
  switch (componentType) {
    case TINYGLTF_COMPONENT_TYPE_BYTE: {
      const auto v = load<int8_t>(p);
      return normalized ? std::max(v / 127.0f, -1.0f) : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return normalized ? p[0] / 255.0f : p[0];
    case TINYGLTF_COMPONENT_TYPE_SHORT: {
      const auto v = load<int16_t>(p);
      return normalized ? std::max(v / 32767.0f, -1.0f) : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
      const auto v = load<uint16_t>(p);
      return normalized ? v / 65535.0f : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: return static_cast<float>(load<uint32_t>(p));
    default: return load<float>(p);
  }
}

// Unsigned integer component types only (the caller checked); read exactly.
uint32_t readUint(const uint8_t* p, int componentType) {
  switch (componentType) {
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return p[0];
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: return load<uint16_t>(p);
    default: return load<uint32_t>(p);
  }
}

bool isUnsignedInteger(int componentType) {
  return componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE ||
         componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT ||
         componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT;
}

// Where `count` elements of `elementSize` bytes start in the bufferView's buffer, and their stride.
bool resolveView(const tinygltf::Model& model, int viewIndex, int64_t byteOffset, uint64_t count,
                 uint64_t elementSize, const uint8_t*& data, uint64_t& stride, std::string& error,
                 const std::string& what) {
  if (viewIndex < 0 || viewIndex >= static_cast<int>(model.bufferViews.size())) {
    error = what + " refers to bufferView " + std::to_string(viewIndex) + ", which does not exist";
    return false;
  }
  if (byteOffset < 0) {
    error = what + " has a negative byteOffset " + std::to_string(byteOffset);
    return false;
  }
  const tinygltf::BufferView& view = model.bufferViews[viewIndex];
  if (view.buffer < 0 || view.buffer >= static_cast<int>(model.buffers.size())) {
    error = "bufferView " + std::to_string(viewIndex) + " refers to a missing buffer";
    return false;
  }
  const tinygltf::Buffer& buffer = model.buffers[view.buffer];
  StridedRead read{buffer.data.size(), view.byteOffset, view.byteLength, uint64_t(byteOffset), count,
                   uint64_t(view.byteStride), elementSize};
  uint64_t start = 0;
  std::string why;
  if (!checkStridedRead(read, start, why)) {
    error = what + " (bufferView " + std::to_string(viewIndex) + "): " + why;
    return false;
  }
  data = buffer.data.data() + start;
  stride = view.byteStride ? view.byteStride : elementSize;
  return true;
}

// Decodes accessor `index` into `out` (count x components values of T) through `read(bytes, componentType)`.
template <typename T, typename Read>
bool decode(const tinygltf::Model& model, int index, std::vector<T>& out, int& components, std::string& error,
            Read read) {
  const std::string what = "accessor " + std::to_string(index);
  if (index < 0 || index >= static_cast<int>(model.accessors.size())) {
    error = what + " does not exist";
    return false;
  }
  const tinygltf::Accessor& acc = model.accessors[index];
  components = componentCount(acc.type);
  const int csize = componentSize(acc.componentType);
  if (components == 0 || csize == 0) {
    error = what + " has an invalid type or componentType";
    return false;
  }
  const uint64_t count = acc.count;
  const uint64_t elementSize = uint64_t(components) * uint64_t(csize);
  // The bytes behind the accessor are checked before anything is allocated from its count.
  const uint8_t* data = nullptr;
  uint64_t stride = 0;
  if (acc.bufferView < 0) {  // zeros (plus a sparse part): nothing backs the count but the file's other data
    uint64_t backing = 1 << 16;
    for (const tinygltf::Buffer& b : model.buffers) backing += b.data.size();
    if (count > backing) {
      error = what + " has " + std::to_string(count) + " elements but no bufferView, more than the file's " +
              std::to_string(backing - (1 << 16)) + " bytes of buffer data can describe";
      return false;
    }
  }
  if (acc.bufferView >= 0 &&
      !resolveView(model, acc.bufferView, int64_t(std::min<uint64_t>(acc.byteOffset, INT64_MAX)), count,
                   elementSize, data, stride, error, what))
    return false;
  const auto& sparse = acc.sparse;
  const uint8_t *idx = nullptr, *val = nullptr;
  uint64_t idxStride = 0, valStride = 0;
  int isize = 0;
  if (sparse.isSparse) {
    const uint64_t n = sparse.count < 0 ? UINT64_MAX : uint64_t(sparse.count);
    if (n == 0 || n > count) {
      error = what + ": sparse count " + std::to_string(sparse.count) + " is out of range";
      return false;
    }
    isize = componentSize(sparse.indices.componentType);
    if (!isUnsignedInteger(sparse.indices.componentType)) {
      error = what + ": sparse indices have an invalid componentType";
      return false;
    }
    if (!resolveView(model, sparse.indices.bufferView, sparse.indices.byteOffset, n, uint64_t(isize), idx, idxStride,
                     error, what + " sparse indices") ||
        !resolveView(model, sparse.values.bufferView, sparse.values.byteOffset, n, elementSize, val, valStride, error,
                     what + " sparse values"))
      return false;
  }
  uint64_t values = 0, bytes = 0;
  if (!checkedMul(count, uint64_t(components), values) || !checkedMul(values, sizeof(T), bytes) ||
      !fitsMemory(bytes, what, error)) {
    if (error.empty()) error = what + " has an implausible count " + std::to_string(count);
    return false;
  }
  out.assign(values, T{});
  if (data)
    for (uint64_t i = 0; i < count; ++i)
      for (int c = 0; c < components; ++c)
        out[i * components + c] = read(data + i * stride + uint64_t(c) * csize, acc.componentType);
  if (sparse.isSparse) {
    for (uint64_t i = 0; i < uint64_t(sparse.count); ++i) {
      const uint64_t target = readUint(idx + i * uint64_t(isize), sparse.indices.componentType);
      if (target >= count) {
        error = what + ": sparse index " + std::to_string(target) + " is out of range";
        return false;
      }
      for (int c = 0; c < components; ++c)
        out[target * components + c] = read(val + i * elementSize + uint64_t(c) * csize, acc.componentType);
    }
  }
  return true;
}

}  // namespace

int componentCount(int type) {
  switch (type) {
    case TINYGLTF_TYPE_SCALAR: return 1;
    case TINYGLTF_TYPE_VEC2: return 2;
    case TINYGLTF_TYPE_VEC3: return 3;
    case TINYGLTF_TYPE_VEC4: return 4;
    case TINYGLTF_TYPE_MAT2: return 4;
    case TINYGLTF_TYPE_MAT3: return 9;
    case TINYGLTF_TYPE_MAT4: return 16;
    default: return 0;
  }
}

bool readAccessorFloat(const tinygltf::Model& model, int index, std::vector<float>& out, int& components,
                       std::string& error) {
  const bool normalized = index >= 0 && index < static_cast<int>(model.accessors.size()) &&
                          model.accessors[index].normalized;
  return decode(model, index, out, components, error,
                [normalized](const uint8_t* p, int type) { return readFloat(p, type, normalized); });
}

bool readAccessorUint(const tinygltf::Model& model, int index, std::vector<uint32_t>& out, std::string& error) {
  if (index >= 0 && index < static_cast<int>(model.accessors.size())) {
    const tinygltf::Accessor& acc = model.accessors[index];
    if (!isUnsignedInteger(acc.componentType) || componentCount(acc.type) != 1) {
      error = "accessor " + std::to_string(index) + " must hold unsigned integer scalars";
      return false;
    }
  }
  int components = 0;
  return decode(model, index, out, components, error, [](const uint8_t* p, int type) { return readUint(p, type); });
}

bool readAccessorFeatureIds(const tinygltf::Model& model, int index, std::vector<int64_t>& out, std::string& error) {
  if (index < 0 || index >= static_cast<int>(model.accessors.size())) {
    error = "accessor " + std::to_string(index) + " does not exist";
    return false;
  }
  const tinygltf::Accessor& acc = model.accessors[index];
  if (componentCount(acc.type) != 1 ||
      (!isUnsignedInteger(acc.componentType) && acc.componentType != TINYGLTF_COMPONENT_TYPE_FLOAT)) {
    error = "accessor " + std::to_string(index) + " must hold unsigned integer or float scalars";
    return false;
  }
  int components = 0;
  if (acc.componentType != TINYGLTF_COMPONENT_TYPE_FLOAT)  // integers are read exactly (ids above 2^24 stay apart)
    return decode(model, index, out, components, error,
                  [](const uint8_t* p, int type) { return int64_t(readUint(p, type)); });
  bool integral = true;
  bool ok = decode(model, index, out, components, error, [&integral](const uint8_t* p, int) {
    const float f = load<float>(p);
    if (!(f >= 0.0f && f < 4294967296.0f) || f != std::floor(f)) {
      integral = false;
      return int64_t(-1);
    }
    return int64_t(f);
  });
  if (ok && !integral) {
    error = "accessor " + std::to_string(index) + " holds a feature id that is not a whole number >= 0";
    return false;
  }
  return ok;
}

}  // namespace ct::io
