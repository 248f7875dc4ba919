// DataTable: the values a source holds, one row per feature key and one column per named field. Every source
// (CSV, GeoJSON, time series, replay, MQTT) fills one; layers read it by key or by row.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ct::data {

// One cell: nothing (no data), a number or a text.
struct Value {
  enum class Kind : uint8_t { None, Number, Text };
  Kind kind = Kind::None;
  double number = 0.0;  // when kind == Number
  std::string text;     // when kind == Text

  static Value none() { return {}; }
  static Value ofNumber(double v) { return {Kind::Number, v, {}}; }
  static Value ofText(std::string t) { return {Kind::Text, 0.0, std::move(t)}; }
  bool isNone() const { return kind == Kind::None; }
  bool isNumber() const { return kind == Kind::Number; }
  bool isText() const { return kind == Kind::Text; }
  // The number, or a text that parses whole as a number (locale-independent, surrounding blanks allowed).
  std::optional<double> asNumber() const;
  bool operator==(const Value& o) const;
};

// A text that parses whole as a finite or infinite number ("12", " -3.5e2 ", "inf"); nullopt otherwise.
// Locale-independent (std::from_chars). A leading '+' is accepted.
std::optional<double> parseNumber(std::string_view text);

// Rows keyed by string; columns stored per field as vectors indexed by row (dense: every column has size()
// entries). Rows and fields are only added, never removed; to drop rows, build a new table and replaceWith().
// Not thread-safe: one thread (the frame thread) owns it.
class DataTable {
 public:
  static constexpr uint32_t kMaxRows = 0x7fffffffu;  // rows fit in int32 for the GPU and int64 find() results
  static constexpr uint32_t kNoRow = 0xffffffffu;     // row() when the table already holds kMaxRows rows

  // The row of key, added (with no data in every field) when missing; kNoRow when full (setters ignore it).
  uint32_t row(std::string_view key);
  // The row of key, or -1.
  int64_t find(std::string_view key) const;
  // The index of a field, added when missing.
  int fieldIndex(std::string_view name);
  // The index of a field, or -1.
  int findField(std::string_view name) const;

  // Setters take a row from row()/find() and a field from fieldIndex(); out-of-range ones are ignored.
  // Each bumps version() (also when the value is the same: callers that care compare first).
  void setNumber(uint32_t row, int field, double value);
  void setText(uint32_t row, int field, std::string value);
  void setNone(uint32_t row, int field);
  void set(uint32_t row, int field, Value value);

  // The cell, or nullptr when the key or field is unknown (a known key and field with no data gives a None).
  const Value* get(std::string_view key, std::string_view field) const;
  const Value* get(uint32_t row, int field) const;
  // The cell as a number (a text that parses as a number counts); nullopt for no data, text, or out of range.
  std::optional<double> number(uint32_t row, int field) const;

  size_t size() const { return mKeys.size(); }
  size_t fieldCount() const { return mFields.size(); }
  const std::vector<std::string>& keys() const { return mKeys; }  // in row order
  const std::vector<std::string>& fieldNames() const { return mFields; }
  const std::vector<Value>& column(int field) const { return mColumns[static_cast<size_t>(field)]; }

  // Bumped on every change (values, rows, fields). Never goes back, also across replaceWith().
  uint64_t version() const { return mVersion; }
  // Identifies the set of keys in row order: changes when a row is added or the table is replaced, and is
  // unique across all tables of the process, so a cached join is valid while (table key set id) is unchanged.
  uint64_t keySetId() const { return mKeySetId; }

  // Takes other's rows and fields; version() keeps increasing, keySetId() changes.
  void replaceWith(DataTable&& other);
  // Removes every row and field.
  void clear();

  DataTable();
  // Copies share the key set id (same keys, same order). Assignment, like replaceWith(), keeps version()
  // increasing; a moved-from table is empty with a key set of its own.
  DataTable(const DataTable&) = default;
  DataTable(DataTable&& other) noexcept;
  DataTable& operator=(const DataTable& other);
  DataTable& operator=(DataTable&& other) noexcept;

 private:
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  void touchKeys();

  std::vector<std::string> mKeys;
  std::unordered_map<std::string, uint32_t, KeyHash, std::equal_to<>> mRowOfKey;
  std::vector<std::string> mFields;
  std::unordered_map<std::string, int, KeyHash, std::equal_to<>> mIndexOfField;
  std::vector<std::vector<Value>> mColumns;  // [field][row]
  uint64_t mVersion = 0;
  uint64_t mKeySetId = 0;
};

}  // namespace ct::data
