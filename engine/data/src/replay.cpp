// Replay: the recorded-stream CSV and ReplaySource's clock.
#include "data/replay.h"

#include <algorithm>
#include <cmath>

#include "core/file.h"
#include "data/time_series.h"

namespace ct::data {

Result<ReplayCsv> parseReplayCsv(std::string_view text, const std::string& location, CsvLimits limits) {
  using R = Result<ReplayCsv>;
  text = stripBom(text);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return R::fail(location + ": empty file (no header row)");
  CsvReader reader(text, detectDelimiter(text), limits);
  CsvRecord rec;
  reader.next(rec);
  if (!rec.error.empty()) return R::fail(location + ":" + std::to_string(rec.line) + ": bad header row: " + rec.error);
  int col[4] = {-1, -1, -1, -1};
  const char* names[4] = {"time", "key", "field", "value"};
  for (size_t i = 0; i < rec.fields.size(); ++i)
    for (int c = 0; c < 4; ++c)
      if (rec.fields[i] == names[c]) col[c] = static_cast<int>(i);
  for (int c = 0; c < 4; ++c)
    if (col[c] < 0) return R::fail(location + ": no column \"" + names[c] + "\" (needs time, key, field, value)");
  const size_t columns = rec.fields.size();

  ReplayCsv out;
  std::vector<std::string> warnings;
  uint64_t unlisted = 0;
  auto bad = [&](uint64_t line, std::string msg) {
    ++out.badRows;
    if (out.problems.size() < CsvTable::kMaxListed) out.problems.push_back({line, msg});
    if (warnings.size() < 100) warnings.push_back(location + ":" + std::to_string(line) + ": " + msg);
    else ++unlisted;
  };
  while (reader.next(rec)) {
    ++out.rowsRead;
    if (!rec.error.empty()) { bad(rec.line, rec.error + "; row skipped"); continue; }
    if (rec.fields.size() != columns) {
      bad(rec.line, "expected " + std::to_string(columns) + " fields, found " + std::to_string(rec.fields.size()) +
                        "; row skipped");
      continue;
    }
    auto t = parseTimeValue(rec.fields[static_cast<size_t>(col[0])]);
    if (!t) { bad(rec.line, t.firstError() + "; row skipped"); continue; }
    ReplayEvent e;
    e.t = t.value();
    e.key = rec.fields[static_cast<size_t>(col[1])];
    e.field = rec.fields[static_cast<size_t>(col[2])];
    if (e.key.empty() || e.field.empty()) { bad(rec.line, "empty key or field; row skipped"); continue; }
    if (out.events.size() >= limits.maxRows)
      return R::fail(location + ":" + std::to_string(rec.line) + ": more than " + std::to_string(limits.maxRows) + " events");
    e.value = cellValue(rec.fields[static_cast<size_t>(col[3])]);
    out.events.push_back(std::move(e));
  }
  std::stable_sort(out.events.begin(), out.events.end(), [](const ReplayEvent& a, const ReplayEvent& b) { return a.t < b.t; });
  if (unlisted) warnings.push_back(location + ": " + std::to_string(unlisted) + " more problems not listed");
  return R::ok(std::move(out), std::move(warnings));
}

Result<ReplayCsv> loadReplayCsv(const std::filesystem::path& path, CsvLimits limits) {
  auto bytes = readFile(path, limits.maxFileBytes);
  if (!bytes) return Result<ReplayCsv>::fail(path.string() + ": " + bytes.firstError());
  std::string_view text(reinterpret_cast<const char*>(bytes.value().data()), bytes.value().size());
  return parseReplayCsv(text, path.string(), limits);
}

Result<std::unique_ptr<ReplaySource>> ReplaySource::create(std::string name, std::vector<ReplayEvent> events,
                                                           ReplayOptions options) {
  using R = Result<std::unique_ptr<ReplaySource>>;
  if (!(options.speed > 0.0) || !std::isfinite(options.speed))
    return R::fail("replay " + name + ": speed must be a positive number");
  if (options.startTime && !std::isfinite(*options.startTime))
    return R::fail("replay " + name + ": start time must be finite");
  return R::ok(std::unique_ptr<ReplaySource>(new ReplaySource(std::move(name), std::move(events), options)));
}

ReplaySource::ReplaySource(std::string name, std::vector<ReplayEvent> events, ReplayOptions options)
    : mName(std::move(name)), mEvents(std::move(events)), mOptions(options) {
  std::stable_sort(mEvents.begin(), mEvents.end(), [](const ReplayEvent& a, const ReplayEvent& b) { return a.t < b.t; });
  mStart = mOptions.startTime.value_or(mEvents.empty() ? 0.0 : mEvents.front().t);
}

bool ReplaySource::poll(double now) {
  bool changed = false;
  if (!mAnchor) {
    mAnchor = now;
    if (!mOptions.applyBeforeStart)
      while (mNext < mEvents.size() && mEvents[mNext].t < mStart) ++mNext;
  }
  double recorded = mStart + (now - *mAnchor) * mOptions.speed;
  mRecordedNow = recorded;
  while (mNext < mEvents.size() && mEvents[mNext].t <= recorded) {
    const ReplayEvent& e = mEvents[mNext++];
    mTable.set(mTable.row(e.key), mTable.fieldIndex(e.field), e.value);
    ++mTotalApplied;
    changed = true;
  }
  if (changed) mLastUpdate = now;
  return changed;
}

SourceStatus ReplaySource::status() const {
  SourceStatus s;
  s.kind = "replay";
  s.state = !mAnchor ? "waiting" : finished() ? "finished" : "playing";
  s.rows = mTable.size();
  s.messages = mTotalApplied;
  s.lastUpdateUnixSeconds = mLastUpdate;
  return s;
}

}  // namespace ct::data
