// CsvSource and GeoJsonSource: a file loaded into a table and reloaded when it changes on disk (checked at
// most every 0.5 s from poll()). A reload that fails keeps the previous table and records the error.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "data/csv.h"
#include "data/file_watch.h"
#include "data/geojson.h"
#include "data/source.h"

namespace ct::data {

// What the two file sources share: the watch, the status, the swap of a freshly loaded table.
class FileSource : public Source {
 public:
  const std::string& name() const override { return mName; }
  bool poll(double nowUnixSeconds) override;
  const DataTable& table() const override { return mTable; }
  SourceStatus status() const override;
  const std::filesystem::path& path() const { return mWatch.path(); }
  uint64_t reloads() const { return mReloads; }  // successful loads after the first

 protected:
  FileSource(std::string name, std::filesystem::path path, std::string kind, double watchIntervalSeconds);
  // Loads the file into a new table (and sets aside whatever else the source keeps).
  struct Loaded {
    DataTable table;
    uint64_t rowsRead = 0;
    uint64_t bad = 0;
    std::vector<SourceProblem> problems;  // with their location ("energy.csv:12", "zones.geojson: features[3]")
  };
  virtual Result<Loaded> loadFile() = 0;
  // Called after loadFile(): ok tells whether its result became the table (keep or drop what it set aside).
  virtual void adopt(bool ok) { (void)ok; }
  // First load; the error (file and location) when it fails.
  Result<bool> loadInitial(double nowUnixSeconds);
  ProblemLog mLog;

 private:
  bool apply(double nowUnixSeconds);

  std::string mName;
  std::string mKind;
  FileWatch mWatch;
  DataTable mTable;
  std::string mState = "waiting";
  std::string mLastError;
  uint64_t mRowsRead = 0;
  uint64_t mBad = 0;
  uint64_t mReloads = 0;
  double mLastUpdate = 0.0;
};

class CsvSource : public FileSource {
 public:
  // Loads the file now: the error (exit 2 on the command line) when the first load fails.
  static Result<std::unique_ptr<CsvSource>> open(std::string name, std::filesystem::path path, CsvOptions options,
                                                 double nowUnixSeconds = 0.0, double watchIntervalSeconds = 0.5);

 protected:
  Result<Loaded> loadFile() override;

 private:
  CsvSource(std::string name, std::filesystem::path path, CsvOptions options, double interval);
  CsvOptions mOptions;
};

class GeoJsonSource : public FileSource {
 public:
  static Result<std::unique_ptr<GeoJsonSource>> open(std::string name, std::filesystem::path path,
                                                     GeoJsonOptions options, double nowUnixSeconds = 0.0,
                                                     double watchIntervalSeconds = 0.5);
  // The features of the last good load (geometry for zones, lamps, ...).
  const std::vector<GeoJsonFeature>& features() const { return mFeatures; }

 protected:
  Result<Loaded> loadFile() override;
  void adopt(bool ok) override;

 private:
  GeoJsonSource(std::string name, std::filesystem::path path, GeoJsonOptions options, double interval);
  GeoJsonOptions mOptions;
  std::vector<GeoJsonFeature> mFeatures;
  std::vector<GeoJsonFeature> mPending;  // loaded, adopted together with the table
};

}  // namespace ct::data
