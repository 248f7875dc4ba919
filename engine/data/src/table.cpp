// DataTable and Value: key->row map, per-field columns, version counters.
#include "data/table.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>

namespace ct::data {

namespace {
// Key set ids are unique across the process so a cached join never mistakes one table's keys for another's.
std::atomic<uint64_t> gNextKeySetId{1};

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
}  // namespace

std::optional<double> parseNumber(std::string_view text) {
  while (!text.empty() && isBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && isBlank(text.back())) text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  double v = 0.0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (std::isnan(v)) return std::nullopt;  // "nan" is no number to colour by
  return v;
}

std::optional<double> Value::asNumber() const {
  if (kind == Kind::Number) return number;
  if (kind == Kind::Text) return parseNumber(text);
  return std::nullopt;
}

bool Value::operator==(const Value& o) const {
  if (kind != o.kind) return false;
  if (kind == Kind::Number) return number == o.number;
  if (kind == Kind::Text) return text == o.text;
  return true;
}

DataTable::DataTable() : mKeySetId(gNextKeySetId.fetch_add(1)) {}

DataTable::DataTable(DataTable&& other) noexcept
    : mKeys(std::move(other.mKeys)),
      mRowOfKey(std::move(other.mRowOfKey)),
      mFields(std::move(other.mFields)),
      mIndexOfField(std::move(other.mIndexOfField)),
      mColumns(std::move(other.mColumns)),
      mVersion(other.mVersion),
      mKeySetId(other.mKeySetId) {
  other.clear();
}

DataTable& DataTable::operator=(const DataTable& other) {
  if (this == &other) return *this;
  DataTable copy(other);
  const uint64_t keySet = other.mKeySetId;
  replaceWith(std::move(copy));
  mKeySetId = keySet;
  return *this;
}

DataTable& DataTable::operator=(DataTable&& other) noexcept {
  if (this == &other) return *this;
  const uint64_t keySet = other.mKeySetId;
  replaceWith(std::move(other));
  mKeySetId = keySet;
  return *this;
}

void DataTable::touchKeys() {
  ++mVersion;
  mKeySetId = gNextKeySetId.fetch_add(1);
}

uint32_t DataTable::row(std::string_view key) {
  if (auto it = mRowOfKey.find(key); it != mRowOfKey.end()) return it->second;
  if (mKeys.size() >= kMaxRows) return kNoRow;
  auto r = static_cast<uint32_t>(mKeys.size());
  mKeys.emplace_back(key);
  mRowOfKey.emplace(mKeys.back(), r);
  for (auto& col : mColumns) col.emplace_back();
  touchKeys();
  return r;
}

int64_t DataTable::find(std::string_view key) const {
  auto it = mRowOfKey.find(key);
  return it == mRowOfKey.end() ? -1 : static_cast<int64_t>(it->second);
}

int DataTable::fieldIndex(std::string_view name) {
  if (auto it = mIndexOfField.find(name); it != mIndexOfField.end()) return it->second;
  int f = static_cast<int>(mFields.size());
  mFields.emplace_back(name);
  mIndexOfField.emplace(mFields.back(), f);
  mColumns.emplace_back(mKeys.size());
  ++mVersion;
  return f;
}

int DataTable::findField(std::string_view name) const {
  auto it = mIndexOfField.find(name);
  return it == mIndexOfField.end() ? -1 : it->second;
}

void DataTable::setNumber(uint32_t r, int field, double value) {
  if (r >= mKeys.size() || field < 0 || static_cast<size_t>(field) >= mColumns.size()) return;
  Value& v = mColumns[static_cast<size_t>(field)][r];
  v.kind = Value::Kind::Number;
  v.number = value;
  if (!v.text.empty()) std::string().swap(v.text);
  ++mVersion;
}

void DataTable::setText(uint32_t r, int field, std::string value) {
  if (r >= mKeys.size() || field < 0 || static_cast<size_t>(field) >= mColumns.size()) return;
  mColumns[static_cast<size_t>(field)][r] = Value::ofText(std::move(value));
  ++mVersion;
}

void DataTable::setNone(uint32_t r, int field) { set(r, field, Value::none()); }

void DataTable::set(uint32_t r, int field, Value value) {
  if (r >= mKeys.size() || field < 0 || static_cast<size_t>(field) >= mColumns.size()) return;
  mColumns[static_cast<size_t>(field)][r] = std::move(value);
  ++mVersion;
}

const Value* DataTable::get(std::string_view key, std::string_view field) const {
  int64_t r = find(key);
  int f = findField(field);
  if (r < 0 || f < 0) return nullptr;
  return &mColumns[static_cast<size_t>(f)][static_cast<size_t>(r)];
}

const Value* DataTable::get(uint32_t r, int field) const {
  if (r >= mKeys.size() || field < 0 || static_cast<size_t>(field) >= mColumns.size()) return nullptr;
  return &mColumns[static_cast<size_t>(field)][r];
}

std::optional<double> DataTable::number(uint32_t r, int field) const {
  const Value* v = get(r, field);
  return v ? v->asNumber() : std::nullopt;
}

void DataTable::replaceWith(DataTable&& other) {
  uint64_t v = std::max(mVersion, other.mVersion) + 1;
  mKeys = std::move(other.mKeys);
  mRowOfKey = std::move(other.mRowOfKey);
  mFields = std::move(other.mFields);
  mIndexOfField = std::move(other.mIndexOfField);
  mColumns = std::move(other.mColumns);
  other.clear();
  mVersion = v;
  mKeySetId = gNextKeySetId.fetch_add(1);
}

void DataTable::clear() {
  mKeys.clear();
  mRowOfKey.clear();
  mFields.clear();
  mIndexOfField.clear();
  mColumns.clear();
  touchKeys();
}

}  // namespace ct::data
