// Time series from CSV: the long format (time, key, values) and the Cambridge estates' hourly profiles.
#include <algorithm>

#include "core/file.h"
#include "data/time_series.h"

namespace ct::data {

namespace {
constexpr size_t kMaxWarnings = 100;


// Collects row problems: all counted, the first ones listed and turned into warnings.
struct RowProblems {
  std::string loc;
  std::vector<CsvRowProblem>* list;
  std::vector<std::string> warnings;
  uint64_t unlisted = 0;
  void add(uint64_t line, std::string msg) {
    if (list && list->size() < CsvTable::kMaxListed) list->push_back({line, msg});
    if (warnings.size() < kMaxWarnings) warnings.push_back(loc + ":" + std::to_string(line) + ": " + msg);
    else ++unlisted;
  }
  std::vector<std::string> finish() {
    if (unlisted) warnings.push_back(loc + ": " + std::to_string(unlisted) + " more problems not listed");
    return std::move(warnings);
  }
};

int columnOf(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}
}  // namespace

Result<TimeSeriesCsv> parseTimeSeriesCsv(std::string_view text, const TimeSeriesCsvOptions& options) {
  using R = Result<TimeSeriesCsv>;
  const std::string loc = options.location.empty() ? std::string("csv") : options.location;
  text = stripBom(text);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return R::fail(loc + ": empty file (no header row)");
  CsvReader reader(text, detectDelimiter(text), options.limits);
  CsvRecord rec;
  if (!reader.next(rec)) return R::fail(loc + ": empty file (no header row)");
  if (!rec.error.empty()) return R::fail(loc + ":" + std::to_string(rec.line) + ": bad header row: " + rec.error);
  std::vector<std::string> header;
  for (const auto& h : rec.fields) header.push_back(trimBlanks(h));
  const int timeCol = columnOf(header, options.timeColumn);
  const int keyCol = columnOf(header, options.keyColumn);
  if (timeCol < 0) return R::fail(loc + ": no time column \"" + options.timeColumn + "\"");
  if (keyCol < 0) return R::fail(loc + ": no key column \"" + options.keyColumn + "\"");
  std::vector<int> valueCols;
  if (options.valueColumns.empty()) {
    for (size_t i = 0; i < header.size(); ++i)
      if (static_cast<int>(i) != timeCol && static_cast<int>(i) != keyCol) valueCols.push_back(static_cast<int>(i));
  } else {
    for (const auto& v : options.valueColumns) {
      int c = columnOf(header, v);
      if (c < 0) return R::fail(loc + ": no value column \"" + v + "\"");
      valueCols.push_back(c);
    }
  }
  if (valueCols.empty()) return R::fail(loc + ": no value columns besides time and key");

  TimeSeriesCsv out;
  RowProblems problems{loc, &out.problems, {}, 0};
  uint64_t samples = 0;
  while (reader.next(rec)) {
    ++out.rowsRead;
    auto bad = [&](std::string msg) {
      ++out.badRows;
      problems.add(rec.line, std::move(msg));
    };
    if (!rec.error.empty()) { bad(rec.error + "; row skipped"); continue; }
    if (rec.fields.size() != header.size()) {
      bad("expected " + std::to_string(header.size()) + " fields, found " + std::to_string(rec.fields.size()) +
          "; row skipped");
      continue;
    }
    auto t = parseTimeValue(rec.fields[static_cast<size_t>(timeCol)]);
    if (!t) { bad(t.firstError() + "; row skipped"); continue; }
    const std::string& key = rec.fields[static_cast<size_t>(keyCol)];
    if (key.empty()) { bad("empty key; row skipped"); continue; }
    bool rowBad = false;
    for (int c : valueCols) {
      const std::string& cell = rec.fields[static_cast<size_t>(c)];
      if (trimBlanks(cell).empty()) continue;  // no data at this time
      auto v = parseNumber(cell);
      if (!v) {
        if (!rowBad) bad("value \"" + cell.substr(0, 40) + "\" in column \"" + header[static_cast<size_t>(c)] +
                         "\" is not a number; sample skipped");
        rowBad = true;
        continue;
      }
      if (++samples > options.limits.maxRows)
        return R::fail(loc + ":" + std::to_string(rec.line) + ": more than " + std::to_string(options.limits.maxRows) +
                       " samples");
      out.series.series(key, header[static_cast<size_t>(c)]).add(t.value(), *v);
    }
  }
  return R::ok(std::move(out), problems.finish());
}

Result<TimeSeriesCsv> loadTimeSeriesCsv(const std::filesystem::path& path, TimeSeriesCsvOptions options) {
  if (options.location.empty()) options.location = path.string();
  auto bytes = readFile(path, options.limits.maxFileBytes);
  if (!bytes) return Result<TimeSeriesCsv>::fail(options.location + ": " + bytes.firstError());
  std::string_view text(reinterpret_cast<const char*>(bytes.value().data()), bytes.value().size());
  return parseTimeSeriesCsv(text, options);
}

Result<TimeSeriesTable> loadCambridgeProfiles(const std::filesystem::path& dir, std::string_view carrier, int year) {
  using R = Result<TimeSeriesTable>;
  std::error_code ec;
  std::vector<std::filesystem::path> folders;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_directory(ec) && entry.path().filename().string().rfind("UCam_Building_", 0) == 0)
      folders.push_back(entry.path());
  if (ec) return R::fail(dir.string() + ": cannot list: " + ec.message());
  std::sort(folders.begin(), folders.end());
  TimeSeriesTable out;
  std::vector<std::string> warnings;
  size_t loaded = 0;
  for (const auto& folder : folders) {
    auto file = folder / std::string(carrier) / (std::to_string(year) + ".csv");
    if (!std::filesystem::exists(file, ec)) continue;  // not every building has every carrier
    auto bytes = readFile(file, uint64_t(64) << 20);
    if (!bytes) return R::fail(file.string() + ": " + bytes.firstError());
    std::string_view text(reinterpret_cast<const char*>(bytes.value().data()), bytes.value().size());
    text = stripBom(text);
    CsvReader reader(text, ',');
    CsvRecord rec;
    if (!reader.next(rec) || rec.fields.size() < 2 || trimBlanks(rec.fields[0]) != "datetime")
      return R::fail(file.string() + ":1: expected a header \"datetime,<energy> [kWh]\"");
    const std::string key = folder.filename().string();
    TimeSeries& series = out.series(key, carrier);
    RowProblems problems{file.string(), nullptr, {}, 0};
    while (reader.next(rec)) {
      if (!rec.error.empty() || rec.fields.size() < 2) { problems.add(rec.line, "malformed row; skipped"); continue; }
      auto t = parseTimeValue(rec.fields[0]);
      auto v = parseNumber(rec.fields[1]);
      if (!t) { problems.add(rec.line, t.firstError() + "; row skipped"); continue; }
      if (!v) { if (!trimBlanks(rec.fields[1]).empty()) problems.add(rec.line, "value is not a number; row skipped"); continue; }
      series.add(t.value(), *v);
    }
    auto w = problems.finish();
    warnings.insert(warnings.end(), w.begin(), w.end());
    ++loaded;
  }
  if (loaded == 0)
    return R::fail(dir.string() + ": no UCam_Building_*/" + std::string(carrier) + "/" + std::to_string(year) + ".csv");
  return R::ok(std::move(out), std::move(warnings));
}

}  // namespace ct::data
