// CSV: hand-written texts with known tables and every malformed case with its line; the Seattle benchmark file
// against counts and values read with Python's csv module.
#include <gtest/gtest.h>

#include <numeric>

#include "data/csv.h"
#include "test_support.h"

using namespace ct::data;

namespace {
CsvOptions opts(std::string key) {
  CsvOptions o;
  o.key = std::move(key);
  o.location = "t.csv";
  return o;
}
bool hasWarning(const ct::Result<CsvTable>& r, const std::string& text) {
  for (const auto& w : r.warnings())
    if (w == text) return true;
  return false;
}
std::string text(const DataTable& t, const char* key, const char* field) {
  const Value* v = t.get(key, field);
  return v && v->isText() ? v->text : std::string("<not text>");
}
}  // namespace

TEST(Csv, QuotesCrlfBomBlankLinesAndRowNumbers) {
  const std::string csv =
      "\xEF\xBB\xBFid,name,kWh\r\n"              // line 1
      "b1,\"Hall, North\",12.5\r\n"              // 2
      "b2,\"He said \"\"hi\"\"\",7\r\n"          // 3
      "b3,\"two\nlines\",\r\n"                   // 4-5
      "b4,short\r\n"                             // 6: one field short
      "\r\n"                                     // 7: blank
      "b5,x,1e3";                                // 8, no final newline
  auto r = parseCsv(csv, opts("id"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  const CsvTable& c = r.value();
  EXPECT_EQ(c.header, (std::vector<std::string>{"id", "name", "kWh"}));  // BOM gone from "id"
  EXPECT_EQ(c.table.keys(), (std::vector<std::string>{"b1", "b2", "b3", "b5"}));
  EXPECT_EQ(c.table.fieldNames(), (std::vector<std::string>{"name", "kWh"}));
  EXPECT_EQ(text(c.table, "b1", "name"), "Hall, North");
  EXPECT_EQ(text(c.table, "b2", "name"), "He said \"hi\"");
  EXPECT_EQ(text(c.table, "b3", "name"), "two\nlines");
  EXPECT_EQ(c.table.get("b1", "kWh")->number, 12.5);
  EXPECT_TRUE(c.table.get("b3", "kWh")->isNone());  // empty cell: no data
  EXPECT_EQ(c.table.get("b5", "kWh")->number, 1000.0);
  EXPECT_EQ(c.rowsRead, 5u);
  EXPECT_EQ(c.badRows, 1u);
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].line, 6u);
  EXPECT_TRUE(hasWarning(r, "t.csv:6: expected 3 fields, found 2; row skipped"));
}

TEST(Csv, DelimiterFromTheHeader) {
  auto semi = parseCsv("id;v;w\na;1,5;2\n", opts("id"));
  ASSERT_TRUE(semi.ok());
  EXPECT_EQ(semi.value().delimiter, ';');
  EXPECT_EQ(text(semi.value().table, "a", "v"), "1,5");  // decimal comma stays text: no locale guessing
  EXPECT_EQ(semi.value().table.get("a", "w")->number, 2.0);
  auto tab = parseCsv("id\tv\na\t3\n", opts("id"));
  ASSERT_TRUE(tab.ok());
  EXPECT_EQ(tab.value().delimiter, '\t');
  EXPECT_EQ(tab.value().table.get("a", "v")->number, 3.0);
  // A header with commas is comma-separated even when it also has a semicolon.
  auto comma = parseCsv("id,\"a;b\"\nx,1\n", opts("id"));
  ASSERT_TRUE(comma.ok());
  EXPECT_EQ(comma.value().delimiter, ',');
  EXPECT_EQ(comma.value().table.get("x", "a;b")->number, 1.0);
}

TEST(Csv, UnterminatedQuoteIsOneBadRowAndTheRestIsRead) {
  auto r = parseCsv("id,v\na,1\nb,\"oops\nc,3\nd,4\n", opts("id"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().table.keys(), (std::vector<std::string>{"a", "c", "d"}));
  EXPECT_EQ(r.value().badRows, 1u);
  EXPECT_TRUE(hasWarning(r, "t.csv:3: unterminated quote; row skipped"));
  EXPECT_EQ(r.value().table.get("d", "v")->number, 4.0);
}

TEST(Csv, TextAfterAClosingQuoteAndTooManyFields) {
  auto r = parseCsv("id,v\n\"a\"x,1\nb,2,3\nc,3\n", opts("id"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().table.keys(), (std::vector<std::string>{"c"}));
  EXPECT_TRUE(hasWarning(r, "t.csv:2: unexpected character after a closing quote; row skipped"));
  EXPECT_TRUE(hasWarning(r, "t.csv:3: expected 2 fields, found 3; row skipped"));
}

TEST(Csv, EmptyKeyAndDuplicateKeys) {
  auto r = parseCsv("id,v,w\n,1,1\na,1,9\nb,2,2\na,,3\n", opts("id"));
  ASSERT_TRUE(r.ok());
  const auto& t = r.value().table;
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(r.value().duplicateKeys, 1u);
  EXPECT_TRUE(hasWarning(r, "t.csv:2: empty key in column \"id\"; row skipped"));
  EXPECT_TRUE(hasWarning(r, "t.csv:5: key \"a\" repeats line 3; the later row wins"));
  EXPECT_TRUE(t.get("a", "v")->isNone());  // the later row's empty cell replaces the earlier 1
  EXPECT_EQ(t.get("a", "w")->number, 3.0);
}

TEST(Csv, CellValues) {
  auto r = parseCsv("id,zip,n,t\nx,0659000030,-0.5,hello\ny,0,  ,007\n", opts("id"));
  ASSERT_TRUE(r.ok());
  const auto& t = r.value().table;
  EXPECT_EQ(text(t, "x", "zip"), "0659000030");  // an identifier keeps its leading zero
  EXPECT_EQ(t.number(0, t.findField("zip")), 659000030.0);
  EXPECT_EQ(t.get("y", "zip")->number, 0.0);
  EXPECT_EQ(t.get("x", "n")->number, -0.5);
  EXPECT_TRUE(t.get("y", "n")->isNone());  // blanks only: no data
  EXPECT_EQ(text(t, "x", "t"), "hello");
}

TEST(Csv, FileErrorsNameTheFile) {
  auto empty = parseCsv("", opts("id"));
  EXPECT_FALSE(empty.ok());
  EXPECT_EQ(empty.firstError(), "t.csv: empty file (no header row)");
  EXPECT_EQ(parseCsv("\xEF\xBB\xBF\r\n\n", opts("id")).firstError(), "t.csv: empty file (no header row)");
  auto noKey = parseCsv("ID,name\n1,a\n", opts("id"));
  EXPECT_FALSE(noKey.ok());
  EXPECT_EQ(noKey.firstError(), "t.csv: no column \"id\" for the key (columns: \"ID\", \"name\")");
  auto missing = loadCsv("/nonexistent/x.csv", opts("id"));
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.firstError().rfind("t.csv: cannot open", 0), 0u) << missing.firstError();
  // Without a key name the first column is the key.
  auto first = parseCsv("code,v\nq,1\n", opts(""));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value().table.find("q"), 0);
}

