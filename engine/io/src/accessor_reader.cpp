// Accessor decoding. Every byte range is checked against its bufferView and buffer before it is read.
#include "accessor_reader.h"

#include <tiny_gltf.h>

#include <algorithm>
#include <cstring>

namespace ct::io {
namespace {

constexpr uint64_t kMaxElements = 1ull << 28;

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

double readComponent(const uint8_t* p, int componentType, bool normalized) {
  switch (componentType) {
    case TINYGLTF_COMPONENT_TYPE_BYTE: {
      int8_t v;
      std::memcpy(&v, p, 1);
      return normalized ? std::max(v / 127.0, -1.0) : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return normalized ? p[0] / 255.0 : p[0];
    case TINYGLTF_COMPONENT_TYPE_SHORT: {
      int16_t v;
      std::memcpy(&v, p, 2);
      return normalized ? std::max(v / 32767.0, -1.0) : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return normalized ? v / 65535.0 : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    case TINYGLTF_COMPONENT_TYPE_FLOAT: {
      float v;
      std::memcpy(&v, p, 4);
      return v;
    }
    default: return 0.0;
  }
}

// A validated view of `count` elements of `elementSize` bytes, `stride` apart.
struct Span {
  const uint8_t* data = nullptr;
  uint64_t stride = 0;
};

bool resolveView(const tinygltf::Model& model, int viewIndex, uint64_t byteOffset, uint64_t count,
                 uint64_t elementSize, Span& span, std::string& error, const std::string& what) {
  if (viewIndex < 0 || viewIndex >= static_cast<int>(model.bufferViews.size())) {
    error = what + " refers to bufferView " + std::to_string(viewIndex) + ", which does not exist";
    return false;
  }
  const tinygltf::BufferView& view = model.bufferViews[viewIndex];
  if (view.buffer < 0 || view.buffer >= static_cast<int>(model.buffers.size())) {
    error = "bufferView " + std::to_string(viewIndex) + " refers to a missing buffer";
    return false;
  }
  const tinygltf::Buffer& buffer = model.buffers[view.buffer];
  uint64_t viewEnd = uint64_t(view.byteOffset) + uint64_t(view.byteLength);
  if (viewEnd > buffer.data.size()) {
    error = "bufferView " + std::to_string(viewIndex) + " reaches past the end of buffer " +
            std::to_string(view.buffer) + " (" + std::to_string(viewEnd) + " > " +
            std::to_string(buffer.data.size()) + " bytes)";
    return false;
  }
  uint64_t stride = view.byteStride ? uint64_t(view.byteStride) : elementSize;
  if (view.byteStride && view.byteStride < elementSize) {
    error = what + ": byteStride " + std::to_string(view.byteStride) + " is smaller than an element";
    return false;
  }
  if (count > 0) {
    uint64_t need = byteOffset + stride * (count - 1) + elementSize;
    if (need > view.byteLength) {
      error = what + " reads " + std::to_string(need) + " bytes from bufferView " + std::to_string(viewIndex) +
              " of " + std::to_string(view.byteLength) + " bytes";
      return false;
    }
  }
  span.data = buffer.data.data() + view.byteOffset + byteOffset;
  span.stride = stride;
  return true;
}

// Decodes into doubles; both public readers convert from here.
bool readAccessor(const tinygltf::Model& model, int index, std::vector<double>& out, int& components,
                  std::string& error) {
  std::string what = "accessor " + std::to_string(index);
  if (index < 0 || index >= static_cast<int>(model.accessors.size())) {
    error = what + " does not exist";
    return false;
  }
  const tinygltf::Accessor& acc = model.accessors[index];
  components = componentCount(acc.type);
  int csize = componentSize(acc.componentType);
  if (components == 0 || csize == 0) {
    error = what + " has an invalid type or componentType";
    return false;
  }
  uint64_t count = acc.count;
  if (count > kMaxElements) {
    error = what + " has an implausible count " + std::to_string(count);
    return false;
  }
  uint64_t elementSize = uint64_t(components) * csize;
  out.assign(count * components, 0.0);
  if (acc.bufferView >= 0) {
    Span span;
    if (!resolveView(model, acc.bufferView, acc.byteOffset, count, elementSize, span, error, what)) return false;
    for (uint64_t i = 0; i < count; ++i) {
      const uint8_t* e = span.data + i * span.stride;
      for (int c = 0; c < components; ++c)
        out[i * components + c] = readComponent(e + uint64_t(c) * csize, acc.componentType, acc.normalized);
    }
  }
  if (acc.sparse.isSparse) {
    uint64_t n = acc.sparse.count;
    if (n == 0 || n > count) {
      error = what + ": sparse count " + std::to_string(n) + " is out of range";
      return false;
    }
    int isize = componentSize(acc.sparse.indices.componentType);
    if (isize == 0 || acc.sparse.indices.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT) {
      error = what + ": sparse indices have an invalid componentType";
      return false;
    }
    Span idx, val;
    if (!resolveView(model, acc.sparse.indices.bufferView, acc.sparse.indices.byteOffset, n, isize, idx, error,
                     what + " sparse indices") ||
        !resolveView(model, acc.sparse.values.bufferView, acc.sparse.values.byteOffset, n, elementSize, val, error,
                     what + " sparse values"))
      return false;
    for (uint64_t i = 0; i < n; ++i) {
      auto target = static_cast<uint64_t>(readComponent(idx.data + i * isize, acc.sparse.indices.componentType, false));
      if (target >= count) {
        error = what + ": sparse index " + std::to_string(target) + " is out of range";
        return false;
      }
      for (int c = 0; c < components; ++c)
        out[target * components + c] =
            readComponent(val.data + i * elementSize + uint64_t(c) * csize, acc.componentType, acc.normalized);
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
  std::vector<double> tmp;
  if (!readAccessor(model, index, tmp, components, error)) return false;
  out.resize(tmp.size());
  for (size_t i = 0; i < tmp.size(); ++i) out[i] = static_cast<float>(tmp[i]);
  return true;
}

bool readAccessorUint(const tinygltf::Model& model, int index, std::vector<uint32_t>& out, std::string& error) {
  std::vector<double> tmp;
  int components = 0;
  if (!readAccessor(model, index, tmp, components, error)) return false;
  const tinygltf::Accessor& acc = model.accessors[index];
  if (acc.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT || acc.componentType == TINYGLTF_COMPONENT_TYPE_BYTE ||
      acc.componentType == TINYGLTF_COMPONENT_TYPE_SHORT || components != 1) {
    error = "accessor " + std::to_string(index) + " must hold unsigned integer scalars";
    return false;
  }
  out.resize(tmp.size());
  for (size_t i = 0; i < tmp.size(); ++i) out[i] = static_cast<uint32_t>(tmp[i]);
  return true;
}

}  // namespace ct::io
