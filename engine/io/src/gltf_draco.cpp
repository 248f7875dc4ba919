// KHR_draco_mesh_compression, decoded by us rather than by tinygltf (whose decoder trusted every index in the
// file: a bufferView of 999 was a segfault). Everything the extension names is checked before it is used, and
// what Draco hands back (faces, attribute ids, value indices) before it is read.
#include <tiny_gltf.h>

#include <draco/compression/decode.h>

#include "accessor_reader.h"
#include "core/checked_math.h"
#include "gltf_internal.h"
#include "gltf_values.h"
#include "load_budget.h"

namespace ct::io::detail {
namespace {

// Appends `bytes` as a new buffer and a bufferView over all of it; returns the view's index.
int appendView(tinygltf::Model& model, std::vector<unsigned char> bytes) {
  tinygltf::BufferView view;
  view.buffer = static_cast<int>(model.buffers.size());
  view.byteLength = bytes.size();
  model.buffers.emplace_back().data = std::move(bytes);
  model.bufferViews.push_back(view);
  return static_cast<int>(model.bufferViews.size()) - 1;
}

// Points the accessor at `view`: `count` elements, no offset, no sparse part.
void retarget(tinygltf::Accessor& acc, int view, size_t count, int componentType) {
  acc.bufferView = view;
  acc.byteOffset = 0;
  acc.count = count;
  acc.componentType = componentType;
  acc.sparse.isSparse = false;
  acc.sparse.count = 0;
}

template <typename T>
bool convertAttribute(const draco::Mesh& mesh, const draco::PointAttribute& attr, int components,
                      std::vector<unsigned char>& out) {
  out.resize(size_t(mesh.num_points()) * size_t(components) * sizeof(T));
  auto* dst = reinterpret_cast<T*>(out.data());
  for (draco::PointIndex::ValueType i = 0; i < mesh.num_points(); ++i) {
    if (!attr.is_mapping_identity() && i >= attr.indices_map_size()) return false;
    const draco::AttributeValueIndex v = attr.mapped_index(draco::PointIndex(i));
    if (v.value() >= attr.size()) return false;
    if (!attr.ConvertValue<T>(v, static_cast<int8_t>(components), dst + size_t(i) * components)) return false;
  }
  return true;
}

bool decodeAttribute(const draco::Mesh& mesh, const draco::PointAttribute& attr, const tinygltf::Accessor& acc,
                     std::vector<unsigned char>& out) {
  const int components = componentCount(acc.type);
  if (components == 0 || components != attr.num_components()) return false;
  switch (acc.componentType) {
    case TINYGLTF_COMPONENT_TYPE_BYTE: return convertAttribute<int8_t>(mesh, attr, components, out);
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return convertAttribute<uint8_t>(mesh, attr, components, out);
    case TINYGLTF_COMPONENT_TYPE_SHORT: return convertAttribute<int16_t>(mesh, attr, components, out);
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: return convertAttribute<uint16_t>(mesh, attr, components, out);
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: return convertAttribute<uint32_t>(mesh, attr, components, out);
    case TINYGLTF_COMPONENT_TYPE_FLOAT: return convertAttribute<float>(mesh, attr, components, out);
    default: return false;
  }
}

void decodePrimitive(tinygltf::Model& model, tinygltf::Primitive& prim, const tinygltf::Value& ext,
                     const std::string& where, Diagnostics& diag) {
  const int viewIndex = intMember(ext, "bufferView", -1);
  if (member(ext, "indices").IsNumber()) prim.indices = intMember(ext, "indices", INT32_MAX);
  const tinygltf::Value& attributes = member(ext, "attributes");
  if (viewIndex < 0 || viewIndex >= static_cast<int>(model.bufferViews.size()))
    return diag.error(where + " KHR_draco_mesh_compression refers to bufferView " + std::to_string(viewIndex) +
                      ", which does not exist");
  if (!attributes.IsObject()) return diag.error(where + " KHR_draco_mesh_compression has no attributes object");
  const tinygltf::BufferView& view = model.bufferViews[viewIndex];
  uint64_t end = 0;
  if (view.buffer < 0 || view.buffer >= static_cast<int>(model.buffers.size()) ||
      !checkedAdd(view.byteOffset, view.byteLength, end) || end > model.buffers[view.buffer].data.size())
    return diag.error(where + " KHR_draco_mesh_compression: bufferView " + std::to_string(viewIndex) +
                      " runs past the end of its buffer");
  draco::DecoderBuffer input;
  input.Init(reinterpret_cast<const char*>(model.buffers[view.buffer].data.data() + view.byteOffset),
             view.byteLength);
  draco::Decoder decoder;
  auto decoded = decoder.DecodeMeshFromBuffer(&input);
  if (!decoded.ok()) return diag.error(where + " Draco data cannot be decoded: " + decoded.status().error_msg_string());
  const draco::Mesh& mesh = *decoded.value();
  std::string error;
  const uint64_t points = mesh.num_points(), faces = mesh.num_faces();
  if (!chargeMemory(faces * 12 + points * 64, where + " Draco mesh", error)) return diag.error(error);

  std::vector<unsigned char> indexBytes(size_t(faces) * 3 * sizeof(uint32_t));
  auto* indices = reinterpret_cast<uint32_t*>(indexBytes.data());
  for (draco::FaceIndex::ValueType f = 0; f < faces; ++f)
    for (int k = 0; k < 3; ++k) {
      const uint32_t p = mesh.face(draco::FaceIndex(f))[k].value();
      if (p >= points) return diag.error(where + " Draco face " + std::to_string(f) + " names a missing point");
      indices[f * 3 + k] = p;
    }
  if (prim.indices < 0) {
    model.accessors.emplace_back().type = TINYGLTF_TYPE_SCALAR;
    prim.indices = static_cast<int>(model.accessors.size()) - 1;
  } else if (prim.indices >= static_cast<int>(model.accessors.size())) {
    return diag.error(where + " indices refer to accessor " + std::to_string(prim.indices) + ", which does not exist");
  }
  retarget(model.accessors[prim.indices], appendView(model, std::move(indexBytes)), size_t(faces) * 3,
           TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT);

  for (const std::string& name : attributes.Keys()) {
    const int id = intMember(attributes, name.c_str(), -1);
    auto it = prim.attributes.find(name);
    if (it == prim.attributes.end() || it->second < 0 || it->second >= static_cast<int>(model.accessors.size()))
      return diag.error(where + " Draco attribute " + name + " has no accessor in the primitive");
    const draco::PointAttribute* attr = id >= 0 ? mesh.GetAttributeByUniqueId(static_cast<uint32_t>(id)) : nullptr;
    if (!attr) return diag.error(where + " Draco attribute " + name + " names id " + std::to_string(id) +
                                 ", which the compressed mesh lacks");
    tinygltf::Accessor& acc = model.accessors[it->second];
    // Every name decodes a whole buffer of its own (a file may name one Draco attribute thousands of times).
    if (!chargeMemory(points * uint64_t(std::max(1, componentCount(acc.type))) * 4,
                      where + " Draco attribute " + name, error))
      return diag.error(error);
    std::vector<unsigned char> bytes;
    if (!decodeAttribute(mesh, *attr, acc, bytes))
      return diag.error(where + " Draco attribute " + name + " does not match its accessor's type");
    retarget(acc, appendView(model, std::move(bytes)), points, acc.componentType);
  }
}

}  // namespace

void decodeDraco(tinygltf::Model& model, Diagnostics& diag) {
  for (size_t m = 0; m < model.meshes.size(); ++m)
    for (size_t p = 0; p < model.meshes[m].primitives.size(); ++p) {
      tinygltf::Primitive& prim = model.meshes[m].primitives[p];
      auto ext = prim.extensions.find(kDeferredDraco);
      if (ext == prim.extensions.end()) continue;
      decodePrimitive(model, prim, ext->second, "mesh " + std::to_string(m) + " primitive " + std::to_string(p), diag);
      if (diag.failed()) return;
    }
}

}  // namespace ct::io::detail
