// glTF entry point: container checks, tinygltf parse through confined file access, then conversion.
#include "io/gltf_loader.h"

#include <tiny_gltf.h>

#include <algorithm>
#include <cstring>
#include <sstream>

#include "confined_fs.h"
#include "core/file.h"
#include "gltf_internal.h"
#include "load_budget.h"

namespace ct::io {
namespace fs = std::filesystem;

const std::vector<std::string>& supportedGltfExtensions() {
  static const std::vector<std::string> kSupported = {
      "KHR_mesh_quantization",        "KHR_texture_transform",   "KHR_materials_emissive_strength",
      "KHR_materials_unlit",          "EXT_mesh_gpu_instancing", "KHR_draco_mesh_compression",
      "KHR_lights_punctual",          "KHR_materials_variants",  "KHR_materials_ior",
      "KHR_materials_specular",       "KHR_materials_clearcoat", "KHR_materials_transmission",
      "KHR_materials_volume",         "KHR_materials_sheen",     "KHR_texture_basisu",
      "EXT_mesh_features",            "EXT_structural_metadata", "CESIUM_RTC"};
  return kSupported;
}

namespace {

std::string firstLine(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) return line;
  }
  return "unknown error";
}

bool isGlb(const std::vector<uint8_t>& bytes) { return bytes.size() >= 4 && std::memcmp(bytes.data(), "glTF", 4) == 0; }

// The container with its JSON replaced: the text itself, or a GLB with a new JSON chunk and the old BIN chunk.
std::vector<uint8_t> withJson(const std::vector<uint8_t>& data, bool glb, const std::string& json) {
  if (!glb) return std::vector<uint8_t>(json.begin(), json.end());
  const size_t oldJson = data[12] | data[13] << 8 | data[14] << 16 | size_t(data[15]) << 24;
  const size_t rest = std::min(data.size(), 20 + ((oldJson + 3) & ~size_t(3)));  // where the BIN chunk starts
  const size_t padded = (json.size() + 3) & ~size_t(3);
  std::vector<uint8_t> out(data.begin(), data.begin() + 20);
  out.insert(out.end(), json.begin(), json.end());
  out.resize(20 + padded, ' ');
  out.insert(out.end(), data.begin() + static_cast<ptrdiff_t>(rest), data.end());
  auto put = [&](size_t at, uint64_t v) {
    for (int i = 0; i < 4; ++i) out[at + i] = uint8_t(v >> (8 * i));
  };
  put(8, out.size());
  put(12, padded);
  return out;
}

void splitWarnings(const std::string& text, Diagnostics& diag) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) diag.warn(line);
}

}  // namespace

Result<scene::Scene> loadGltf(const fs::path& path, const LoadOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Result<scene::Scene>::fail("file not found");
  // A device or FIFO (/dev/zero behind a symlink) would be read without end or block forever.
  if (!fs::is_regular_file(path, ec)) return Result<scene::Scene>::fail("not a regular file");
  MemoryBudget budget(options.maxMemoryBytes);
  detail::BudgetScope scope(budget);
  std::string error;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return Result<scene::Scene>::fail("cannot read its size: " + ec.message());
  if (!detail::chargeMemory(size, "the file", error)) return Result<scene::Scene>::fail(error);
  auto bytes = readFile(path, size + 1);  // a file that grows while being read stops at what was charged
  if (!bytes) return Result<scene::Scene>::fail(bytes.firstError());
  std::vector<uint8_t>& data = bytes.value();
  if (data.empty()) return Result<scene::Scene>::fail("file is empty");
  // External files are confined to the folder the model really lies in (symlinks resolved).
  const fs::path folder = fs::weakly_canonical(fs::absolute(path, ec), ec).parent_path();
  if (data.size() >= 4 && std::memcmp(data.data(), "b3dm", 4) == 0) return detail::loadB3dm(data, folder);
  return detail::loadGltfData(data, folder, {});
}

