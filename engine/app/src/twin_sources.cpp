// The twin's data sources: one data::Source per scene source (CSV, GeoJSON, time series, replay, MQTT; GeoPackage
// and Shapefile attributes through GDAL), each seen by the layers as a ValueTable.
#include <cstdio>
#include <cstdlib>

#include "data/csv.h"
#include "data/file_source.h"
#include "data/geojson.h"
#include "data/mqtt_source.h"
#include "data/replay.h"
#include "data/time_series.h"
#include "io/gis.h"
#include "twin.h"
#include "twin_internal.h"

namespace ct::app {
namespace {

// A source's table as the layers read it.
class DataTableView : public layers::ValueTable {
 public:
  explicit DataTableView(const data::Source& source) : mSource(source) {}
  uint64_t version() const override { return mSource.table().version(); }
  size_t keyCount() const override { return mSource.table().size(); }
  layers::Cell get(std::string_view key, std::string_view field) const override {
    const data::DataTable& t = mSource.table();
    layers::Cell cell;
    const int64_t row = t.find(key);
    if (row < 0) return cell;
    cell.state = layers::Cell::State::NoValue;
    const int f = t.findField(field);
    if (f < 0) return cell;
    const data::Value* v = t.get(static_cast<uint32_t>(row), f);
    if (!v || v->isNone()) return cell;
    if (v->isNumber()) {
      cell.state = layers::Cell::State::Number;
      cell.number = v->number;
    } else {
      cell.state = layers::Cell::State::Text;
      cell.text = v->text;
    }
    return cell;
  }

 private:
  const data::Source& mSource;
};

// A GeoPackage/Shapefile layer's attributes as a fixed table (not reloaded).
class StaticSource : public data::Source {
 public:
  StaticSource(std::string name, data::DataTable table) : mName(std::move(name)), mTable(std::move(table)) {}
  const std::string& name() const override { return mName; }
  bool poll(double) override { return false; }
  const data::DataTable& table() const override { return mTable; }
  data::SourceStatus status() const override {
    data::SourceStatus s;
    s.kind = "vector";
    s.state = "loaded";
    s.rows = mTable.size();
    return s;
  }

