// DataTableValues: data::Value cells as layer Cells.
#include "layers/data_table_values.h"

namespace ct::layers {

Cell DataTableValues::get(std::string_view key, std::string_view field) const {
  Cell c;
  int64_t row = mTable->find(key);
  if (row < 0) return c;
  c.state = Cell::State::NoValue;
  int f = mTable->findField(field);
  if (f < 0) return c;
  const data::Value* v = mTable->get(uint32_t(row), f);
  if (!v) return c;
  if (v->isNumber()) {
    c.state = Cell::State::Number;
    c.number = v->number;
  } else if (v->isText()) {
    c.state = Cell::State::Text;
    c.text = v->text;
  }
  return c;
}

}  // namespace ct::layers
