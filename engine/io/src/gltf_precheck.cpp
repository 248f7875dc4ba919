// Checks, before tinygltf parses the JSON, the references that tinygltf follows itself without checking them:
// an image's bufferView is read straight from its buffer (a view longer than its buffer read past the end), so
// every bufferView must lie inside its buffer's declared byteLength (tinygltf makes each buffer's data exactly
// that long) and every image bufferView must exist. Also turns JSON syntax errors into "where and what".
// KHR_draco_mesh_compression is handed to our own decoder (gltf_draco.cpp): tinygltf's followed the file's
// indices unchecked (a bufferView of 999 was a segfault), so in the JSON tinygltf sees, each Draco primitive's
// extension is renamed to kDeferredDraco and carries the primitive's indices, which tinygltf would otherwise
// reject for having no bufferView.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/checked_math.h"
#include "gltf_internal.h"

namespace ct::io::detail {
namespace {

using rapidjson::Value;

const Value* arrayMember(const Value& root, const char* key) {
  auto it = root.FindMember(key);
  return it != root.MemberEnd() && it->value.IsArray() ? &it->value : nullptr;
}

// A member that must be a whole number >= 0 when present; `out` keeps its default when absent.
bool unsignedMember(const Value& obj, const char* key, uint64_t& out, bool& present) {
  auto it = obj.FindMember(key);
  present = it != obj.MemberEnd();
  if (!present) return true;
  if (!it->value.IsUint64()) return false;
  out = it->value.GetUint64();
  return true;
}

// JSON values in `v` and below (iteratively: the depth was checked, but a stack costs nothing here).
uint64_t countValues(const Value& root) {
  uint64_t count = 0;
  std::vector<const Value*> stack{&root};
  while (!stack.empty()) {
    const Value* v = stack.back();
    stack.pop_back();
    ++count;
    if (v->IsArray())
      for (const Value& e : v->GetArray()) stack.push_back(&e);
    else if (v->IsObject())
      for (const auto& m : v->GetObject()) stack.push_back(&m.value);
  }
  return count;
}

// What tinygltf's model of this JSON costs, roughly: every element of a top-level array (node, mesh, accessor,
// ...) and every primitive becomes a struct of several hundred bytes, every value under extras or extensions a
// tinygltf::Value of about 160 (5 million empty nodes in 15 MB of JSON took 4 GB before this was charged).
uint64_t modelBytes(const rapidjson::Document& doc) {
  constexpr uint64_t kStructBytes = 1024, kValueBytes = 160;
  uint64_t structs = 0, values = 0;
  std::vector<const Value*> stack;
  for (const auto& top : doc.GetObject()) {
    if (top.value.IsArray()) {
      structs += top.value.Size();
      for (const Value& e : top.value.GetArray()) stack.push_back(&e);
    }
    if (top.name == "extensions" || top.name == "extras") values += countValues(top.value);
  }
  for (const Value* e : stack) {
    if (!e->IsObject()) continue;
    for (const auto& m : e->GetObject()) {
      if (m.name == "extensions" || m.name == "extras") values += countValues(m.value);
      if (m.name == "primitives" && m.value.IsArray()) {
        structs += m.value.Size();
        for (const Value& p : m.value.GetArray())
          if (p.IsObject())
            for (const auto& pm : p.GetObject())
              if (pm.name == "extensions" || pm.name == "extras" || pm.name == "targets") values += countValues(pm.value);
      }
    }
  }
  return structs * kStructBytes + values * kValueBytes;
}

// Renames each primitive's KHR_draco_mesh_compression; true when any was found.
bool deferDraco(rapidjson::Document& doc) {
  bool any = false;
  const Value* meshes = arrayMember(doc, "meshes");
  if (!meshes) return false;
  for (Value& mesh : doc["meshes"].GetArray()) {
    if (!mesh.IsObject() || !mesh.HasMember("primitives") || !mesh["primitives"].IsArray()) continue;
    for (Value& prim : mesh["primitives"].GetArray()) {
      if (!prim.IsObject() || !prim.HasMember("extensions") || !prim["extensions"].IsObject()) continue;
      Value& exts = prim["extensions"];
      auto draco = exts.FindMember("KHR_draco_mesh_compression");
      if (draco == exts.MemberEnd()) continue;
      any = true;
      Value ext(rapidjson::kObjectType);
      if (draco->value.IsObject()) ext.CopyFrom(draco->value, doc.GetAllocator());
      if (auto indices = prim.FindMember("indices"); indices != prim.MemberEnd()) {
        if (ext.HasMember("indices")) ext.RemoveMember("indices");
        ext.AddMember("indices", indices->value, doc.GetAllocator());
        prim.RemoveMember("indices");
      }
      exts.RemoveMember("KHR_draco_mesh_compression");
      exts.AddMember(rapidjson::StringRef(kDeferredDraco), ext, doc.GetAllocator());
    }
  }
  return any;
}

}  // namespace

bool precheckGltfJson(const uint8_t* json, size_t size, std::string& error, std::string& rewritten,
                      uint64_t& modelCost) {
  rewritten.clear();
  modelCost = 0;
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(reinterpret_cast<const char*>(json), size);
  if (doc.HasParseError()) {
    error = "invalid JSON at byte " + std::to_string(doc.GetErrorOffset()) + ": " +
            rapidjson::GetParseError_En(doc.GetParseError());
    return false;
  }
  if (!doc.IsObject()) {
    error = "not a glTF file (the JSON is not an object)";
    return false;
  }
  std::vector<uint64_t> bufferLengths;
  if (const Value* buffers = arrayMember(doc, "buffers"))
    for (const Value& b : buffers->GetArray()) {
      uint64_t length = 0;
      bool present = false;
      if (!b.IsObject() || !unsignedMember(b, "byteLength", length, present)) {
        error = "buffer " + std::to_string(bufferLengths.size()) + " has no valid byteLength";
        return false;
      }
      bufferLengths.push_back(length);
    }
  size_t viewCount = 0;
  if (const Value* views = arrayMember(doc, "bufferViews"))
    for (const Value& v : views->GetArray()) {
      const std::string what = "bufferView " + std::to_string(viewCount++);
      uint64_t buffer = 0, offset = 0, length = 0, end = 0;
      bool hasBuffer = false, hasOffset = false, hasLength = false;
      if (!v.IsObject() || !unsignedMember(v, "buffer", buffer, hasBuffer) || !hasBuffer ||
          !unsignedMember(v, "byteOffset", offset, hasOffset) || !unsignedMember(v, "byteLength", length, hasLength) ||
          !hasLength) {
        error = what + " needs a buffer index and a byteLength, whole numbers >= 0";
        return false;
      }
      if (buffer >= bufferLengths.size()) {
        error = what + " refers to buffer " + std::to_string(buffer) + ", which does not exist";
        return false;
      }
      if (!checkedAdd(offset, length, end) || end > bufferLengths[buffer]) {
        error = what + " (offset " + std::to_string(offset) + ", length " + std::to_string(length) +
                ") runs past the end of buffer " + std::to_string(buffer) + " (" +
                std::to_string(bufferLengths[buffer]) + " bytes)";
        return false;
      }
    }
  if (const Value* images = arrayMember(doc, "images")) {
    size_t index = 0;
    for (const Value& img : images->GetArray()) {
      uint64_t view = 0;
      bool present = false;
      if (img.IsObject() && (!unsignedMember(img, "bufferView", view, present) || (present && view >= viewCount))) {
        error = "image " + std::to_string(index) + " refers to a bufferView that does not exist";
        return false;
      }
      ++index;
    }
  }
  modelCost = modelBytes(doc);
  if (deferDraco(doc)) {
    rapidjson::StringBuffer text;
    rapidjson::Writer<rapidjson::StringBuffer> writer(text);
    doc.Accept(writer);
    rewritten.assign(text.GetString(), text.GetSize());
  }
  return true;
}

}  // namespace ct::io::detail
