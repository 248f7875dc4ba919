// Memory budget for loads, and byte sizes in options and messages.
#include "core/memory_budget.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ct {

uint64_t MemoryBudget::defaultLimit() {
  const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGE_SIZE);
  const uint64_t physical = pages > 0 && pageSize > 0 ? uint64_t(pages) * uint64_t(pageSize) : (8ull << 30);
  return std::min<uint64_t>(physical / 2, 16ull << 30);
}

namespace {
bool within(uint64_t used, uint64_t bytes, uint64_t limit) { return bytes <= limit && used <= limit - bytes; }
std::string overBudget(uint64_t bytes, uint64_t used, uint64_t limit, std::string_view what) {
  return std::string(what) + " needs " + formatBytes(bytes) + ", which exceeds the memory budget of " +
         formatBytes(limit) + " (" + formatBytes(used) + " in use; raise it with --max-memory)";
}
}  // namespace

bool MemoryBudget::fits(uint64_t bytes, std::string_view what, std::string& error) const {
  const uint64_t used = mUsed.load();
  if (within(used, bytes, mLimit)) return true;
  error = overBudget(bytes, used, mLimit, what);
  return false;
}

bool MemoryBudget::charge(uint64_t bytes, std::string_view what, std::string& error) {
  uint64_t used = mUsed.load();
  do {
    if (!within(used, bytes, mLimit)) {
      error = overBudget(bytes, used, mLimit, what);
      return false;
    }
  } while (!mUsed.compare_exchange_weak(used, used + bytes));
  return true;
}

void MemoryBudget::release(uint64_t bytes) {
  uint64_t used = mUsed.load();
  while (!mUsed.compare_exchange_weak(used, used - std::min(used, bytes))) {
  }
}

std::optional<uint64_t> parseByteSize(std::string_view text) {
  if (text.empty() || text.size() > 32) return std::nullopt;
  std::string s(text);
  char* end = nullptr;
  const double value = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(value) || value < 0.0) return std::nullopt;
  std::string_view suffix(end);
  if (!suffix.empty() && (suffix.back() == 'B' || suffix.back() == 'b')) suffix.remove_suffix(1);
  if (suffix.size() == 2 && (suffix[1] == 'i' || suffix[1] == 'I')) suffix.remove_suffix(1);
  double scale = 1.0;
  if (suffix.size() == 1) {
    switch (suffix[0]) {
      case 'k': case 'K': scale = 1024.0; break;
      case 'm': case 'M': scale = 1024.0 * 1024.0; break;
      case 'g': case 'G': scale = 1024.0 * 1024.0 * 1024.0; break;
      case 't': case 'T': scale = 1024.0 * 1024.0 * 1024.0 * 1024.0; break;
      default: return std::nullopt;
    }
  } else if (!suffix.empty()) {
    return std::nullopt;
  }
  const double bytes = value * scale;
  if (bytes >= 18446744073709551615.0) return std::nullopt;
  return static_cast<uint64_t>(bytes);
}

std::string formatBytes(uint64_t bytes) {
  static const char* kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double v = static_cast<double>(bytes);
  int unit = 0;
  while (v >= 1024.0 && unit < 6) {
    v /= 1024.0;
    ++unit;
  }
  char buf[48];
  if (unit == 0) std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  else std::snprintf(buf, sizeof buf, "%.1f %s", v, kUnits[unit]);
  return buf;
}

}  // namespace ct
