// Replay of a recorded stream of (time, key, field, value) events at a chosen speed against poll()'s clock.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "data/csv.h"
#include "data/source.h"

namespace ct::data {

struct ReplayEvent {
  double t = 0.0;  // recorded time, Unix seconds
  std::string key;
  std::string field;
  Value value;  // a number, a text, or none (the value was cleared)
};

// CSV with columns time, key, field, value (time as Unix seconds or ISO-8601; value a number, a text, or empty
// for none). Bad rows are skipped, each a warning with its line. Events come back sorted by time (stable).
struct ReplayCsv {
  std::vector<ReplayEvent> events;
  uint64_t rowsRead = 0;
  uint64_t badRows = 0;
  std::vector<CsvRowProblem> problems;
};
Result<ReplayCsv> parseReplayCsv(std::string_view text, const std::string& location = "csv", CsvLimits limits = {});
Result<ReplayCsv> loadReplayCsv(const std::filesystem::path& path, CsvLimits limits = {});

struct ReplayOptions {
  double speed = 1.0;  // recorded seconds per clock second (> 0)
  std::optional<double> startTime;  // recorded time to start from; default: the first event's
  // Events before startTime are applied at once at the first poll (the state at startTime), or dropped.
  bool applyBeforeStart = true;
};

// The first poll() anchors the clock: recorded time = startTime + (now - firstPoll) * speed. Every event whose
// recorded time has passed is applied, in recorded order (ties in file order).
class ReplaySource : public Source {
 public:
  static Result<std::unique_ptr<ReplaySource>> create(std::string name, std::vector<ReplayEvent> events,
                                                      ReplayOptions options = {});

  const std::string& name() const override { return mName; }
  bool poll(double nowUnixSeconds) override;
  const DataTable& table() const override { return mTable; }
  SourceStatus status() const override;

  // Recorded time reached at the last poll (nullopt before the first).
  std::optional<double> recordedTime() const { return mRecordedNow; }
  size_t applied() const { return mNext; }  // events applied or dropped so far
  bool finished() const { return mNext >= mEvents.size(); }

 private:
  ReplaySource(std::string name, std::vector<ReplayEvent> events, ReplayOptions options);

  std::string mName;
  std::vector<ReplayEvent> mEvents;
  ReplayOptions mOptions;
  double mStart = 0.0;
  std::optional<double> mAnchor;  // clock time of the first poll
  std::optional<double> mRecordedNow;
  size_t mNext = 0;
  uint64_t mTotalApplied = 0;
  DataTable mTable;
  double mLastUpdate = 0.0;
};

}  // namespace ct::data
