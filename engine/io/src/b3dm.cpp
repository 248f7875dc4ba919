// b3dm (3D Tiles 1.0 batched 3D model): a 28-byte header, feature table (JSON + binary), batch table (JSON +
// binary) and a GLB. BATCH_LENGTH rows become the scene's first features, with the batch table's properties;
// RTC_CENTER (Z-up, like the tile) moves every instance, mapped into glTF's Y-up world as (x, z, -y).
#include <cmath>
#include <cstring>
#include <stdexcept>

#include <glm/gtc/matrix_transform.hpp>
#include <nlohmann/json.hpp>

#include "gltf_features.h"
#include "gltf_internal.h"
#include "load_budget.h"

namespace ct::io::detail {
namespace {

using nlohmann::json;
using Fail = Result<scene::Scene>;

uint32_t u32(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }

// A string member, or `fallback` when absent; a member of another type is an error (type_error, caught by the
// loader), never an abort.
std::string stringMember(const json& obj, const char* key, const std::string& fallback) {
  auto it = obj.find(key);
  if (it == obj.end()) return fallback;
  if (!it->is_string()) throw std::invalid_argument(std::string("'") + key + "' must be a string");
  return it->get<std::string>();
}

// Parses one of the tile's JSON sections (empty: an empty object).
bool parseSection(const uint8_t* p, size_t n, const char* what, json& out, std::string& error) {
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == 0)) --n;  // sections are padded with spaces
  if (n == 0) {
    out = json::object();
    return true;
  }
  if (!checkJsonDepth(p, n, error)) return false;
  // nlohmann takes 16 bytes a value and more for containers; a value can be two bytes of JSON.
  if (!chargeMemory(uint64_t(n) * 16, std::string("the b3dm ") + what, error)) return false;
  out = json::parse(p, p + n, nullptr, false);
  if (out.is_discarded() || !out.is_object()) {
    error = std::string("b3dm ") + what + " is not a JSON object";
    return false;
  }
  return true;
}

// A binary body reference {byteOffset, componentType, type}: `count` elements of `components` numbers, checked
// against the body's size and the component's alignment.
bool readBinary(const json& ref, const uint8_t* body, size_t bodySize, size_t count, const std::string& defaultType,
                int defaultComponents, std::vector<double>& out, int& components, std::string& error) {
  static const struct {
    const char* name;
    int size;
  } kTypes[] = {{"BYTE", 1}, {"UNSIGNED_BYTE", 1}, {"SHORT", 2}, {"UNSIGNED_SHORT", 2}, {"INT", 4},
                {"UNSIGNED_INT", 4}, {"FLOAT", 4}, {"DOUBLE", 8}};
  const json* off = ref.contains("byteOffset") ? &ref["byteOffset"] : nullptr;
  if (!off || !off->is_number_unsigned()) {
    error = "binary reference without a valid byteOffset";
    return false;
  }
  const std::string type = stringMember(ref, "componentType", defaultType);
  int size = 0;
  for (const auto& t : kTypes)
    if (type == t.name) size = t.size;
  if (!size) {
    error = "unknown componentType '" + type + "'";
    return false;
  }
  const std::string shape = stringMember(ref, "type", defaultComponents == 3 ? "VEC3" : "SCALAR");
  components = shape == "SCALAR" ? 1 : shape == "VEC2" ? 2 : shape == "VEC3" ? 3 : shape == "VEC4" ? 4 : 0;
  if (!components) {
    error = "unknown type '" + shape + "'";
    return false;
  }
  const uint64_t offset = off->get<uint64_t>();
  const uint64_t bytes = uint64_t(count) * uint64_t(components) * uint64_t(size);
  if (offset % size != 0 || offset > bodySize || bytes > bodySize - offset) {
    error = "binary data at byte " + std::to_string(offset) + " runs past the end or is misaligned";
    return false;
  }
  if (!fitsMemory(bytes / size * sizeof(double), "b3dm binary property", error)) return false;
  out.resize(size_t(count) * components);
  const uint8_t* p = body + offset;
  for (size_t i = 0; i < out.size(); ++i, p += size) {
    if (type == "BYTE") out[i] = static_cast<int8_t>(*p);
    else if (type == "UNSIGNED_BYTE") out[i] = *p;
    else if (type == "SHORT") { int16_t v; std::memcpy(&v, p, 2); out[i] = v; }
    else if (type == "UNSIGNED_SHORT") { uint16_t v; std::memcpy(&v, p, 2); out[i] = v; }
    else if (type == "INT") { int32_t v; std::memcpy(&v, p, 4); out[i] = v; }
    else if (type == "UNSIGNED_INT") out[i] = u32(p);
    else if (type == "FLOAT") { float v; std::memcpy(&v, p, 4); out[i] = v; }
    else { double v; std::memcpy(&v, p, 8); out[i] = v; }
  }
  return true;
}

