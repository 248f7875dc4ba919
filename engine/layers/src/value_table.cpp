// The small ValueTable implementations: a function of the key, and an in-memory map.
#include "layers/value_table.h"

namespace ct::layers {

Cell FunctionValueTable::get(std::string_view key, std::string_view) const {
  Cell c;
  c.state = Cell::State::NoValue;
  if (!mFn) return c;
  if (auto v = mFn(key)) {
    c.state = Cell::State::Number;
    c.number = *v;
  }
  return c;
}

void MapValueTable::setNumber(const std::string& key, const std::string& field, double v) {
  auto& e = mRows[key][field];
  e = {Cell::State::Number, v, {}};
  ++mVersion;
}

void MapValueTable::setText(const std::string& key, const std::string& field, std::string v) {
  auto& e = mRows[key][field];
  e = {Cell::State::Text, 0.0, std::move(v)};
  ++mVersion;
}

void MapValueTable::setNone(const std::string& key, const std::string& field) {
  mRows[key][field] = {};
  ++mVersion;
}

Cell MapValueTable::get(std::string_view key, std::string_view field) const {
  Cell c;
  auto row = mRows.find(key);
  if (row == mRows.end()) return c;
  c.state = Cell::State::NoValue;
  auto e = row->second.find(field);
  if (e == row->second.end()) return c;
  c.state = e->second.state;
  c.number = e->second.number;
  if (c.state == Cell::State::Text) c.text = e->second.text;
  return c;
}

}  // namespace ct::layers
