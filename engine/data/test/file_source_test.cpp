// CsvSource / GeoJsonSource: first load, reload when the file changes, a failed reload keeps the old table.
#include <gtest/gtest.h>

#include <fstream>

#include "data/file_source.h"
#include "test_support.h"

using namespace ct::data;
namespace fs = std::filesystem;

namespace {
// Rewrites a file and moves its mtime on, so the change shows even on coarse-grained file systems.
void rewrite(const fs::path& p, const std::string& text, int secondsLater) {
  auto before = fs::last_write_time(p);
  ct::test::writeText(p, text);
  fs::last_write_time(p, before + std::chrono::seconds(secondsLater));
}
}  // namespace

TEST(CsvSource, ReloadsWhenTheFileChangesAndKeepsTheTableWhenReloadFails) {
  auto dir = ct::test::tempDir("data_csv_source");
  auto file = dir / "energy.csv";
  ct::test::writeText(file, "id,kWh\nb1,10\nb2,20\nb3\n");
  CsvOptions o;
  o.key = "id";
  auto opened = CsvSource::open("energy", file, o, 100.0);
  ASSERT_TRUE(opened.ok()) << opened.firstError();
  CsvSource& s = *opened.value();
  EXPECT_EQ(s.name(), "energy");
  EXPECT_EQ(s.table().get("b2", "kWh")->number, 20.0);
  SourceStatus st = s.status();
  EXPECT_EQ(st.kind, "csv");
  EXPECT_EQ(st.state, "loaded");
  EXPECT_EQ(st.rows, 2u);
  EXPECT_EQ(st.messages, 3u);
  EXPECT_EQ(st.bad, 1u);
  ASSERT_EQ(st.problems.size(), 1u);
  EXPECT_EQ(st.problems[0].location, file.string() + ":4");
  EXPECT_EQ(st.problems[0].message, "expected 2 fields, found 1; row skipped");

  EXPECT_FALSE(s.poll(100.1));  // unchanged
  rewrite(file, "id,kWh\nb1,11\nb4,40\n", 2);
  EXPECT_FALSE(s.poll(100.2));  // changed, but checked at most every 0.5 s
  uint64_t v = s.table().version();
  EXPECT_TRUE(s.poll(100.7));
  EXPECT_GT(s.table().version(), v);
  EXPECT_EQ(s.table().get("b1", "kWh")->number, 11.0);
  EXPECT_EQ(s.table().find("b2"), -1);
  EXPECT_EQ(s.table().get("b4", "kWh")->number, 40.0);
  EXPECT_EQ(s.reloads(), 1u);
  EXPECT_EQ(s.status().bad, 0u);
  EXPECT_FALSE(s.poll(101.5));

  // A broken file (no key column): the previous table stays, the error is recorded.
  rewrite(file, "name,kWh\nx,1\n", 4);
  EXPECT_FALSE(s.poll(102.5));
  EXPECT_EQ(s.table().get("b4", "kWh")->number, 40.0);
  st = s.status();
  EXPECT_EQ(st.state, "error (previous data kept)");
  EXPECT_EQ(st.lastError, file.string() + ": no column \"id\" for the key (columns: \"name\", \"kWh\")");
  EXPECT_EQ(st.problems.back().message, "reload failed, previous data kept: " + st.lastError);
  // Fixed again: loaded.
  rewrite(file, "id,kWh\nb9,9\n", 6);
  EXPECT_TRUE(s.poll(103.5));
  EXPECT_EQ(s.status().state, "loaded");
  EXPECT_EQ(s.table().keys(), (std::vector<std::string>{"b9"}));
}

TEST(CsvSource, FirstLoadFailureIsAnError) {
  auto dir = ct::test::tempDir("data_csv_source_fail");
  CsvOptions o;
  o.key = "id";
  auto missing = CsvSource::open("x", dir / "none.csv", o);
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.firstError().rfind((dir / "none.csv").string() + ": cannot open", 0), 0u) << missing.firstError();
  ct::test::writeText(dir / "empty.csv", "");
  EXPECT_EQ(CsvSource::open("x", dir / "empty.csv", o).firstError(), (dir / "empty.csv").string() + ": empty file (no header row)");
}

TEST(GeoJsonSource, ReloadsFeaturesAndTable) {
  auto dir = ct::test::tempDir("data_geojson_source");
  auto file = dir / "zones.geojson";
  ct::test::writeText(file, R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":"z1","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"risk":3}}]})");
  auto opened = GeoJsonSource::open("zones", file, {}, 0.0);
  ASSERT_TRUE(opened.ok()) << opened.firstError();
  GeoJsonSource& s = *opened.value();
  EXPECT_EQ(s.features().size(), 1u);
  EXPECT_EQ(s.table().get("z1", "risk")->number, 3.0);
  EXPECT_EQ(s.status().kind, "geojson");
  rewrite(file, R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":"z1","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"risk":5}},
    {"type":"Feature","id":"z2","geometry":{"type":"Point","coordinates":[1,99]}}]})", 2);
  EXPECT_TRUE(s.poll(1.0));
  EXPECT_EQ(s.table().get("z1", "risk")->number, 5.0);
  EXPECT_EQ(s.features().size(), 1u);  // z2 is bad
  SourceStatus st = s.status();
  EXPECT_EQ(st.bad, 1u);
  EXPECT_EQ(st.messages, 2u);
  ASSERT_FALSE(st.problems.empty());
  EXPECT_EQ(st.problems.back().text(), file.string() + ": features[1].geometry.coordinates[1]: latitude 99 outside [-90, 90]; feature skipped");
  // Truncated mid-write: the last good features and table stay.
  rewrite(file, R"({"type":"FeatureCollection","features":[{"type":)", 4);
  EXPECT_FALSE(s.poll(2.0));
  EXPECT_EQ(s.features().size(), 1u);
  EXPECT_EQ(s.table().get("z1", "risk")->number, 5.0);
  EXPECT_EQ(s.status().lastError.rfind(file.string() + ": not JSON: parse error", 0), 0u) << s.status().lastError;
}
