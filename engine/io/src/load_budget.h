// The memory budget of the load running on this thread. loadGltf sets it for the load's duration, so that every
// allocation the loader sizes from the file's numbers (accessors, vertices, images, feature rows) is checked
// against it before it is made, however deep in tinygltf's callbacks or the converters it happens.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/memory_budget.h"

namespace ct::io::detail {

class BudgetScope {
 public:
  explicit BudgetScope(MemoryBudget& budget);
  ~BudgetScope();
  BudgetScope(const BudgetScope&) = delete;
  BudgetScope& operator=(const BudgetScope&) = delete;

 private:
  MemoryBudget* mPrevious;
};

// Charges memory that the loaded scene keeps (vertices, indices, pixels, feature rows).
bool chargeMemory(uint64_t bytes, std::string_view what, std::string& error);
// Checks that a temporary of `bytes` fits next to what is charged, without charging it.
bool fitsMemory(uint64_t bytes, std::string_view what, std::string& error);

}  // namespace ct::io::detail
