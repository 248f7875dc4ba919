// EXT_mesh_features / EXT_structural_metadata → the scene's feature table. Every binary read is bounds-checked
// against its buffer view; malformed metadata is an error naming the table and property.
#include "gltf_features.h"

#include <algorithm>

#include <tiny_gltf.h>

#include <cmath>
#include <cstring>
#include <unordered_map>

#include "accessor_reader.h"
#include "core/checked_math.h"
#include "gltf_values.h"
#include "load_budget.h"

namespace ct::io::detail {
namespace {

using tinygltf::Value;

struct Bytes {
  const uint8_t* data = nullptr;
  size_t size = 0;
};

bool viewBytes(const tinygltf::Model& model, int view, Bytes& out, std::string& error) {
  if (view < 0 || view >= static_cast<int>(model.bufferViews.size())) {
    error = "bufferView " + std::to_string(view) + " does not exist";
    return false;
  }
  const auto& bv = model.bufferViews[view];
  if (bv.buffer < 0 || bv.buffer >= static_cast<int>(model.buffers.size())) {
    error = "bufferView " + std::to_string(view) + " refers to a missing buffer";
    return false;
  }
  const auto& buf = model.buffers[bv.buffer].data;
  uint64_t start = 0;
  std::string why;
  if (!checkStridedRead({buf.size(), bv.byteOffset, bv.byteLength, 0, bv.byteLength, 1, 1}, start, why)) {
    error = "bufferView " + std::to_string(view) + ": " + why;
    return false;
  }
  out = {buf.data() + start, bv.byteLength};
  return true;
}

size_t componentBytes(const std::string& t) {
  if (t == "INT8" || t == "UINT8") return 1;
  if (t == "INT16" || t == "UINT16") return 2;
  if (t == "INT32" || t == "UINT32" || t == "FLOAT32") return 4;
  if (t == "INT64" || t == "UINT64" || t == "FLOAT64") return 8;
  return 0;
}

// Reads one component; `isFloat` says whether the type is a float type.
double readComponent(const uint8_t* p, const std::string& t) {
  auto load = [&](auto v) {
    std::memcpy(&v, p, sizeof v);
    return static_cast<double>(v);
  };
  if (t == "INT8") return load(int8_t());
  if (t == "UINT8") return load(uint8_t());
  if (t == "INT16") return load(int16_t());
  if (t == "UINT16") return load(uint16_t());
  if (t == "INT32") return load(int32_t());
  if (t == "UINT32") return load(uint32_t());
  if (t == "INT64") return load(int64_t());
  if (t == "UINT64") return load(uint64_t());
  if (t == "FLOAT32") return load(float());
  return load(double());
}

// A whole number held in a double as int64, saturated (UINT64 values past 2^63 must not be an out-of-range cast).
int64_t saturatedInt(double v) {
  if (!(v > -9223372036854775808.0)) return INT64_MIN;  // NaN too
  if (v >= 9223372036854775807.0) return INT64_MAX;
  return static_cast<int64_t>(v);
}

// An offset of 1, 2, 4 or 8 bytes, read as the unsigned integer it is (through a double, UINT64 offsets near
// 2^64 were an out-of-range conversion).
uint64_t readOffset(const uint8_t* p, size_t size) {
  uint64_t v = 0;
  for (size_t k = 0; k < size; ++k) v |= uint64_t(p[k]) << (8 * k);
  return v;
}

double normalizedValue(double v, const std::string& t) {
  if (t == "UINT8") return v / 255.0;
  if (t == "UINT16") return v / 65535.0;
  if (t == "UINT32") return v / 4294967295.0;
  if (t == "UINT64") return v / 18446744073709551615.0;
  if (t == "INT8") return std::max(v / 127.0, -1.0);
  if (t == "INT16") return std::max(v / 32767.0, -1.0);
  if (t == "INT32") return std::max(v / 2147483647.0, -1.0);
  if (t == "INT64") return std::max(v / 9223372036854775807.0, -1.0);
  return v;
}

int elementComponents(const std::string& type) {
  static const std::pair<const char*, int> kTypes[] = {{"SCALAR", 1}, {"VEC2", 2}, {"VEC3", 3}, {"VEC4", 4},
                                                       {"MAT2", 4},   {"MAT3", 9}, {"MAT4", 16}};
  for (const auto& [name, n] : kTypes)
    if (type == name) return n;
  return 0;
}

std::string str(const Value& v, const char* key, const std::string& fallback = {}) {
  const Value& m = member(v, key);
  return m.IsString() ? m.Get<std::string>() : fallback;
}
// A whole number of int64 range, or `fallback` (fractions, NaN and out-of-range numbers included).
int64_t num(const Value& v, const char* key, int64_t fallback) {
  const Value& m = member(v, key);
  if (!m.IsNumber()) return fallback;
  const double d = m.GetNumberAsDouble();
  return d == std::floor(d) && d >= -9.2e18 && d <= 9.2e18 ? static_cast<int64_t>(d) : fallback;
}
bool flag(const Value& v, const char* key) {
  const Value& m = member(v, key);
  return m.IsBool() && m.Get<bool>();
}

// One property column of one table: reads row values through bounds-checked views.
class ColumnReader {
 public:
  ColumnReader(const tinygltf::Model& model, const Value& def, const Value& column, const Value& enums, size_t rows)
      : mModel(model), mDef(def), mColumn(column), mEnums(enums), mRows(rows) {}