namespace detail {

Result<scene::Scene> loadGltfData(const std::vector<uint8_t>& data, const fs::path& folder, const GltfDataOptions& options) {
  if (data.empty()) return Result<scene::Scene>::fail("glTF content is empty");
  if (data.size() > UINT32_MAX) return Result<scene::Scene>::fail("glTF content is larger than 4 GiB");
  Diagnostics diag;
  std::string error;
  bool glb = isGlb(data);
  if (glb) {
    if (!detail::validateGlb(data, error)) return Result<scene::Scene>::fail(error);
  } else {
    size_t start = 0;
    while (start < data.size() && std::isspace(data[start])) ++start;
    if (start == data.size() || data[start] != '{')
      return Result<scene::Scene>::fail("not a glTF file (neither GLB nor a JSON object)");
  }
  const uint8_t* json = glb ? data.data() + 20 : data.data();
  size_t jsonSize = glb ? (data[12] | data[13] << 8 | data[14] << 16 | size_t(data[15]) << 24) : data.size();
  std::string rewritten;
  uint64_t modelCost = 0;
  // The precheck's own document: RapidJSON takes up to 16 bytes a value, a value can be two bytes of JSON.
  if (!fitsMemory(uint64_t(jsonSize) * 8, "the glTF JSON", error)) return Result<scene::Scene>::fail(error);
  if (!detail::checkJsonDepth(json, jsonSize, error) ||
      !detail::precheckGltfJson(json, jsonSize, error, rewritten, modelCost))
    return Result<scene::Scene>::fail(error);
  // Draco primitives are handed to decodeDraco in a rewritten JSON (a GLB keeps its BIN chunk).
  std::vector<uint8_t> replaced;
  if (!rewritten.empty()) replaced = withJson(data, glb, rewritten);
  const std::vector<uint8_t>& content = rewritten.empty() ? data : replaced;
  // tinygltf's document (about twice the JSON) and its model of it, before it parses.
  if (!chargeMemory(uint64_t(jsonSize) * 2 + modelCost, "the glTF JSON", error))
    return Result<scene::Scene>::fail(error);

  ConfinedFs confined(folder);
  tinygltf::TinyGLTF parser;
  tinygltf::FsCallbacks callbacks{};
  confined.install(callbacks);
  parser.SetFsCallbacks(callbacks);
  parser.SetImageLoader(&decodeImage, nullptr);
  tinygltf::Model model;
  std::string err, warn;
  bool parsed = false;
  try {
    if (glb)
      parsed = parser.LoadBinaryFromMemory(&model, &err, &warn, content.data(),
                                           static_cast<unsigned>(content.size()), confined.root().string());
    else
      parsed = parser.LoadASCIIFromString(&model, &err, &warn, reinterpret_cast<const char*>(content.data()),
                                          static_cast<unsigned>(content.size()), confined.root().string());
  } catch (const std::bad_alloc&) {
    parsed = false;
    err = "out of memory while parsing the glTF JSON";
  } catch (const std::exception& e) {
    parsed = false;
    err = std::string("invalid glTF: ") + e.what();
  }
  if (!confined.violation().empty()) return Result<scene::Scene>::fail(confined.violation());
  if (!parsed) return Result<scene::Scene>::fail(firstLine(err));  // syntax errors were caught by the precheck
  splitWarnings(warn, diag);
  if (model.asset.version.rfind("2.", 0) != 0)
    return Result<scene::Scene>::fail("unsupported glTF version '" + model.asset.version + "' (only 2.x)");

  const auto& supported = supportedGltfExtensions();
  for (const std::string& ext : model.extensionsRequired)
    if (std::find(supported.begin(), supported.end(), ext) == supported.end())
      return Result<scene::Scene>::fail("required extension " + ext + " is not supported");

  scene::Scene scene;
  scene.extensionsUsed = model.extensionsUsed;
  FeatureContext features;
  features.batchLength = options.batchLength;
  for (uint32_t b = 0; b < options.batchLength; ++b) scene.features.add(std::to_string(b));
  decodeDraco(model, diag);
  if (!diag.failed()) convertMaterials(model, scene, diag);
  if (!diag.failed()) convertMetadata(model, scene, features, diag);
  if (!diag.failed()) convertMeshes(model, scene, features, diag);
  bool nodeFeatures = !features.anyFeatureIds && scene.features.empty();
  if (!diag.failed()) convertNodes(model, scene, nodeFeatures, diag);
  // However they were made (batch rows, property tables, ids without a table, nodes), the id image names
  // row + 1 in 24 bits.
  if (int64_t(scene.features.size()) > kMaxFeatureRows)
    diag.error("the model has " + std::to_string(scene.features.size()) + " features; a scene holds at most " +
               std::to_string(kMaxFeatureRows));
  if (diag.failed()) return Result<scene::Scene>::fromDiagnostics(std::move(diag), std::nullopt);
  scene.computeBounds();
  return Result<scene::Scene>::fromDiagnostics(std::move(diag), std::move(scene));
}

bool validateGlb(const std::vector<uint8_t>& b, std::string& error) {
  auto u32 = [&](size_t at) {
    return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 | uint32_t(b[at + 3]) << 24;
  };
  if (b.size() < 20) {
    error = "truncated GLB: " + std::to_string(b.size()) + " bytes is shorter than the header";
    return false;
  }
  if (u32(4) != 2) {
    error = "unsupported GLB container version " + std::to_string(u32(4)) +
            (u32(4) == 1 ? " (glTF 1.0; only glTF 2.0 is read)" : "");
    return false;
  }
  uint64_t total = u32(8);
  if (total > b.size()) {
    error = "truncated GLB: header says " + std::to_string(total) + " bytes, file has " + std::to_string(b.size());
    return false;
  }
  uint64_t jsonLen = u32(12);
  if (u32(16) != 0x4E4F534Au) {
    error = "invalid GLB: first chunk is not JSON";
    return false;
  }
  if (20 + jsonLen > total) {
    error = "truncated GLB: JSON chunk of " + std::to_string(jsonLen) + " bytes runs past the end";
    return false;
  }
  uint64_t at = 20 + jsonLen;
  at = (at + 3) & ~uint64_t(3);
  if (at + 8 <= total) {
    uint64_t binLen = u32(at);
    if (at + 8 + binLen > total) {
      error = "truncated GLB: BIN chunk of " + std::to_string(binLen) + " bytes runs past the end";
      return false;
    }
  }
  return true;
}

bool checkJsonDepth(const uint8_t* data, size_t size, std::string& error) {
  constexpr int kMaxDepth = 200;
  int depth = 0;
  bool inString = false;
  for (size_t i = 0; i < size; ++i) {
    uint8_t c = data[i];
    if (inString) {
      if (c == '\\') ++i;
      else if (c == '"') inString = false;
      continue;
    }
    if (c == '"') inString = true;
    else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) {
        error = "invalid JSON: nested deeper than " + std::to_string(kMaxDepth) + " levels";
        return false;
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

}  // namespace detail
}  // namespace ct::io