 private:
  std::string mName;
  data::DataTable mTable;
};

Result<std::unique_ptr<data::Source>> vectorSource(const scene::SourceSpec& spec) {
  auto layer = io::readVector(spec.path, {.layer = spec.layer, .keyField = spec.key});
  if (!layer) return Result<std::unique_ptr<data::Source>>::fail(layer.firstError());
  data::DataTable table;
  std::vector<int> fields;
  for (const io::VectorField& f : layer->fields) fields.push_back(table.fieldIndex(f.name));
  for (const io::VectorFeature& f : layer->features) {
    const uint32_t row = table.row(f.key);
    for (size_t i = 0; i < f.values.size() && i < fields.size(); ++i) {
      const scene::PropertyValue& v = f.values[i];
      if (auto* d = std::get_if<double>(&v)) table.setNumber(row, fields[i], *d);
      else if (auto* n = std::get_if<int64_t>(&v)) table.setNumber(row, fields[i], double(*n));
      else if (auto* s = std::get_if<std::string>(&v)) table.setText(row, fields[i], *s);
    }
  }
  std::unique_ptr<data::Source> source = std::make_unique<StaticSource>(spec.name, std::move(table));
  return Result<std::unique_ptr<data::Source>>::ok(std::move(source), layer.warnings());
}

template <typename T>
Result<std::unique_ptr<data::Source>> upcast(Result<std::unique_ptr<T>> r) {
  if (!r) return Result<std::unique_ptr<data::Source>>::fail(r.firstError(), r.warnings());
  std::unique_ptr<data::Source> s = std::move(r.value());
  return Result<std::unique_ptr<data::Source>>::ok(std::move(s), r.warnings());
}

Result<std::unique_ptr<data::Source>> openSource(const scene::SourceSpec& spec, double now) {
  using SourceType = scene::SourceType;
  const std::string location = spec.path;
  switch (spec.type) {
    case SourceType::Csv:
      return upcast(data::CsvSource::open(spec.name, spec.path, {.key = spec.key, .location = location}, now,
                                          spec.watch ? 0.5 : 1e12));
    case SourceType::GeoJson:
      return upcast(data::GeoJsonSource::open(spec.name, spec.path, {.key = spec.key, .location = location}, now,
                                              spec.watch ? 0.5 : 1e12));
    case SourceType::GeoPackage:
    case SourceType::Shapefile:
      return vectorSource(spec);
    case SourceType::TimeSeries: {
      data::TimeSeriesCsvOptions csv;
      csv.timeColumn = spec.timeField;
      if (!spec.key.empty()) csv.keyColumn = spec.key;
      if (!spec.value.empty()) csv.valueColumns = {spec.value};
      csv.location = location;
      data::TimeSeriesSourceOptions o;
      o.interpolation = spec.interpolation == scene::Interpolation::Linear ? data::Interpolation::Linear
                                                                          : data::Interpolation::Step;
      return upcast(data::TimeSeriesSource::open(spec.name, spec.path, csv, o));
    }
    case SourceType::Replay: {
      auto csv = data::loadReplayCsv(spec.path);
      if (!csv) return Result<std::unique_ptr<data::Source>>::fail(csv.firstError());
      data::ReplayOptions o;
      o.speed = spec.speed;
      (void)spec.loop;  // looping is not offered by ReplaySource yet
      return upcast(data::ReplaySource::create(spec.name, std::move(csv->events), o));
    }
    case SourceType::Mqtt: {
      data::MqttOptions o;
      o.name = spec.name;
      o.url = spec.url;
      o.topic = spec.topic;
      o.key = spec.keyTopicLevel >= 0 ? "topic:" + std::to_string(spec.keyTopicLevel) : "field:" + spec.key;
      o.value = spec.value.empty() ? "value" : spec.value;
      o.qos = spec.qos;
      o.username = spec.username;
      o.password = spec.password;
      if (!spec.passwordEnv.empty())
        if (const char* p = std::getenv(spec.passwordEnv.c_str())) o.password = p;
      o.tls.caFile = spec.tls.caFile;
      o.tls.certFile = spec.tls.certFile;
      o.tls.keyFile = spec.tls.keyFile;
      o.tls.insecure = spec.tls.insecure;
      o.reconnectMinSeconds = std::max(1, int(spec.reconnectMinS));
      o.reconnectMaxSeconds = std::max(o.reconnectMinSeconds, int(spec.reconnectMaxS));
      return upcast(data::MqttSource::create(std::move(o)));
    }
  }
  return Result<std::unique_ptr<data::Source>>::fail("unknown source type");
}

}  // namespace

Twin::SourceHolder::SourceHolder(std::unique_ptr<data::Source> s) : source(std::move(s)) {
  view = std::make_unique<DataTableView>(*source);
}
Twin::SourceHolder::~SourceHolder() = default;

bool Twin::openSources(const TwinOptions& options, std::string& error) {
  const double now = nowUnixSeconds();
  for (const scene::SourceSpec& spec : mSpec.sources) {
    if (spec.type == scene::SourceType::Mqtt && !options.connectLive) continue;
    auto source = openSource(spec, now);
    for (const std::string& w : source.warnings()) mWarnings.push_back("source '" + spec.name + "': " + w);
    if (!source) {
      error = where("source '" + spec.name + "': " + source.firstError());
      return false;
    }
    mSources.push_back(std::make_unique<SourceHolder>(std::move(source.value())));
    mSources.back()->spec = spec;
  }
  return true;
}

const Twin::SourceHolder* Twin::findSource(const std::string& name) const {
  for (const auto& s : mSources)
    if (s->spec.name == name) return s.get();
  return nullptr;
}

bool Twin::hasLiveSources() const {
  for (const auto& s : mSources)
    if (s->spec.type == scene::SourceType::Mqtt) return true;
  return false;
}

void Twin::waitForLiveConnections(double timeoutSeconds) const {
  for (const auto& s : mSources)
    if (auto* mqtt = dynamic_cast<const data::MqttSource*>(s->source.get())) mqtt->waitForConnection(timeoutSeconds);
}

std::vector<data::SourceStatus> Twin::sourceStatus() const {
  std::vector<data::SourceStatus> out;
  for (const auto& s : mSources) out.push_back(s->source->status());
  return out;
}

}  // namespace ct::app
