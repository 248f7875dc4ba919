// What the scene file's parser files share: the checked JSON reader, typed value readers that fail with the
// JSON path, and an object reader that remembers which keys were read so the rest become warnings.
#pragma once
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "scene/scene_file.h"

namespace ct::scene::detail {

using Json = nlohmann::json;

// Thrown inside the parser only (parseSceneFile catches it): the first error ends the parse.
struct SpecError {
  std::string path;
  std::string message;
};
[[noreturn]] void fail(const std::string& path, std::string message);

std::string childPath(const std::string& path, std::string_view key);
std::string indexPath(const std::string& path, size_t index);
std::string formatNumber(double v);

// JSON text to a DOM. Refuses duplicate keys and nesting deeper than kMaxSceneJsonDepth. On failure, `error`
// is "line L, column C: ..." for syntax errors or "PATH: ..." for the checks.
bool readJson(std::string_view text, Json& out, std::string& error);

double asNumber(const Json& v, const std::string& path);
// A number in [lo, hi]; `range` words the bound in the message ("from 0 to 1").
double asNumberIn(const Json& v, const std::string& path, double lo, double hi, const char* range);
int asInt(const Json& v, const std::string& path, int lo, int hi);
bool asBool(const Json& v, const std::string& path);
const std::string& asString(const Json& v, const std::string& path);
const std::string& asNonEmptyString(const Json& v, const std::string& path);
Rgba8 asColor(const Json& v, const std::string& path);
// An array of minSize..maxSize elements.
const Json& asArray(const Json& v, const std::string& path, size_t minSize, size_t maxSize);
// A file path: absolute stays, relative joins baseDir (when not empty); lexically normalised.
std::string asPath(const Json& v, const std::string& path, const std::string& baseDir);
// The inverse for writing: relative to baseDir when both are absolute.
std::string relativePath(const std::string& path, const std::string& baseDir);

class ObjectReader {
 public:
  ObjectReader(const Json& object, std::string path);  // fails unless `object` is an object
  const std::string& path() const { return mPath; }
  std::string keyPath(std::string_view key) const { return childPath(mPath, key); }
  bool has(std::string_view key) const;
  const Json* find(std::string_view key);  // nullptr when absent; marks the key read
  const Json& require(std::string_view key, const char* hint = nullptr);
  std::string str(std::string_view key, const std::string& fallback = {});
  std::string pathValue(std::string_view key, const std::string& baseDir);  // empty when absent
  double num(std::string_view key, double fallback);
  double numIn(std::string_view key, double fallback, double lo, double hi, const char* range);
  int integer(std::string_view key, int fallback, int lo, int hi);
  bool boolean(std::string_view key, bool fallback);
  Rgba8 color(std::string_view key, Rgba8 fallback);
  // Every key not read becomes a warning: "not used by <owner>" for keys in `elsewhere` (a sibling type's),
  // "unknown key" (with a near name when there is one) otherwise. Keys starting with "//" are comments.
  void finish(std::vector<std::string>& warnings, const std::set<std::string>& known,
              const std::set<std::string>& elsewhere = {}, const std::string& owner = {});

 private:
  const Json& mObject;
  std::string mPath;
  std::set<std::string, std::less<>> mRead;
};

struct ParseContext {
  std::string baseDir;
  std::vector<std::string> warnings;  // "PATH: message", prefixed with the file name at the end
};

void parseLayers(const Json& v, const std::string& path, SceneSpec& spec, ParseContext& ctx);
// Scenarios (scenario.cpp): parsed after the layers, whose names they are checked against.
void parseScenarios(const Json& v, const std::string& path, SceneSpec& spec, ParseContext& ctx);
nlohmann::ordered_json scenarioJson(const Scenario& s);
// A number for writing: whole numbers without a fraction (scene_file_write.cpp).
nlohmann::ordered_json jsonNumber(double v);

}  // namespace ct::scene::detail
