// The scene file's JSON layer: a checked SAX reader (duplicate keys, nesting depth, positions of syntax errors)
// and typed value readers that fail with the JSON path.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unordered_set>

#include "scene_file_internal.h"

namespace ct::scene::detail {

void fail(const std::string& path, std::string message) { throw SpecError{path, std::move(message)}; }

std::string childPath(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string indexPath(const std::string& path, size_t index) { return path + "[" + std::to_string(index) + "]"; }

std::string formatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

namespace {

// Messages go to one terminal line: anything outside printable ASCII is shown as \xNN.
std::string printable(std::string_view s, size_t maxLen = 200) {
  std::string out;
  for (unsigned char c : s.substr(0, maxLen)) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  if (s.size() > maxLen) out += "...";
  return out;
}

// Wraps nlohmann's DOM builder: tracks the JSON path to name a duplicate key or a too-deep value.
class CheckedSax {
 public:
  using Dom = nlohmann::detail::json_sax_dom_parser<Json>;
  CheckedSax(Json& out, std::string_view text) : mDom(out, false), mText(text) {}

  bool null() { return value() && mDom.null(); }
  bool boolean(bool v) { return value() && mDom.boolean(v); }
  bool number_integer(Json::number_integer_t v) { return value() && mDom.number_integer(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return value() && mDom.number_unsigned(v); }
  bool number_float(Json::number_float_t v, const Json::string_t& s) { return value() && mDom.number_float(v, s); }
  bool string(Json::string_t& v) { return value() && mDom.string(v); }
  bool binary(Json::binary_t& v) { return value() && mDom.binary(v); }
  bool start_object(std::size_t n) { return open(false) && mDom.start_object(n); }
  bool key(Json::string_t& k) {
    Frame& f = mFrames.back();
    if (!f.keys.insert(k).second) {
      f.key = k;
      mError = currentPath() + ": duplicate key";
      return false;
    }
    f.key = k;
    return mDom.key(k);
  }
  bool end_object() {
    mFrames.pop_back();
    return mDom.end_object();
  }
  bool start_array(std::size_t n) { return open(true) && mDom.start_array(n); }
  bool end_array() {
    mFrames.pop_back();
    return mDom.end_array();
  }
  bool parse_error(std::size_t position, const std::string& /*lastToken*/, const nlohmann::detail::exception& ex) {
    // nlohmann's text: "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ...";
    // the position is recomputed here so that every kind (number overflow too) names its line and column.
    std::string what = ex.what();
    if (size_t p = what.find("] "); p != std::string::npos) what.erase(0, p + 2);
    if (what.rfind("parse error", 0) == 0) {
      if (size_t p = what.find(": "); p != std::string::npos) what.erase(0, p + 2);
    }
    size_t at = std::min(position == 0 ? 0 : position - 1, mText.size());
    size_t line = 1, lineStart = 0;
    for (size_t i = 0; i < at; ++i) {
      if (mText[i] == '\n') {
        ++line;
        lineStart = i + 1;
      }
    }
    mError = "line " + std::to_string(line) + ", column " + std::to_string(at - lineStart + 1) +
             ": invalid JSON: " + printable(what);
    return false;
  }

  const std::string& error() const { return mError; }

 private:
  struct Frame {
    bool isArray = false;
    size_t count = 0;  // arrays: values started so far
    std::string key;   // objects: the current key
    std::unordered_set<std::string> keys;
  };

  bool value() {
    if (!mFrames.empty() && mFrames.back().isArray) ++mFrames.back().count;
    if (++mValues > kMaxSceneJsonValues) {
      mError = currentPath() + ": more than " + std::to_string(kMaxSceneJsonValues) + " JSON values in one file";
      return false;
    }
    return true;
  }
  bool open(bool isArray) {
    if (!value()) return false;
    if (mFrames.size() >= static_cast<size_t>(kMaxSceneJsonDepth)) {
      mError = (mFrames.size() ? currentPath() + ": " : std::string()) + "nested deeper than " +
               std::to_string(kMaxSceneJsonDepth) + " levels";
      return false;
    }
    mFrames.push_back(Frame{isArray, 0, {}, {}});
    return true;
  }
  std::string currentPath() const {
    std::string p;
    for (const Frame& f : mFrames) {
      if (f.isArray) {
        p = indexPath(p, f.count == 0 ? 0 : f.count - 1);
      } else {
        p = childPath(p, printable(f.key, 80));
      }
    }
    return p;
  }

  Dom mDom;
  std::string_view mText;
  std::vector<Frame> mFrames;
  std::string mError;
  size_t mValues = 0;
};

const char* typeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "a number";
  }
}

}  // namespace

bool readJson(std::string_view text, Json& out, std::string& error) {
  CheckedSax sax(out, text);
  const bool ok = Json::sax_parse(text.data(), text.data() + text.size(), &sax);
  if (ok) return true;
  error = sax.error().empty() ? std::string("invalid JSON") : sax.error();
  return false;
}

double asNumber(const Json& v, const std::string& path) {
  if (!v.is_number()) fail(path, "expected a number");
  return v.get<double>();
}

double asNumberIn(const Json& v, const std::string& path, double lo, double hi, const char* range) {
  const double d = asNumber(v, path);
  if (!(d >= lo && d <= hi)) fail(path, std::string("expected a number ") + range + ", got " + formatNumber(d));
  return d;
}

int asInt(const Json& v, const std::string& path, int lo, int hi) {
  const bool integral = v.is_number_integer() || (v.is_number_float() && std::trunc(v.get<double>()) == v.get<double>());
  if (!integral) fail(path, "expected an integer");
  const double d = v.get<double>();
  if (d < lo || d > hi) {
    fail(path, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
                   formatNumber(d));
  }
  return static_cast<int>(d);
}

bool asBool(const Json& v, const std::string& path) {
  if (!v.is_boolean()) fail(path, "expected true or false");
  return v.get<bool>();
}

const std::string& asString(const Json& v, const std::string& path) {
  if (!v.is_string()) fail(path, "expected a string");
  return v.get_ref<const std::string&>();
}

const std::string& asNonEmptyString(const Json& v, const std::string& path) {
  const std::string& s = asString(v, path);
  if (s.empty()) fail(path, "expected a non-empty string");
  return s;
}

Rgba8 asColor(const Json& v, const std::string& path) {
  if (!v.is_string()) fail(path, "expected a colour \"#RRGGBB\" or \"#RRGGBBAA\"");
  auto c = parseHexColor(v.get_ref<const std::string&>());
  if (!c) {
    fail(path, "expected a colour \"#RRGGBB\" or \"#RRGGBBAA\", got '" +
                   printable(v.get_ref<const std::string&>(), 40) + "'");
  }
  return *c;
}

const Json& asArray(const Json& v, const std::string& path, size_t minSize, size_t maxSize) {
  if (!v.is_array()) {
    if (minSize == maxSize) fail(path, "expected an array of " + std::to_string(minSize));
    fail(path, "expected an array");
  }
  if (v.size() < minSize || v.size() > maxSize) {
    if (minSize == maxSize) {
      fail(path, "expected " + std::to_string(minSize) + " elements, got " + std::to_string(v.size()));
    }
    fail(path, "expected " + std::to_string(minSize) + " to " + std::to_string(maxSize) + " elements, got " +
                   std::to_string(v.size()));
  }
  return v;
}

std::string asPath(const Json& v, const std::string& path, const std::string& baseDir) {
  const std::string& s = asNonEmptyString(v, path);
  if (s.find('\0') != std::string::npos) fail(path, "a path may not contain a NUL character");
  std::filesystem::path p(s);
  if (p.is_absolute() || baseDir.empty()) return p.lexically_normal().string();
  return (std::filesystem::path(baseDir) / p).lexically_normal().string();
}

std::string relativePath(const std::string& path, const std::string& baseDir) {
  std::filesystem::path p(path);
  if (baseDir.empty() || !p.is_absolute()) return path;
  std::filesystem::path base(baseDir);
  if (!base.is_absolute()) return path;
  // Relative when both lie under the same top folder (a scene moved with its data keeps working); a path
  // elsewhere on the machine (/data/... next to /home/...) stays absolute.
  base = base.lexically_normal();
  auto pi = p.begin(), bi = base.begin();
  if (pi == p.end() || bi == base.end() || ++pi == p.end() || ++bi == base.end() || *pi != *bi) return path;
  std::filesystem::path rel = p.lexically_relative(base);
  return rel.empty() ? path : rel.string();
}

// ---- ObjectReader --------------------------------------------------------------------------------------------

ObjectReader::ObjectReader(const Json& object, std::string path) : mObject(object), mPath(std::move(path)) {
  if (!mObject.is_object()) fail(mPath, std::string("expected an object, got ") + typeName(mObject));
}

bool ObjectReader::has(std::string_view key) const { return mObject.contains(key); }

const Json* ObjectReader::find(std::string_view key) {
  auto it = mObject.find(key);
  if (it == mObject.end()) return nullptr;
  mRead.emplace(key);
  return &*it;
}

const Json& ObjectReader::require(std::string_view key, const char* hint) {
  const Json* v = find(key);
  if (!v) fail(keyPath(key), hint ? std::string("missing (") + hint + ")" : std::string("missing"));
  return *v;
}

std::string ObjectReader::str(std::string_view key, const std::string& fallback) {
  const Json* v = find(key);
  return v ? asString(*v, keyPath(key)) : fallback;
}

std::string ObjectReader::pathValue(std::string_view key, const std::string& baseDir) {
  const Json* v = find(key);
  return v ? asPath(*v, keyPath(key), baseDir) : std::string();
}

double ObjectReader::num(std::string_view key, double fallback) {
  const Json* v = find(key);
  return v ? asNumber(*v, keyPath(key)) : fallback;
}

double ObjectReader::numIn(std::string_view key, double fallback, double lo, double hi, const char* range) {
  const Json* v = find(key);
  return v ? asNumberIn(*v, keyPath(key), lo, hi, range) : fallback;
}

int ObjectReader::integer(std::string_view key, int fallback, int lo, int hi) {
  const Json* v = find(key);
  return v ? asInt(*v, keyPath(key), lo, hi) : fallback;
}

bool ObjectReader::boolean(std::string_view key, bool fallback) {
  const Json* v = find(key);
  return v ? asBool(*v, keyPath(key)) : fallback;
}

Rgba8 ObjectReader::color(std::string_view key, Rgba8 fallback) {
  const Json* v = find(key);
  return v ? asColor(*v, keyPath(key)) : fallback;
}

namespace {
// Levenshtein distance, capped: only short keys are compared.
size_t editDistance(std::string_view a, std::string_view b) {
  if (a.size() > 64 || b.size() > 64) return 99;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}
}  // namespace

void ObjectReader::finish(std::vector<std::string>& warnings, const std::set<std::string>& known,
                          const std::set<std::string>& elsewhere, const std::string& owner) {
  for (auto it = mObject.begin(); it != mObject.end(); ++it) {
    const std::string& key = it.key();
    if (mRead.count(key) || key.rfind("//", 0) == 0) continue;
    const std::string where = childPath(mPath, printable(key, 80));
    if (elsewhere.count(key)) {
      warnings.push_back(where + ": not used by " + owner + " (ignored)");
      continue;
    }
    std::string near;
    size_t best = 3;  // suggest only names at most 2 edits away
    for (const std::string& k : known) {
      const size_t d = editDistance(key, k);
      if (d < best) {
        best = d;
        near = k;
      }
    }
    warnings.push_back(where + ": unknown key (ignored)" + (near.empty() ? "" : "; did you mean '" + near + "'?"));
  }
}

}  // namespace ct::scene::detail
