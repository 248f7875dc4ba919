// The scene's feature table: one row per addressable feature (a building, a lamp, ...), with a stable key
// and typed property columns. Rows are what ids, picking and data layers refer to.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace ct::scene {

// A property value: nothing, a boolean, an integer, a number, text, or a list of numbers (vectors, arrays).
using PropertyValue = std::variant<std::monostate, bool, int64_t, double, std::string, std::vector<double>>;

struct PropertyColumn {
  std::string name;
  std::string type;  // as declared: "INT32", "FLOAT64", "STRING", "BOOLEAN", "ENUM", "VEC3 FLOAT32", "INT16[]" ...
  std::vector<PropertyValue> values;  // one per row
};

class FeatureTable {
 public:
  size_t size() const { return mKeys.size(); }
  bool empty() const { return mKeys.empty(); }
  const std::string& key(size_t row) const { return mKeys[row]; }
  // Row of a key, or -1.
  int64_t find(const std::string& key) const;
  // Adds a row (or returns the existing row of that key).
  uint32_t add(const std::string& key);
  // Gives a row another key; false (and nothing changes) when another row has that key.
  bool rekey(uint32_t row, const std::string& key);
  // Sets a property of a row, creating the column on first use; a value of another type than the column's
  // first value is kept as it is (columns are typed by declaration, not enforced here).
  void set(uint32_t row, const std::string& column, const std::string& type, PropertyValue value);
  const std::vector<PropertyColumn>& columns() const { return mColumns; }
  const PropertyColumn* column(const std::string& name) const;

 private:
  std::vector<std::string> mKeys;
  std::unordered_map<std::string, uint32_t> mRows;
  std::vector<PropertyColumn> mColumns;
  std::unordered_map<std::string, size_t> mColumnIndex;
};

// Text for a value, as `info --features` prints it.
std::string toString(const PropertyValue& v);

}  // namespace ct::scene
