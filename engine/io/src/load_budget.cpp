// Thread-local memory budget of the current load (see load_budget.h).
#include "load_budget.h"

namespace ct::io::detail {
namespace {

thread_local MemoryBudget* tCurrent = nullptr;

MemoryBudget& current() {
  static MemoryBudget fallback;  // loads outside loadGltf (tests of the converters) get the default limit
  return tCurrent ? *tCurrent : fallback;
}

}  // namespace

BudgetScope::BudgetScope(MemoryBudget& budget) : mPrevious(tCurrent) { tCurrent = &budget; }
BudgetScope::~BudgetScope() { tCurrent = mPrevious; }

bool chargeMemory(uint64_t bytes, std::string_view what, std::string& error) {
  return current().charge(bytes, what, error);
}

bool fitsMemory(uint64_t bytes, std::string_view what, std::string& error) {
  return current().fits(bytes, what, error);
}

}  // namespace ct::io::detail
