// TimeSeries interpolation, the keyed TimeSeriesTable and time values.
#include "data/time_series.h"

#include <algorithm>
#include <cmath>

#include "core/time.h"

namespace ct::data {

void TimeSeries::add(double t, double value) {
  // upper_bound: after every sample at the same time, so the later one wins; appending in order is O(1).
  if (mSamples.empty() || t >= mSamples.back().t) {
    mSamples.push_back({t, value});
    return;
  }
  auto it = std::upper_bound(mSamples.begin(), mSamples.end(), t, [](double x, const Sample& s) { return x < s.t; });
  mSamples.insert(it, {t, value});
}

std::optional<double> TimeSeries::valueAt(double t, Interpolation interpolation, Extrapolation outside) const {
  if (mSamples.empty() || std::isnan(t)) return std::nullopt;
  if (t < mSamples.front().t) {
    if (outside == Extrapolation::NoData) return std::nullopt;
    return mSamples.front().value;
  }
  if (t > mSamples.back().t) {
    if (outside == Extrapolation::NoData) return std::nullopt;
    return mSamples.back().value;
  }
  // The last sample at or before t.
  auto it = std::upper_bound(mSamples.begin(), mSamples.end(), t, [](double x, const Sample& s) { return x < s.t; });
  const Sample& a = *(it - 1);
  if (interpolation == Interpolation::Step || it == mSamples.end()) return a.value;
  const Sample& b = *it;  // a.t <= t < b.t
  double f = (t - a.t) / (b.t - a.t);
  return a.value + (b.value - a.value) * f;
}

TimeSeries& TimeSeriesTable::series(std::string_view key, std::string_view field) {
  auto it = mKeyIndex.find(std::string(key));
  size_t k;
  if (it == mKeyIndex.end()) {
    k = mKeys.size();
    mKeys.emplace_back(key);
    mKeyIndex.emplace(mKeys.back(), k);
    mSeries.emplace_back(mFields.size());
  } else {
    k = it->second;
  }
  auto f = std::find(mFields.begin(), mFields.end(), field);
  size_t fi = static_cast<size_t>(f - mFields.begin());
  if (f == mFields.end()) {
    mFields.emplace_back(field);
    for (auto& row : mSeries) row.emplace_back();
  }
  return mSeries[k][fi];
}

const TimeSeries* TimeSeriesTable::find(std::string_view key, std::string_view field) const {
  auto it = mKeyIndex.find(std::string(key));
  auto f = std::find(mFields.begin(), mFields.end(), field);
  if (it == mKeyIndex.end() || f == mFields.end()) return nullptr;
  return &mSeries[it->second][static_cast<size_t>(f - mFields.begin())];
}

size_t TimeSeriesTable::sampleCount() const {
  size_t n = 0;
  for (const auto& row : mSeries)
    for (const auto& s : row) n += s.samples().size();
  return n;
}

std::pair<double, double> TimeSeriesTable::timeRange() const {
  bool any = false;
  double lo = 0.0, hi = 0.0;
  for (const auto& row : mSeries)
    for (const auto& s : row) {
      if (s.empty()) continue;
      double a = s.samples().front().t, b = s.samples().back().t;
      lo = any ? std::min(lo, a) : a;
      hi = any ? std::max(hi, b) : b;
      any = true;
    }
  return {lo, hi};
}

bool TimeSeriesTable::evaluate(double t, Interpolation interpolation, Extrapolation outside, DataTable& table) const {
  bool changed = false;
  std::vector<int> fieldIdx(mFields.size());
  for (size_t f = 0; f < mFields.size(); ++f) {
    if (table.findField(mFields[f]) < 0) changed = true;
    fieldIdx[f] = table.fieldIndex(mFields[f]);
  }
  for (size_t k = 0; k < mKeys.size(); ++k) {
    if (table.find(mKeys[k]) < 0) changed = true;
    uint32_t row = table.row(mKeys[k]);
    for (size_t f = 0; f < mFields.size(); ++f) {
      auto v = mSeries[k][f].valueAt(t, interpolation, outside);
      const Value* cur = table.get(row, fieldIdx[f]);
      if (!cur) continue;
      if (v) {
        if (cur->isNumber() && cur->number == *v) continue;
        table.setNumber(row, fieldIdx[f], *v);
      } else {
        if (cur->isNone()) continue;
        table.setNone(row, fieldIdx[f]);
      }
      changed = true;
    }
  }
  return changed;
}

Result<double> parseTimeValue(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (auto n = parseNumber(text); n && std::isfinite(*n)) return Result<double>::ok(*n);
  auto iso = parseIso8601(text);
  if (!iso) return Result<double>::fail("time \"" + std::string(text.substr(0, 60)) + "\" is neither Unix seconds nor ISO-8601 (" + iso.firstError() + ")");
  return Result<double>::ok(iso.value().unixSeconds);
}

}  // namespace ct::data