  bool read(std::vector<scene::PropertyValue>& out, std::string& typeName, std::string& error) {
    const std::string type = str(mDef, "type");
    const bool array = flag(mDef, "array");
    const int64_t fixedCount = array ? num(mDef, "count", -1) : 1;
    if (array && fixedCount == 0) return fail(error, "array count must be positive");
    uint64_t elements = 0;  // fixed-size arrays: row * count must not wrap (rows would read the same values again)
    if (array && fixedCount > 0 && !checkedMul(uint64_t(mRows), uint64_t(fixedCount), elements))
      return fail(error, "array count " + std::to_string(fixedCount) + " is too large");
    if (!viewBytes(mModel, static_cast<int>(num(mColumn, "values", -1)), mValues, error)) return false;
    if (array && fixedCount < 0 &&
        !offsets("arrayOffsets", str(mColumn, "arrayOffsetType", "UINT32"), mArrayOffsets, error))
      return false;
    if (type == "STRING" && !offsets("stringOffsets", str(mColumn, "stringOffsetType", "UINT32"), mStringOffsets,
                                     error, array && fixedCount < 0 ? mArrayOffsets.back() : mRows * fixedCount))
      return false;
    typeName = type;
    if (elementComponents(type)) typeName = (type == "SCALAR" ? "" : type + " ") + str(mDef, "componentType");
    if (array) {
      typeName.push_back('[');
      if (fixedCount > 0) typeName.append(std::to_string(fixedCount));
      typeName.push_back(']');
    }
    // Every column holds a value per row (here and in the table): charged before it is made, and what the
    // values carry (strings, enum names, arrays) as it is read, since columns may share one bufferView.
    if (!chargeMemory(uint64_t(mRows) * 2 * sizeof(scene::PropertyValue), "a property column", error)) return false;
    out.resize(mRows);
    uint64_t payload = 0;
    for (size_t row = 0; row < mRows; ++row) {
      uint64_t first = array && fixedCount < 0 ? mArrayOffsets[row] : row * fixedCount;
      uint64_t count = array && fixedCount < 0 ? mArrayOffsets[row + 1] - mArrayOffsets[row] : fixedCount;
      if (array && fixedCount < 0 && mArrayOffsets[row + 1] < mArrayOffsets[row])
        return fail(error, "array offsets decrease at row " + std::to_string(row));
      if (!value(type, first, count, array, out[row], error)) return false;
      if (const auto* text = std::get_if<std::string>(&out[row])) payload += text->size();
      if (const auto* list = std::get_if<std::vector<double>>(&out[row])) payload += list->size() * sizeof(double);
      if (payload >= (1u << 20) || row + 1 == mRows) {
        if (!chargeMemory(payload * 2, "property values", error)) return false;
        payload = 0;
      }
    }
    return true;
  }

 private:
  static bool fail(std::string& error, const std::string& what) {
    error = what;
    return false;
  }

  // Reads rows+1 offsets (or `count`+1 for string offsets of array elements).
  bool offsets(const char* key, const std::string& type, std::vector<uint64_t>& out, std::string& error,
               uint64_t count = ~uint64_t(0)) {
    if (count == ~uint64_t(0)) count = mRows;
    Bytes b;
    if (!viewBytes(mModel, static_cast<int>(num(mColumn, key, -1)), b, error)) {
      error = std::string(key) + ": " + error;
      return false;
    }
    size_t size = componentBytes(type);
    if (size == 0 || type.rfind("UINT", 0) != 0) return fail(error, std::string(key) + ": bad offset type " + type);
    if (count + 1 > b.size / size) return fail(error, std::string(key) + " is too short");
    out.resize(count + 1);
    for (uint64_t i = 0; i <= count; ++i) out[i] = readOffset(b.data + i * size, size);
    return true;
  }

