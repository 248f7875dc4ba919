// A data::DataTable (what every data source fills) seen as a layer's ValueTable: layers read sources by key.
#pragma once
#include "data/table.h"
#include "layers/value_table.h"

namespace ct::layers {

class DataTableValues : public ValueTable {
 public:
  // The table must outlive this view (sources own their tables; views are made per frame or held with them).
  explicit DataTableValues(const data::DataTable& table) : mTable(&table) {}
  uint64_t version() const override { return mTable->version(); }
  size_t keyCount() const override { return mTable->size(); }
  Cell get(std::string_view key, std::string_view field) const override;

 private:
  const data::DataTable* mTable;
};

}  // namespace ct::layers