// One batch table property (a JSON array of BATCH_LENGTH values, or a binary reference) into its column.
bool addProperty(scene::FeatureTable& table, uint32_t batch, const std::string& name, const json& values,
                 const uint8_t* body, size_t bodySize, std::string& error) {
  // A cell per feature, however few bytes the property takes (binary references may all point at one place).
  if (!chargeMemory(uint64_t(batch) * 2 * sizeof(scene::PropertyValue), "b3dm property '" + name + "'", error))
    return false;
  if (values.is_array()) {
    if (values.size() != batch) {
      error = "b3dm batch table property '" + name + "' has " + std::to_string(values.size()) + " values for " +
              std::to_string(batch) + " features";
      return false;
    }
    bool allInts = true;  // and all within int64 (2^64 - 1 must not wrap to -1)
    for (const json& v : values)
      allInts &= v.is_number_integer() && !(v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX));
    for (uint32_t r = 0; r < batch; ++r) {
      const json& v = values[r];
      if (v.is_string()) table.set(r, name, "STRING", v.get<std::string>());
      else if (v.is_boolean()) table.set(r, name, "BOOLEAN", v.get<bool>());
      else if (allInts) table.set(r, name, "INT64", v.get<int64_t>());
      else if (v.is_number()) table.set(r, name, "FLOAT64", v.get<double>());
      else if (!v.is_null()) table.set(r, name, "JSON", v.dump());
    }
    return true;
  }
  if (values.is_object()) {
    std::vector<double> data;
    int components = 0;
    std::string why;
    if (!readBinary(values, body, bodySize, batch, "", 1, data, components, why)) {
      error = "b3dm batch table property '" + name + "': " + why;
      return false;
    }
    const std::string type = stringMember(values, "type", "SCALAR") + " " + stringMember(values, "componentType", "");
    for (uint32_t r = 0; r < batch; ++r) {
      if (components == 1) table.set(r, name, type, data[r]);
      else table.set(r, name, type, std::vector<double>(data.begin() + r * components, data.begin() + (r + 1) * components));
    }
    return true;
  }
  error = "b3dm batch table property '" + name + "' is neither an array nor a binary reference";
  return false;
}

}  // namespace