  bool value(const std::string& type, uint64_t first, uint64_t count, bool array, scene::PropertyValue& out,
             std::string& error) {
    if (type == "BOOLEAN") {
      std::vector<double> bits;
      for (uint64_t i = first; i < first + count; ++i) {
        if (i / 8 >= mValues.size) return fail(error, "values are too short");
        bits.push_back((mValues.data[i / 8] >> (i % 8)) & 1);
      }
      out = array ? scene::PropertyValue(bits) : scene::PropertyValue(bits[0] != 0.0);
      return true;
    }
    if (type == "STRING" || type == "ENUM") {
      std::string joined;
      for (uint64_t i = first; i < first + count; ++i) {
        std::string s;
        if (!(type == "STRING" ? stringAt(i, s, error) : enumAt(i, s, error))) return false;
        if (i > first) joined.append(", ");
        joined.append(s);
      }
      if (array) {
        joined.insert(joined.begin(), '[');
        joined.push_back(']');
      }
      out = std::move(joined);
      return true;
    }
    const int comps = elementComponents(type);
    const std::string ct = str(mDef, "componentType");
    const size_t size = componentBytes(ct);
    if (!comps || !size) return fail(error, "unsupported type " + type + " " + ct);
    const bool normalized = flag(mDef, "normalized");
    const bool isFloat = ct.rfind("FLOAT", 0) == 0;
    uint64_t n = 0, start = 0;
    const uint64_t available = mValues.size / size;  // offsets come from the file: check without overflow
    if (__builtin_mul_overflow(count, uint64_t(comps), &n) || __builtin_mul_overflow(first, uint64_t(comps), &start) ||
        start > available || n > available - start)
      return fail(error, "values are too short");
    std::vector<double> v(n);
    for (uint64_t i = 0; i < n; ++i) {
      v[i] = readComponent(mValues.data + (start + i) * size, ct);
      if (normalized) v[i] = normalizedValue(v[i], ct);
    }
    if (!array && comps == 1) {
      const Value& scaleValue = member(mDef, "scale");
      const Value& offsetValue = member(mDef, "offset");
      double scale = scaleValue.IsNumber() ? scaleValue.GetNumberAsDouble() : 1.0;
      double offset = offsetValue.IsNumber() ? offsetValue.GetNumberAsDouble() : 0.0;
      if (isFloat || normalized) out = v[0] * scale + offset;
      else out = saturatedInt(v[0]);
    } else {
      out = v;
    }
    return true;
  }

  bool stringAt(uint64_t i, std::string& s, std::string& error) {
    if (i + 1 >= mStringOffsets.size()) return fail(error, "string offsets are too short");
    uint64_t a = mStringOffsets[i], b = mStringOffsets[i + 1];
    if (b < a || b > mValues.size) return fail(error, "string offsets leave the values");
    s.assign(reinterpret_cast<const char*>(mValues.data + a), b - a);
    return true;
  }

  bool enumAt(uint64_t i, std::string& s, std::string& error) {
    const Value& e = member(mEnums, str(mDef, "enumType").c_str());
    const std::string vt = str(e, "valueType", "UINT16");
    size_t size = componentBytes(vt);
    if (!e.IsObject() || !size) return fail(error, "unknown enum type '" + str(mDef, "enumType") + "'");
    if (i + 1 > mValues.size / size) return fail(error, "values are too short");
    if (!mEnumNamesRead) {  // code -> name once per column (a scan per cell was quadratic)
      const Value& values = member(e, "values");
      for (size_t k = 0; values.IsArray() && k < values.ArrayLen(); ++k)
        mEnumNames.emplace(num(element(values, k), "value", -1), str(element(values, k), "name"));
      mEnumNamesRead = true;
    }
    const int64_t code = saturatedInt(readComponent(mValues.data + i * size, vt));
    const auto it = mEnumNames.find(code);
    s = it != mEnumNames.end() ? it->second : std::to_string(code);
    return true;
  }

