// Source: the interface every data source implements (CSV, GeoJSON, time series, replay, MQTT), its status
// report, and the join of a source's table to the scene's features by key.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "data/table.h"

namespace ct::data {

// A problem met while reading: where (a file and row "energy.csv:12", a JSON path, an MQTT topic) and what.
struct SourceProblem {
  std::string location;
  std::string message;
  double unixSeconds = 0.0;  // when it was met (0 when unknown)
  std::string text() const { return location.empty() ? message : location + ": " + message; }
};

struct SourceStatus {
  static constexpr size_t kMaxProblems = 20;

  std::string kind;   // "csv", "geojson", "time-series", "replay", "mqtt"
  std::string state;  // "loaded", "connected", "reconnecting", "waiting", "error", ...
  uint64_t rows = 0;       // rows (keys) in the table
  uint64_t messages = 0;   // rows read or messages received, in total
  uint64_t bad = 0;        // bad rows or messages, in total (each also reported in problems while recent)
  double lastUpdateUnixSeconds = 0.0;  // when the table last changed (0: never)
  std::string lastError;   // the error that put it in "error" (or a failed reload), empty when none
  std::vector<SourceProblem> problems;  // the most recent problems, oldest first, at most kMaxProblems
};

// Keeps the most recent kMaxProblems problems and counts all of them; sources embed one.
class ProblemLog {
 public:
  void add(std::string location, std::string message, double unixSeconds = 0.0);
  void clear() { mRecent.clear(); }
  uint64_t total() const { return mTotal; }
  std::vector<SourceProblem> recent() const { return {mRecent.begin(), mRecent.end()}; }

 private:
  std::deque<SourceProblem> mRecent;
  uint64_t mTotal = 0;
};

// Implementations never throw out of these and never block: file reads are small and polled; network input
// arrives on its own thread and is applied in poll().
class Source {
 public:
  virtual ~Source() = default;
  virtual const std::string& name() const = 0;
  // Called once per frame on the frame thread: applies whatever arrived or became due by nowUnixSeconds.
  // Returns true when table() changed.
  virtual bool poll(double nowUnixSeconds) = 0;
  virtual const DataTable& table() const = 0;
  virtual SourceStatus status() const = 0;
};

// Per feature (in the scene's feature order) the table row holding its data, or -1.
struct JoinResult {
  static constexpr size_t kMaxListed = 20;

  std::vector<int64_t> rowOfFeature;
  size_t matched = 0;              // features with a row
  size_t featuresWithoutData = 0;  // features with no row
  size_t unmatchedKeys = 0;        // table keys that name no feature
  std::vector<std::string> unmatchedKeyList;  // the first kMaxListed of those, in table row order
};

// Joins once. Keys are compared exactly (case and blanks matter).
JoinResult joinByKey(const std::vector<std::string>& featureKeys, const DataTable& table);

// A join that is redone only when the feature keys or the table's key set change (DataTable::keySetId()):
// a source whose values change but whose keys do not costs nothing here.
class KeyJoin {
 public:
  // Replaces the feature keys (forces a new join at the next update()).
  void setFeatureKeys(std::vector<std::string> featureKeys);
  const std::vector<std::string>& featureKeys() const { return mFeatureKeys; }
  // The join for table, recomputed when needed; recomputed() tells whether this call did.
  const JoinResult& update(const DataTable& table);
  bool recomputed() const { return mRecomputed; }
  const JoinResult& result() const { return mResult; }

 private:
  std::vector<std::string> mFeatureKeys;
  JoinResult mResult;
  uint64_t mKeySetId = 0;
  bool mValid = false;
  bool mRecomputed = false;
};

}  // namespace ct::data
