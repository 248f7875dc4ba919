// Fuzz target: CSV text through the data module's parsers (keyed table, long time series, replay recording).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data/csv.h"
#include "data/replay.h"
#include "data/time_series.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ct::data::CsvOptions options;
  options.key = "id";
  options.limits.maxFieldBytes = 4096;  // small limits so the limit paths are reached too
  options.limits.maxRows = 1000;
  options.limits.maxFields = 64;
  auto keyed = ct::data::parseCsv(text, options);
  options.key.clear();  // first column
  auto first = ct::data::parseCsv(text, options);
  if (first.ok()) {
    const auto& t = first.value().table;
    for (uint32_t r = 0; r < t.size(); ++r)
      for (size_t f = 0; f < t.fieldCount(); ++f) (void)t.number(r, static_cast<int>(f));
  }
  ct::data::TimeSeriesCsvOptions ts;
  ts.limits = options.limits;
  auto series = ct::data::parseTimeSeriesCsv(text, ts);
  if (series.ok()) {
    ct::data::DataTable table;
    series.value().series.evaluate(0.0, ct::data::Interpolation::Linear, ct::data::Extrapolation::Clamp, table);
  }
  auto replay = ct::data::parseReplayCsv(text, "fuzz.csv", options.limits);
  (void)keyed;
  (void)replay;
  return 0;
}
