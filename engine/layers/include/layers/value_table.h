// What a layer reads its values from: numbers or texts by feature key and field. Data sources (data::DataTable),
// the scene's own feature properties, a function or a small in-memory table all sit behind this one interface.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ct::layers {

// One looked-up cell. `text` stays valid while the table is unchanged.
struct Cell {
  enum class State : uint8_t { NoKey, NoValue, Number, Text };
  State state = State::NoKey;
  double number = 0.0;
  std::string_view text;

  bool hasKey() const { return state != State::NoKey; }
  bool hasValue() const { return state == State::Number || state == State::Text; }
};

class ValueTable {
 public:
  virtual ~ValueTable() = default;
  // Changes whenever any value, key or field changes (layers recompute when it does).
  virtual uint64_t version() const = 0;
  // Keys in the table (for the count of keys that name no feature).
  virtual size_t keyCount() const = 0;
  virtual Cell get(std::string_view key, std::string_view field) const = 0;
};

// A function key -> number, for any field (nullopt: no value). The key set is unknown: every key "exists".
class FunctionValueTable : public ValueTable {
 public:
  using Fn = std::function<std::optional<double>(std::string_view key)>;
  explicit FunctionValueTable(Fn fn, size_t keyCount = 0) : mFn(std::move(fn)), mKeyCount(keyCount) {}
  void touch() { ++mVersion; }  // the function's values changed
  uint64_t version() const override { return mVersion; }
  size_t keyCount() const override { return mKeyCount; }
  Cell get(std::string_view key, std::string_view field) const override;

 private:
  Fn mFn;
  size_t mKeyCount = 0;
  uint64_t mVersion = 1;
};

// A small in-memory table (tests, scenario overrides, GeoJSON lamp attributes).
class MapValueTable : public ValueTable {
 public:
  void setNumber(const std::string& key, const std::string& field, double v);
  void setText(const std::string& key, const std::string& field, std::string v);
  // The key exists but has no value in that field.
  void setNone(const std::string& key, const std::string& field);
  uint64_t version() const override { return mVersion; }
  size_t keyCount() const override { return mRows.size(); }
  Cell get(std::string_view key, std::string_view field) const override;

 private:
  struct Entry {
    Cell::State state = Cell::State::NoValue;
    double number = 0.0;
    std::string text;
  };
  std::map<std::string, std::map<std::string, Entry, std::less<>>, std::less<>> mRows;
  uint64_t mVersion = 1;
};

}  // namespace ct::layers
