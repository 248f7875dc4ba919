// Feature table rows and columns.
#include "scene/feature_table.h"

#include <cstdio>

namespace ct::scene {

int64_t FeatureTable::find(const std::string& key) const {
  auto it = mRows.find(key);
  return it == mRows.end() ? -1 : static_cast<int64_t>(it->second);
}

uint32_t FeatureTable::add(const std::string& key) {
  auto [it, inserted] = mRows.emplace(key, static_cast<uint32_t>(mKeys.size()));
  if (inserted) {
    mKeys.push_back(key);
    for (PropertyColumn& c : mColumns) c.values.emplace_back();
  }
  return it->second;
}

bool FeatureTable::rekey(uint32_t row, const std::string& key) {
  if (row >= mKeys.size()) return false;
  if (mKeys[row] == key) return true;
  if (mRows.count(key)) return false;
  mRows.erase(mKeys[row]);
  mRows.emplace(key, row);
  mKeys[row] = key;
  return true;
}

void FeatureTable::set(uint32_t row, const std::string& column, const std::string& type, PropertyValue value) {
  auto it = mColumnIndex.find(column);
  if (it == mColumnIndex.end()) {
    it = mColumnIndex.emplace(column, mColumns.size()).first;
    mColumns.push_back({column, type, std::vector<PropertyValue>(mKeys.size())});
  }
  mColumns[it->second].values[row] = std::move(value);
}

const PropertyColumn* FeatureTable::column(const std::string& name) const {
  auto it = mColumnIndex.find(name);
  return it == mColumnIndex.end() ? nullptr : &mColumns[it->second];
}

std::string toString(const PropertyValue& v) {
  struct Visitor {
    std::string operator()(std::monostate) const { return "null"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.10g", d);
      return buf;
    }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<double>& list) const {
      std::string out = "[";
      for (size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + (*this)(list[i]);
      return out + "]";
    }
  };
  return std::visit(Visitor{}, v);
}

}  // namespace ct::scene
