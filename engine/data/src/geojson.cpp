// parseGeoJson / loadGeoJson: document shape, features, ids and keys, properties into the table.
#include <string>

#include "core/file.h"
#include "geojson_internal.h"

namespace ct::data {

namespace {
constexpr size_t kMaxWarnings = 100;

// Deepest [ / { nesting outside strings, and where it first passes maxDepth (npos when it does not): bounds
// every recursive walk (ours, and nlohmann's dump of nested properties) before the document is parsed.
size_t depthExceededAt(std::string_view text, size_t maxDepth) {
  size_t depth = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\') ++i;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > maxDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

Value propertyValue(const Json& v) {
  if (v.is_null()) return Value::none();
  if (v.is_boolean()) return Value::ofNumber(v.get<bool>() ? 1.0 : 0.0);
  if (v.is_number()) return Value::ofNumber(v.get<double>());
  if (v.is_string()) return Value::ofText(v.get<std::string>());
  return Value::ofText(v.dump(-1, ' ', false, Json::error_handler_t::replace));
}

// A key or id as text: strings as they are, numbers as JSON writes them ("12", "12.5"); nullopt otherwise.
std::optional<std::string> keyText(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

class Reader {
 public:
  Reader(const GeoJsonOptions& options, GeoJsonDocument& doc) : mOptions(options), mDoc(doc) {}

  // Reads one feature object at `path`; false (with err) when it is bad.
  bool readFeature(const Json& j, size_t index, GeoJsonProblem& err) {
    GeoJsonFeature f;
    f.index = index;
    auto failHere = [&](std::string msg) {
      err.path = mPath.str();
      err.message = std::move(msg);
      return false;
    };
    if (!j.is_object()) return failHere("expected a Feature object");
    auto type = j.find("type");
    if (type == j.end() || !type->is_string()) return failHere("expected a \"type\": \"Feature\" member");
    if (type->get_ref<const std::string&>() != "Feature") {
      PathScope s(mPath, "type");
      return failHere("is \"" + type->get<std::string>().substr(0, 40) + "\", expected \"Feature\"");
    }
    if (auto id = j.find("id"); id != j.end() && !id->is_null()) {
      PathScope s(mPath, "id");
      auto t = keyText(*id);
      if (!t) return failHere("expected a string or a number");
      f.id = *t;
    }
    if (auto g = j.find("geometry"); g != j.end() && !g->is_null()) {
      PathScope s(mPath, "geometry");
      Geometry geom;
      if (!readGeometry(*g, mPath, geom, err)) return false;
      f.geometry = std::move(geom);
    }
    const Json* keyValue = nullptr;
    if (auto p = j.find("properties"); p != j.end() && !p->is_null()) {
      PathScope s(mPath, "properties");
      if (!p->is_object()) return failHere("expected an object or null");
      f.properties.reserve(p->size());
      for (auto it = p->begin(); it != p->end(); ++it) {
        f.properties.emplace_back(it.key(), propertyValue(it.value()));
        if (!mOptions.key.empty() && it.key() == mOptions.key) keyValue = &it.value();
      }
    }
    if (mOptions.key.empty() || (!keyValue && mOptions.key == "id")) {
      f.key = f.id;
    } else if (keyValue) {
      if (auto t = keyText(*keyValue)) f.key = *t;
    }
    addFeature(std::move(f));
    return true;
  }

  void addFeature(GeoJsonFeature f) {
    if (f.key.empty()) {
      ++mDoc.featuresWithoutKey;
      problem(mPath.str(), mOptions.key.empty() ? "no id (the key); feature kept without data"
                                                : "no key property \"" + mOptions.key + "\"; feature kept without data");
    } else {
      int64_t existing = mDoc.table.find(f.key);
      uint32_t row = mDoc.table.row(f.key);
      if (existing >= 0) {
        ++mDoc.duplicateKeys;
        problem(mPath.str(), "key \"" + f.key.substr(0, 80) + "\" repeats an earlier feature's; the later one wins");
        for (size_t k = 0; k < mDoc.table.fieldCount(); ++k) mDoc.table.setNone(row, static_cast<int>(k));
      }
      for (const auto& [name, value] : f.properties) mDoc.table.set(row, mDoc.table.fieldIndex(name), value);
    }
    mDoc.features.push_back(std::move(f));
  }

  void problem(std::string path, std::string message) {
    if (mDoc.problems.size() < GeoJsonDocument::kMaxListed) mDoc.problems.push_back({path, message});
    std::string where = mLocation + ": " + (path.empty() ? std::string() : path + ": ");
    if (mWarnings.size() < kMaxWarnings) mWarnings.push_back(where + message);
    else ++mUnlisted;
  }

  JsonPath mPath;
  std::string mLocation;
  std::vector<std::string> mWarnings;
  uint64_t mUnlisted = 0;

 private:
  const GeoJsonOptions& mOptions;
  GeoJsonDocument& mDoc;
};

}  // namespace

Result<GeoJsonDocument> parseGeoJson(std::string_view text, const GeoJsonOptions& options) {
  using R = Result<GeoJsonDocument>;
  const std::string loc = options.location.empty() ? std::string("geojson") : options.location;
  if (size_t at = depthExceededAt(text, options.maxDepth); at != std::string_view::npos)
    return R::fail(loc + ": not GeoJSON: nested deeper than " + std::to_string(options.maxDepth) + " at byte " +
                   std::to_string(at));
  Json root;
  try {
    root = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    return R::fail(loc + ": not JSON: " + what);
  }
  if (!root.is_object()) return R::fail(loc + ": not GeoJSON: the top level is not an object");
  auto type = root.find("type");
  if (type == root.end() || !type->is_string()) return R::fail(loc + ": not GeoJSON: no \"type\" member");
  const std::string typeName = type->get<std::string>();

  GeoJsonDocument doc;
  Reader reader(options, doc);
  reader.mLocation = loc;
  GeoJsonProblem err;
  if (typeName == "FeatureCollection") {
    auto features = root.find("features");
    if (features == root.end() || !features->is_array())
      return R::fail(loc + ": not GeoJSON: a FeatureCollection needs a \"features\" array");
    if (features->size() > options.maxFeatures)
      return R::fail(loc + ": more than " + std::to_string(options.maxFeatures) + " features");
    PathScope s(reader.mPath, "features");
    doc.features.reserve(features->size());
    for (size_t i = 0; i < features->size(); ++i) {
      PathScope si(reader.mPath, i);
      ++doc.featuresRead;
      if (!reader.readFeature((*features)[i], i, err)) {
        ++doc.badFeatures;
        reader.problem(err.path, err.message + "; feature skipped");
      }
    }
  } else if (typeName == "Feature") {
    doc.featuresRead = 1;
    if (!reader.readFeature(root, 0, err))
      return R::fail(loc + ": " + (err.path.empty() ? "" : err.path + ": ") + err.message);
  } else if (geometryTypeFromName(typeName)) {
    doc.featuresRead = 1;
    GeoJsonFeature f;
    Geometry g;
    if (!readGeometry(root, reader.mPath, g, err))
      return R::fail(loc + ": " + (err.path.empty() ? "" : err.path + ": ") + err.message);
    f.geometry = std::move(g);
    doc.features.push_back(std::move(f));  // a bare geometry has no key: no table row, and no warning for it
  } else {
    return R::fail(loc + ": not GeoJSON: type \"" + typeName.substr(0, 40) +
                   "\" is none of FeatureCollection, Feature or a geometry type");
  }
  auto warnings = std::move(reader.mWarnings);
  if (reader.mUnlisted > 0) warnings.push_back(loc + ": " + std::to_string(reader.mUnlisted) + " more problems not listed");
  return R::ok(std::move(doc), std::move(warnings));
}

Result<GeoJsonDocument> loadGeoJson(const std::filesystem::path& path, GeoJsonOptions options) {
  if (options.location.empty()) options.location = path.string();
  auto bytes = readFile(path, options.maxFileBytes);
  if (!bytes) return Result<GeoJsonDocument>::fail(options.location + ": " + bytes.firstError());
  std::string_view text(reinterpret_cast<const char*>(bytes.value().data()), bytes.value().size());
  return parseGeoJson(text, options);
}

}  // namespace ct::data