TEST(Csv, LimitsStopHostileFiles) {
  CsvOptions o = opts("id");
  o.limits.maxFieldBytes = 8;
  auto longField = parseCsv("id,v\na,123456789012\nb,1\n", o);
  ASSERT_TRUE(longField.ok());
  EXPECT_TRUE(hasWarning(longField, "t.csv:2: field longer than 8 bytes; row skipped"));
  EXPECT_EQ(longField.value().table.keys(), (std::vector<std::string>{"b"}));
  o = opts("id");
  o.limits.maxRows = 2;
  auto rows = parseCsv("id\na\nb\nc\n", o);
  EXPECT_FALSE(rows.ok());
  EXPECT_EQ(rows.firstError(), "t.csv:4: more than 2 rows");
  o = opts("id");
  o.limits.maxFields = 3;
  auto wide = parseCsv("id,a,b,c\n", o);
  EXPECT_FALSE(wide.ok());
  EXPECT_EQ(wide.firstError(), "t.csv:1: bad header row: more than 3 fields");
}

TEST(Csv, ManyBadRowsAreCountedAndTheWarningsCapped) {
  std::string csv = "id,v\n";
  for (int i = 0; i < 250; ++i) csv += "x\n";  // one field short, lines 2..251
  csv += "ok,1\n";
  auto r = parseCsv(csv, opts("id"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().badRows, 250u);
  EXPECT_EQ(r.value().table.size(), 1u);
  ASSERT_EQ(r.warnings().size(), 101u);
  EXPECT_EQ(r.warnings().back(), "t.csv: 150 more problems not listed");
  EXPECT_EQ(r.value().problems.back().line, 251u);
}

TEST(Csv, SeattleBenchmarking2016) {
  auto dir = ct::test::sharedData();
  auto file = dir / "seattle-building-energy-benchmarking" / "2016-building-energy-benchmarking.csv";
  if (dir.empty() || !std::filesystem::exists(file)) GTEST_SKIP() << "skipped: shared data missing";
  auto r = loadCsv(file, opts("OSEBuildingID"));
  ASSERT_TRUE(r.ok()) << r.firstError();
  const CsvTable& c = r.value();
  // Expected figures from Python's csv module: 3,376 rows of 46 columns, unique ids, none malformed.
  EXPECT_EQ(c.rowsRead, 3376u);
  EXPECT_EQ(c.table.size(), 3376u);
  EXPECT_EQ(c.badRows, 0u);
  EXPECT_EQ(c.header.size(), 46u);
  EXPECT_EQ(c.table.fieldCount(), 45u);
  EXPECT_TRUE(r.warnings().empty());
  EXPECT_EQ(text(c.table, "1", "PropertyName"), "Mayflower park hotel");
  EXPECT_EQ(text(c.table, "2", "ListOfAllPropertyUseTypes"), "Hotel, Parking, Restaurant");
  EXPECT_DOUBLE_EQ(c.table.get("1", "SiteEUI(kBtu/sf)")->number, 81.69999695);
  EXPECT_DOUBLE_EQ(c.table.get("50226", "SiteEUI(kBtu/sf)")->number, 63.09999847);
  int eui = c.table.findField("SiteEUI(kBtu/sf)");
  int star = c.table.findField("ENERGYSTARScore");
  double sum = 0;
  size_t withEui = 0, noStar = 0;
  for (uint32_t row = 0; row < c.table.size(); ++row) {
    if (auto v = c.table.number(row, eui)) sum += *v, ++withEui;
    if (c.table.get(row, star)->isNone()) ++noStar;
  }
  EXPECT_EQ(withEui, 3369u);
  EXPECT_NEAR(sum, 184392.5001485539, 1e-6);
  EXPECT_EQ(noStar, 835u);
}
