// FileSource (watch, reload, status) and its CSV and GeoJSON loaders.
#include "data/file_source.h"

namespace ct::data {

FileSource::FileSource(std::string name, std::filesystem::path path, std::string kind, double interval)
    : mName(std::move(name)), mKind(std::move(kind)), mWatch(std::move(path), interval) {}

Result<bool> FileSource::loadInitial(double nowUnixSeconds) {
  mWatch.markSeen();
  if (!apply(nowUnixSeconds)) return Result<bool>::fail(mLastError);
  return Result<bool>::ok(true);
}

bool FileSource::apply(double nowUnixSeconds) {
  auto loaded = loadFile();
  adopt(loaded.ok());
  if (!loaded) {
    // Keep the previous table: a half-written or broken file must not blank the city.
    mLastError = loaded.firstError();
    mLog.add(path().string(), "reload failed, previous data kept: " + mLastError, nowUnixSeconds);
    mState = mTable.size() > 0 || mReloads > 0 ? "error (previous data kept)" : "error";
    return false;
  }
  for (auto& p : loaded.value().problems) mLog.add(std::move(p.location), std::move(p.message), nowUnixSeconds);
  const bool first = mState == "waiting";
  mTable.replaceWith(std::move(loaded.value().table));
  mRowsRead = loaded.value().rowsRead;
  mBad = loaded.value().bad;
  mLastError.clear();
  mState = "loaded";
  mLastUpdate = nowUnixSeconds;
  if (!first) ++mReloads;
  return true;
}

bool FileSource::poll(double nowUnixSeconds) {
  if (!mWatch.changed(nowUnixSeconds)) return false;
  return apply(nowUnixSeconds);
}

SourceStatus FileSource::status() const {
  SourceStatus s;
  s.kind = mKind;
  s.state = mState;
  s.rows = mTable.size();
  s.messages = mRowsRead;
  s.bad = mBad;  // of the file as last loaded
  s.lastUpdateUnixSeconds = mLastUpdate;
  s.lastError = mLastError;
  s.problems = mLog.recent();
  return s;
}

CsvSource::CsvSource(std::string name, std::filesystem::path path, CsvOptions options, double interval)
    : FileSource(std::move(name), std::move(path), "csv", interval), mOptions(std::move(options)) {}

Result<std::unique_ptr<CsvSource>> CsvSource::open(std::string name, std::filesystem::path path, CsvOptions options,
                                                   double nowUnixSeconds, double watchIntervalSeconds) {
  std::unique_ptr<CsvSource> s(new CsvSource(std::move(name), std::move(path), std::move(options), watchIntervalSeconds));
  auto r = s->loadInitial(nowUnixSeconds);
  if (!r) return Result<std::unique_ptr<CsvSource>>::fail(r.firstError());
  return Result<std::unique_ptr<CsvSource>>::ok(std::move(s));
}

Result<FileSource::Loaded> CsvSource::loadFile() {
  auto csv = loadCsv(path(), mOptions);
  if (!csv) return Result<Loaded>::fail(csv.firstError(), csv.warnings());
  Loaded l;
  l.rowsRead = csv.value().rowsRead;
  l.bad = csv.value().badRows;
  l.table = std::move(csv.value().table);
  const auto& problems = csv.value().problems;
  // The log keeps the most recent ones only.
  for (size_t i = problems.size() > SourceStatus::kMaxProblems ? problems.size() - SourceStatus::kMaxProblems : 0;
       i < problems.size(); ++i)
    l.problems.push_back({path().string() + ":" + std::to_string(problems[i].line), problems[i].message, 0.0});
  return Result<Loaded>::ok(std::move(l), csv.warnings());
}

GeoJsonSource::GeoJsonSource(std::string name, std::filesystem::path path, GeoJsonOptions options, double interval)
    : FileSource(std::move(name), std::move(path), "geojson", interval), mOptions(std::move(options)) {}

Result<std::unique_ptr<GeoJsonSource>> GeoJsonSource::open(std::string name, std::filesystem::path path,
                                                           GeoJsonOptions options, double nowUnixSeconds,
                                                           double watchIntervalSeconds) {
  std::unique_ptr<GeoJsonSource> s(
      new GeoJsonSource(std::move(name), std::move(path), std::move(options), watchIntervalSeconds));
  auto r = s->loadInitial(nowUnixSeconds);
  if (!r) return Result<std::unique_ptr<GeoJsonSource>>::fail(r.firstError());
  return Result<std::unique_ptr<GeoJsonSource>>::ok(std::move(s));
}

Result<FileSource::Loaded> GeoJsonSource::loadFile() {
  auto doc = loadGeoJson(path(), mOptions);
  if (!doc) return Result<Loaded>::fail(doc.firstError(), doc.warnings());
  Loaded l;
  l.rowsRead = doc.value().featuresRead;
  l.bad = doc.value().badFeatures;
  l.table = std::move(doc.value().table);
  mPending = std::move(doc.value().features);
  const auto& problems = doc.value().problems;
  for (size_t i = problems.size() > SourceStatus::kMaxProblems ? problems.size() - SourceStatus::kMaxProblems : 0;
       i < problems.size(); ++i)
    l.problems.push_back({path().string() + ": " + problems[i].path, problems[i].message, 0.0});
  return Result<Loaded>::ok(std::move(l), doc.warnings());
}

void GeoJsonSource::adopt(bool ok) {
  if (ok) mFeatures = std::move(mPending);
  mPending.clear();
}

}  // namespace ct::data
