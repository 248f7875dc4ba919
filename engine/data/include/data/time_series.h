// Time series: per key and field, samples (t, value) and the value at any time t (step or linear, clamped or no
// data outside); their CSV loader, the loader for the Cambridge estates' hourly profiles, and TimeSeriesSource.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "data/csv.h"
#include "data/file_watch.h"
#include "data/source.h"

namespace ct::data {

enum class Interpolation { Step, Linear };    // step: the last sample at or before t holds until the next
enum class Extrapolation { Clamp, NoData };   // before the first / after the last sample

struct Sample {
  double t = 0.0;  // Unix seconds
  double value = 0.0;
};

class TimeSeries {
 public:
  // Samples may come in any order; equal times keep their order (the later one wins at that time).
  void add(double t, double value);
  std::optional<double> valueAt(double t, Interpolation interpolation, Extrapolation outside) const;
  const std::vector<Sample>& samples() const { return mSamples; }
  bool empty() const { return mSamples.empty(); }

 private:
  std::vector<Sample> mSamples;  // sorted by t
};

// Series by key and field (every key has a slot for every field; a slot may be empty).
class TimeSeriesTable {
 public:
  TimeSeries& series(std::string_view key, std::string_view field);  // adds the key or field when missing
  const TimeSeries* find(std::string_view key, std::string_view field) const;
  const std::vector<std::string>& keys() const { return mKeys; }
  const std::vector<std::string>& fields() const { return mFields; }
  size_t sampleCount() const;
  // Earliest and latest sample time (0, 0 when there is none).
  std::pair<double, double> timeRange() const;
  // Writes every series' value at t into table (row per key, field per field; none where there is no value),
  // setting only cells that differ. True when any cell changed.
  bool evaluate(double t, Interpolation interpolation, Extrapolation outside, DataTable& table) const;

 private:
  std::vector<std::string> mKeys;
  std::vector<std::string> mFields;
  std::unordered_map<std::string, size_t> mKeyIndex;
  std::vector<std::vector<TimeSeries>> mSeries;  // [key][field]
};

// A time as Unix seconds: a number ("1561939200", "1.5e9") or ISO-8601 ("2019-07-01T00:00Z", "2019-07-01
// 00:00:00"); the error says why neither fits.
Result<double> parseTimeValue(std::string_view text);

struct TimeSeriesCsvOptions {
  std::string timeColumn = "time";
  std::string keyColumn = "key";
  std::vector<std::string> valueColumns;  // empty: every column but time and key
  std::string location;                   // for messages; empty: "csv"
  CsvLimits limits;
};

// Long format: one row per (time, key) with one or more value columns. Bad rows (field count, time, empty key)
// are skipped and a non-numeric value skips that sample; each is a warning with its line ("f.csv:7: ...").
struct TimeSeriesCsv {
  TimeSeriesTable series;
  uint64_t rowsRead = 0;
  uint64_t badRows = 0;  // rows skipped, and rows with a value skipped
  std::vector<CsvRowProblem> problems;  // the first CsvTable::kMaxListed
};
Result<TimeSeriesCsv> parseTimeSeriesCsv(std::string_view text, const TimeSeriesCsvOptions& options);
Result<TimeSeriesCsv> loadTimeSeriesCsv(const std::filesystem::path& path, TimeSeriesCsvOptions options);

// The Cambridge University estates' processed profiles: <dir>/UCam_Building_*/<carrier>/<year>.csv, columns
// "datetime" (local clock time, read as UTC) and one hourly energy column (kWh). One series per building folder:
// key = the folder name ("UCam_Building_b0"), field = carrier ("electricity" or "gas").
Result<TimeSeriesTable> loadCambridgeProfiles(const std::filesystem::path& processedDataDir,
                                              std::string_view carrier = "electricity", int year = 2019);

struct TimeSeriesSourceOptions {
  Interpolation interpolation = Interpolation::Linear;
  Extrapolation outside = Extrapolation::NoData;
};

// A table holding every series' value at poll()'s time (or at the time set by setTime, the time slider).
// Loaded from a CSV file (reloaded when it changes) or given series.
class TimeSeriesSource : public Source {
 public:
  static Result<std::unique_ptr<TimeSeriesSource>> open(std::string name, std::filesystem::path path,
                                                        TimeSeriesCsvOptions csv, TimeSeriesSourceOptions options = {},
                                                        double watchIntervalSeconds = 0.5);
  TimeSeriesSource(std::string name, TimeSeriesTable series, TimeSeriesSourceOptions options = {});

  // Evaluate at this time instead of poll()'s clock (nullopt: follow the clock again).
  void setTime(std::optional<double> unixSeconds) { mTimeOverride = unixSeconds; }
  const TimeSeriesTable& series() const { return mSeries; }

  const std::string& name() const override { return mName; }
  bool poll(double nowUnixSeconds) override;
  const DataTable& table() const override { return mTable; }
  SourceStatus status() const override;

 private:
  std::string mName;
  TimeSeriesTable mSeries;
  TimeSeriesSourceOptions mOptions;
  std::optional<FileWatch> mWatch;
  TimeSeriesCsvOptions mCsv;
  std::optional<double> mTimeOverride;
  std::optional<double> mLastEvaluated;
  bool mSeriesChanged = true;
  DataTable mTable;
  ProblemLog mLog;
  std::string mState = "loaded";
  std::string mLastError;
  uint64_t mRowsRead = 0;
  uint64_t mBad = 0;
  double mLastUpdate = 0.0;
};

}  // namespace ct::data
