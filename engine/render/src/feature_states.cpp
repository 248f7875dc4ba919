// Feature styles in the layout the shaders read, and the dirty ranges of each frame in flight.
#include "feature_states.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <type_traits>

namespace ct::render {
namespace {

static_assert(std::is_standard_layout_v<FeatureStyle> && std::is_standard_layout_v<shader::FeatureState>);
static_assert(sizeof(FeatureStyle) == sizeof(shader::FeatureState));
static_assert(offsetof(FeatureStyle, tint) == offsetof(shader::FeatureState, tint));
static_assert(offsetof(FeatureStyle, value) == offsetof(shader::FeatureState, value));
static_assert(offsetof(FeatureStyle, flags) == offsetof(shader::FeatureState, flags));
static_assert(offsetof(FeatureStyle, reserved) == offsetof(shader::FeatureState, reserved0));
static_assert(kFeatureHidden == shader::kFeatureHidden && kFeatureUnlit == shader::kFeatureUnlit &&
              kFeatureNoData == shader::kFeatureNoData && kFeatureFlooded == shader::kFeatureFlooded &&
              kFeatureSelected == shader::kFeatureSelected);

// Past this many separate ranges a consumer's ranges collapse into their union: one longer copy beats many.
constexpr size_t kMaxRanges = 32;

}  // namespace

shader::FeatureState packFeatureStyle(const FeatureStyle& style) {
  shader::FeatureState s;
  std::memcpy(&s, &style, sizeof s);
  return s;
}

FeatureStates::FeatureStates(size_t rows, size_t consumers)
    : mRows(rows > 0 ? rows : 1), mCount(rows), mDirty(std::max<size_t>(consumers, 1)) {
  for (auto& d : mDirty) d = {{0, mRows.size()}};
}

bool FeatureStates::set(uint32_t row, const FeatureStyle& style) { return set(row, &style, 1) == 1; }

size_t FeatureStates::set(uint32_t firstRow, const FeatureStyle* styles, size_t count) {
  if (firstRow >= mCount || count == 0 || !styles) return 0;
  const size_t n = std::min(count, mCount - firstRow);
  std::memcpy(&mRows[firstRow], styles, n * sizeof(shader::FeatureState));
  markDirty(firstRow, firstRow + n);
  return n;
}

void FeatureStates::clear() {
  std::fill(mRows.begin(), mRows.end(), shader::FeatureState{});
  markDirty(0, mRows.size());
}

void FeatureStates::normalize(std::vector<std::pair<size_t, size_t>>& ranges) {
  std::sort(ranges.begin(), ranges.end());
  size_t out = 0;
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (out > 0 && ranges[i].first <= ranges[out - 1].second)
      ranges[out - 1].second = std::max(ranges[out - 1].second, ranges[i].second);
    else
      ranges[out++] = ranges[i];
  }
  ranges.resize(out);
  if (ranges.size() > kMaxRanges) ranges = {{ranges.front().first, ranges.back().second}};
}

void FeatureStates::markDirty(size_t begin, size_t end) {
  for (auto& d : mDirty) {
    d.emplace_back(begin, end);
    if (d.size() > kMaxRanges) normalize(d);
  }
}

std::vector<std::pair<size_t, size_t>> FeatureStates::pending(size_t consumer) {
  auto& d = mDirty.at(consumer);
  normalize(d);
  return d;
}

size_t FeatureStates::flush(size_t consumer, void* dst) {
  auto& d = mDirty.at(consumer);
  normalize(d);
  size_t copied = 0;
  auto* out = static_cast<shader::FeatureState*>(dst);
  for (auto [begin, end] : d) {
    std::memcpy(out + begin, mRows.data() + begin, (end - begin) * sizeof(shader::FeatureState));
    copied += end - begin;
  }
  d.clear();
  return copied;
}

}  // namespace ct::render
