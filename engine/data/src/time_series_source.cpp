// TimeSeriesSource: series evaluated at the clock (or the time slider), reloaded when their file changes.
#include "data/time_series.h"

namespace ct::data {

Result<std::unique_ptr<TimeSeriesSource>> TimeSeriesSource::open(std::string name, std::filesystem::path path,
                                                                  TimeSeriesCsvOptions csv,
                                                                  TimeSeriesSourceOptions options,
                                                                  double watchIntervalSeconds) {
  using R = Result<std::unique_ptr<TimeSeriesSource>>;
  if (csv.location.empty()) csv.location = path.string();
  FileWatch watch(path, watchIntervalSeconds);
  watch.markSeen();
  auto loaded = loadTimeSeriesCsv(path, csv);
  if (!loaded) return R::fail(loaded.firstError());
  auto s = std::make_unique<TimeSeriesSource>(std::move(name), std::move(loaded.value().series), options);
  s->mWatch = std::move(watch);
  s->mCsv = std::move(csv);
  s->mRowsRead = loaded.value().rowsRead;
  s->mBad = loaded.value().badRows;
  for (const auto& p : loaded.value().problems)
    s->mLog.add(s->mCsv.location + ":" + std::to_string(p.line), p.message);
  return R::ok(std::move(s), loaded.warnings());
}

TimeSeriesSource::TimeSeriesSource(std::string name, TimeSeriesTable series, TimeSeriesSourceOptions options)
    : mName(std::move(name)), mSeries(std::move(series)), mOptions(options) {}

bool TimeSeriesSource::poll(double nowUnixSeconds) {
  if (mWatch && mWatch->changed(nowUnixSeconds)) {
    auto loaded = loadTimeSeriesCsv(mWatch->path(), mCsv);
    if (!loaded) {
      mLastError = loaded.firstError();
      mLog.add(mWatch->path().string(), "reload failed, previous data kept: " + mLastError, nowUnixSeconds);
      mState = "error (previous data kept)";
    } else {
      mSeries = std::move(loaded.value().series);
      mRowsRead = loaded.value().rowsRead;
      mBad = loaded.value().badRows;
      for (const auto& p : loaded.value().problems)
        mLog.add(mCsv.location + ":" + std::to_string(p.line), p.message, nowUnixSeconds);
      mLastError.clear();
      mState = "loaded";
      // Keys may have gone: start from an empty table.
      DataTable fresh;
      mTable.replaceWith(std::move(fresh));
      mSeriesChanged = true;
    }
  }
  const double t = mTimeOverride.value_or(nowUnixSeconds);
  if (!mSeriesChanged && mLastEvaluated && *mLastEvaluated == t) return false;
  mSeriesChanged = false;
  mLastEvaluated = t;
  bool changed = mSeries.evaluate(t, mOptions.interpolation, mOptions.outside, mTable);
  if (changed) mLastUpdate = nowUnixSeconds;
  return changed;
}

SourceStatus TimeSeriesSource::status() const {
  SourceStatus s;
  s.kind = "time-series";
  s.state = mState;
  s.rows = mTable.size();
  s.messages = mRowsRead;
  s.bad = mBad;
  s.lastUpdateUnixSeconds = mLastUpdate;
  s.lastError = mLastError;
  s.problems = mLog.recent();
  return s;
}

}  // namespace ct::data