namespace {

Result<scene::Scene> loadTile(const std::vector<uint8_t>& data, const std::filesystem::path& folder) {
  if (data.size() < 28) return Fail::fail("truncated b3dm: " + std::to_string(data.size()) + " bytes is shorter than the header");
  const uint8_t* h = data.data();
  if (u32(h + 4) != 1) return Fail::fail("unsupported b3dm version " + std::to_string(u32(h + 4)));
  const uint64_t total = u32(h + 8);
  if (total > data.size() || total < 28)
    return Fail::fail("truncated b3dm: header says " + std::to_string(total) + " bytes, file has " + std::to_string(data.size()));
  const uint64_t ftJson = u32(h + 12), ftBin = u32(h + 16), btJson = u32(h + 20), btBin = u32(h + 24);
  // Headers from before 3D Tiles 1.0 put batchLength where a length now is; those values read as huge lengths.
  if (btJson >= 570425344 || btBin >= 570425344)
    return Fail::fail("legacy b3dm header (before 3D Tiles 1.0) is not supported");
  if (28 + ftJson + ftBin + btJson + btBin > total)
    return Fail::fail("truncated b3dm: its tables run past the end of the tile");
  const uint8_t* ftJsonP = h + 28;
  const uint8_t* ftBinP = ftJsonP + ftJson;
  const uint8_t* btJsonP = ftBinP + ftBin;
  const uint8_t* btBinP = btJsonP + btJson;
  const uint64_t glbAt = 28 + ftJson + ftBin + btJson + btBin;

  std::string error;
  json ft, bt;
  if (!parseSection(ftJsonP, ftJson, "feature table", ft, error) || !parseSection(btJsonP, btJson, "batch table", bt, error))
    return Fail::fail(error);
  const json* lengthJson = ft.contains("BATCH_LENGTH") ? &ft["BATCH_LENGTH"] : nullptr;
  if (!lengthJson || !lengthJson->is_number_unsigned() || lengthJson->get<uint64_t>() > uint64_t(kMaxFeatureRows))
    return Fail::fail("b3dm feature table needs BATCH_LENGTH, a whole number up to " + std::to_string(kMaxFeatureRows));
  const auto batch = static_cast<uint32_t>(lengthJson->get<uint64_t>());
  // Rows are made from one number: a tile must hold at least a byte per feature, and the rows fit the budget.
  if (batch > total)
    return Fail::fail("b3dm BATCH_LENGTH " + std::to_string(batch) + " is more features than the tile's " +
                      std::to_string(total) + " bytes can describe");
  if (!chargeMemory(uint64_t(batch) * kFeatureRowBytes, "b3dm batch of " + std::to_string(batch) + " features", error))
    return Fail::fail(error);
  glm::dvec3 rtc(0.0);
  if (ft.contains("RTC_CENTER")) {
    const json& c = ft["RTC_CENTER"];
    std::vector<double> v;
    int components = 0;
    if (c.is_array() && c.size() == 3 && c[0].is_number() && c[1].is_number() && c[2].is_number()) {
      v = {c[0].get<double>(), c[1].get<double>(), c[2].get<double>()};
    } else if (!c.is_object() || !readBinary(c, ftBinP, ftBin, 1, "FLOAT", 3, v, components, error) || components != 3) {
      return Fail::fail("b3dm RTC_CENTER must be 3 numbers" + (error.empty() ? std::string() : ": " + error));
    }
    rtc = {v[0], v[1], v[2]};
    if (!std::isfinite(rtc.x) || !std::isfinite(rtc.y) || !std::isfinite(rtc.z))
      return Fail::fail("b3dm RTC_CENTER is not finite");
  }

  std::vector<uint8_t> glb(data.begin() + static_cast<ptrdiff_t>(glbAt), data.begin() + static_cast<ptrdiff_t>(total));
  if (glb.size() < 4 || std::memcmp(glb.data(), "glTF", 4) != 0) return Fail::fail("b3dm does not hold a GLB after its tables");
  auto loaded = loadGltfData(glb, folder, {batch});
  if (!loaded) return loaded;
  scene::Scene scene = std::move(loaded.value());
  for (const auto& [name, values] : bt.items()) {
    if (name == "extensions" || name == "extras") continue;  // e.g. 3DTILES_batch_table_hierarchy: not read
    if (!addProperty(scene.features, batch, name, values, btBinP, btBin, error)) return Fail::fail(error);
  }
  if (rtc != glm::dvec3(0.0)) {
    const glm::dmat4 move = glm::translate(glm::dmat4(1.0), glm::dvec3(rtc.x, rtc.z, -rtc.y));
    for (scene::Instance& inst : scene.instances) inst.world = move * inst.world;
    for (scene::Node& node : scene.nodes) node.world = move * node.world;
    scene.computeBounds();
  }
  Diagnostics diag;
  for (const std::string& w : loaded.warnings()) diag.warn(w);
  return Result<scene::Scene>::fromDiagnostics(std::move(diag), std::move(scene));
}

}  // namespace

Result<scene::Scene> loadB3dm(const std::vector<uint8_t>& data, const std::filesystem::path& folder) {
  try {  // nlohmann throws on values of the wrong type: such a tile is bad input, never an abort
    return loadTile(data, folder);
  } catch (const std::bad_alloc&) {
    return Fail::fail("out of memory while reading the b3dm tables");
  } catch (const std::exception& e) {
    return Fail::fail(std::string("b3dm table has a value of the wrong type: ") + e.what());
  }
}

}  // namespace ct::io::detail