  const tinygltf::Model& mModel;
  const Value& mDef;
  const Value& mColumn;
  const Value& mEnums;
  size_t mRows;
  Bytes mValues;
  std::vector<uint64_t> mArrayOffsets, mStringOffsets;
  std::unordered_map<int64_t, std::string> mEnumNames;
  bool mEnumNamesRead = false;
};

scene::PropertyValue fromJson(const Value& v) {
  if (v.IsBool()) return v.Get<bool>();
  if (v.IsInt()) return static_cast<int64_t>(v.Get<int>());
  if (v.IsNumber()) return v.GetNumberAsDouble();
  if (v.IsString()) return v.Get<std::string>();
  if (v.IsArray()) {
    std::vector<double> list;
    for (size_t i = 0; i < v.ArrayLen(); ++i)
      if (element(v, i).IsNumber()) list.push_back(element(v, i).GetNumberAsDouble());
    return list;
  }
  return std::monostate{};
}

std::string jsonType(const scene::PropertyValue& v) {
  static const char* kNames[] = {"NULL", "BOOLEAN", "INT64", "FLOAT64", "STRING", "FLOAT64[]"};
  return kNames[v.index()];
}

}  // namespace

void convertMetadata(const tinygltf::Model& model, scene::Scene& out, FeatureContext& ctx, Diagnostics& diag) {
  auto ext = model.extensions.find("EXT_structural_metadata");
  if (ext == model.extensions.end()) return;
  const Value& root = ext->second;
  const Value& schema = member(root, "schema");
  if (!schema.IsObject()) {
    if (member(root, "schemaUri").IsString())
      diag.warn("EXT_structural_metadata: external schemas (schemaUri) are not read yet");
    return;
  }
  const Value& tables = member(root, "propertyTables");
  if (!tables.IsArray()) return;
  const size_t tableCount = tables.ArrayLen();
  constexpr size_t kMaxTables = 4096;
  if (tableCount > kMaxTables)
    return diag.error("EXT_structural_metadata has " + std::to_string(tableCount) + " property tables; at most " +
                      std::to_string(kMaxTables) + " are read");
  for (size_t t = 0; t < tableCount; ++t) {
    const Value& table = element(tables, t);
    const std::string where = "property table " + std::to_string(t);
    const std::string cls = str(table, "class");
    const Value& def = member(member(schema, "classes"), cls.c_str());
    const int64_t rows = num(table, "count", -1);
    if (!def.IsObject()) return diag.error(where + " refers to class '" + cls + "', which the schema lacks");
    if (rows < 0) return diag.error(where + " has an invalid count");
    if (rows > kMaxFeatureRows - int64_t(out.features.size()))
      return diag.error(where + " has " + std::to_string(rows) + " rows; a scene holds at most " +
                        std::to_string(kMaxFeatureRows) + " features");
    std::string error;  // every row costs a key and its cells: charged before the rows are made
    if (!chargeMemory(uint64_t(rows) * kFeatureRowBytes, where + " (" + std::to_string(rows) + " rows)", error))
      return diag.error(error);
    std::string prefix = tableCount > 1 ? str(table, "name", cls) + ":" : "";
    ctx.tableBase.push_back(static_cast<uint32_t>(out.features.size()));
    ctx.tableCount.push_back(static_cast<uint32_t>(rows));
    ctx.tableName.push_back(prefix);
    for (int64_t r = 0; r < rows; ++r) out.features.add(prefix + std::to_string(r));
    const Value& props = member(table, "properties");
    if (!props.IsObject()) continue;
    for (const std::string& name : props.Keys()) {
      const Value& pdef = member(member(def, "properties"), name.c_str());
      if (!pdef.IsObject()) return diag.error(where + " property " + name + " is not in class '" + cls + "'");
      std::vector<scene::PropertyValue> values;
      std::string typeName;
      ColumnReader reader(model, pdef, member(props, name.c_str()), member(schema, "enums"), static_cast<size_t>(rows));
      if (!reader.read(values, typeName, error)) return diag.error(where + " property " + name + ": " + error);
      // A STRING property with the ID semantic names the features (unique values only).
      const bool idColumn = str(pdef, "semantic") == "ID" && str(pdef, "type") == "STRING" && !flag(pdef, "array");
      for (int64_t r = 0; r < rows; ++r) {
        const uint32_t row = ctx.tableBase.back() + static_cast<uint32_t>(r);
        if (idColumn)
          if (const auto* key = std::get_if<std::string>(&values[r]); key && !key->empty())
            out.features.rekey(row, prefix + *key);
        out.features.set(row, name, typeName, std::move(values[r]));
      }
    }
  }
}

namespace {

// b3dm batch ids: row = id (the batch rows come first in the table), ids past the batch are errors.
void readBatchIds(const tinygltf::Model& model, const tinygltf::Primitive& prim, std::vector<scene::Vertex>& verts,
                  FeatureContext& ctx, Diagnostics& diag, const std::string& where) {
  auto it = prim.attributes.find("_BATCHID");
  if (it == prim.attributes.end()) it = prim.attributes.find("BATCHID");
  if (it == prim.attributes.end()) return;
  ctx.anyFeatureIds = true;
  std::vector<int64_t> ids;
  std::string error;
  if (!readAccessorFeatureIds(model, it->second, ids, error) || ids.size() != verts.size())
    return diag.error(where + " batch ids: " + (error.empty() ? "wrong count" : error));
  for (size_t i = 0; i < verts.size(); ++i) {
    if (ids[i] >= int64_t(ctx.batchLength))
      return diag.error(where + " batch id " + std::to_string(ids[i]) + " is out of range (" +
                        std::to_string(ctx.batchLength) + " in the batch)");
    verts[i].feature = static_cast<uint32_t>(ids[i]) + 1;
  }
}

}  // namespace

void readFeatureIds(const tinygltf::Model& model, const tinygltf::Primitive& prim, std::vector<scene::Vertex>& verts,
                    scene::Scene& out, FeatureContext& ctx, Diagnostics& diag, const std::string& where,
                    scene::FeatureIdTextureRef& texture) {
  scene::FeatureTable& table = out.features;
  auto ext = prim.extensions.find("EXT_mesh_features");
  if (ext == prim.extensions.end()) {
    if (ctx.batchLength > 0) readBatchIds(model, prim, verts, ctx, diag, where);
    return;
  }
  const Value& sets = member(ext->second, "featureIds");
  if (!sets.IsArray() || sets.ArrayLen() == 0) return;
  ctx.anyFeatureIds = true;
  const Value& set = element(sets, 0);  // the first set names the features (later sets are alternatives)
  const int64_t tableIndex = num(set, "propertyTable", -1);
  const int64_t nullId = num(set, "nullFeatureId", -1);
  if (tableIndex >= static_cast<int64_t>(ctx.tableBase.size()))
    return diag.error(where + " EXT_mesh_features refers to property table " + std::to_string(tableIndex) +
                      ", which does not exist");
  auto rowOf = [&](int64_t id, uint32_t& feature) {
    if (id == nullId || id < 0) {
      feature = 0;
      return true;
    }
    if (tableIndex >= 0) {
      if (id >= ctx.tableCount[tableIndex]) {
        diag.error(where + " feature id " + std::to_string(id) + " is out of range of property table " +
                   std::to_string(tableIndex) + " (" + std::to_string(ctx.tableCount[tableIndex]) + " rows)");
        return false;
      }
      feature = ctx.tableBase[tableIndex] + static_cast<uint32_t>(id) + 1;
    } else {
      const uint32_t before = static_cast<uint32_t>(table.size());
      if (int64_t(before) >= kMaxFeatureRows) {  // rows are keyed by id: the id itself may be any size
        diag.error(where + ": more than " + std::to_string(kMaxFeatureRows) + " features");
        return false;
      }
      feature = table.add(std::to_string(id)) + 1;
      std::string error;
      if (table.size() > before && !chargeMemory(kFeatureRowBytes, "feature rows", error)) {
        diag.error(where + ": " + error);
        return false;
      }
    }
    return true;
  };
  if (member(set, "texture").IsObject()) {
    const Value& tex = member(set, "texture");
    int64_t t = num(tex, "index", -1);
    if (t < 0 || t >= static_cast<int64_t>(model.textures.size()))
      return diag.error(where + " feature id texture " + std::to_string(t) + " does not exist");
    int src = model.textures[t].source;
    if (src < 0 || src >= static_cast<int>(out.images.size()) || out.images[src].rgba.empty()) {
      diag.warn(where + " feature id texture has no readable image");
      return;
    }
    const Value& ch = member(tex, "channels");
    // Checked before any texel is read: more than four channels would shift an id past 32 bits.
    if (ch.IsArray() && ch.ArrayLen() > 4)
      return diag.error(where + " feature id texture channels must be 0..3, at most four");
    std::vector<int> channels;
    for (size_t i = 0; i < (ch.IsArray() ? ch.ArrayLen() : 0); ++i) {
      const Value& c = element(ch, i);
      const double d = c.IsNumber() ? c.GetNumberAsDouble() : -1.0;
      if (!(d == 0.0 || d == 1.0 || d == 2.0 || d == 3.0))
        return diag.error(where + " feature id texture channels must be 0..3, at most four");
      channels.push_back(static_cast<int>(d));
    }
    if (channels.empty()) channels.push_back(0);
    // Primitives often share one feature id texture: it is scanned once per (image, channels, table, null id).
    std::string cacheKey = std::to_string(src) + "/" + std::to_string(tableIndex) + "/" + std::to_string(nullId) + "/";
    for (int c : channels) cacheKey.push_back(char('0' + c));
    auto fillRef = [&](const FeatureContext::TextureIds& found) {
      texture.texture = static_cast<int>(t);
      texture.texCoord = static_cast<int>(num(tex, "texCoord", 0));
      texture.channels.clear();
      for (int c : channels) texture.channels.push_back(static_cast<uint8_t>(c));
      texture.rowBase = found.firstRow;
      texture.firstId = found.firstId < 0 ? 0 : found.firstId;
      texture.nullId = nullId;
    };
    if (auto cached = ctx.textureIds.find(cacheKey); cached != ctx.textureIds.end()) {
      if (cached->second.contiguous) fillRef(cached->second);
      else diag.warn(where + ": feature id texture ids do not map onto consecutive rows; not drawn in the id image");
      return;
    }
    // The distinct ids present, sorted (a vector sorted once: a std::set per texel cost a node per id).
    const auto& img = out.images[src].rgba;  // RGBA8 (decodeImage)
    std::string error;
    if (!fitsMemory(img.size() / 4 * sizeof(int64_t), where + " feature id texture scan", error))
      return diag.error(error);
    std::vector<int64_t> ids;
    ids.reserve(img.size() / 4);
    for (size_t px = 0; px + 3 < img.size(); px += 4) {
      int64_t id = 0;
      for (size_t c = 0; c < channels.size(); ++c) id |= int64_t(img[px + channels[c]]) << (8 * c);
      ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    // Rows for the ids present; the id image maps a texel's id to rowBase + (id - firstId), which needs the
    // present ids' rows to follow their ids (always so with a property table).
    int64_t firstId = -1;
    uint32_t firstRow = 0;
    bool contiguous = true;
    for (int64_t id : ids) {
      uint32_t f;
      if (!rowOf(id, f)) return;
      if (f == 0) continue;  // the null id
      if (firstId < 0) {
        firstId = id;
        firstRow = f - 1;
      } else {
        contiguous &= int64_t(f - 1) - int64_t(firstRow) == id - firstId;
      }
    }
    const FeatureContext::TextureIds found{firstId, firstRow, contiguous};
    ctx.textureIds.emplace(cacheKey, found);
    if (!contiguous) {
      diag.warn(where + ": feature id texture ids do not map onto consecutive rows; not drawn in the id image");
      return;
    }
    fillRef(found);
    return;
  }
  std::vector<int64_t> ids;
  if (member(set, "attribute").IsNumber()) {
    auto it = prim.attributes.find("_FEATURE_ID_" + std::to_string(num(set, "attribute", 0)));
    if (it == prim.attributes.end()) return diag.error(where + " lacks its feature id attribute");
    std::string error;
    if (!readAccessorFeatureIds(model, it->second, ids, error) || ids.size() != verts.size())
      return diag.error(where + " feature ids: " + (error.empty() ? "wrong count" : error));
  } else {  // implicit: the vertex index is the feature id
    ids.resize(verts.size());
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<int64_t>(i);
  }
  for (size_t i = 0; i < verts.size(); ++i)
    if (!rowOf(ids[i], verts[i].feature)) return;
}

uint32_t nodeFeature(const tinygltf::Node& node, int nodeIndex, scene::FeatureTable& table) {
  std::string key = node.name.empty() ? "node_" + std::to_string(nodeIndex) : node.name;
  if (table.find(key) >= 0) {  // names need not be unique in glTF
    key.push_back('#');
    key.append(std::to_string(nodeIndex));
  }
  uint32_t row = table.add(key);
  if (node.extras.IsObject())
    for (const std::string& name : node.extras.Keys()) {
      scene::PropertyValue v = fromJson(member(node.extras, name.c_str()));
      if (v.index() == 0) continue;  // nested objects and nulls are not properties
      std::string type = jsonType(v);
      table.set(row, name, type, std::move(v));
    }
  return row + 1;
}

}  // namespace ct::io::detail
