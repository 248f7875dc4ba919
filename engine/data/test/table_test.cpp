// DataTable, parseNumber and the key join, against hand-worked expectations.
#include <gtest/gtest.h>

#include "data/source.h"
#include "data/table.h"

using namespace ct::data;

TEST(DataTable, RowsFieldsValuesAndVersion) {
  DataTable t;
  const uint64_t v0 = t.version();
  uint32_t a = t.row("a");
  uint32_t b = t.row("b");
  EXPECT_EQ(a, 0u);
  EXPECT_EQ(b, 1u);
  EXPECT_EQ(t.row("a"), 0u);  // existing key: same row, no new row
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.find("b"), 1);
  EXPECT_EQ(t.find("c"), -1);
  int kwh = t.fieldIndex("kWh");
  int use = t.fieldIndex("use");
  EXPECT_EQ(t.fieldIndex("kWh"), kwh);
  EXPECT_EQ(t.findField("nope"), -1);
  EXPECT_GT(t.version(), v0);

  uint64_t v1 = t.version();
  t.setNumber(a, kwh, 12.5);
  EXPECT_GT(t.version(), v1);
  t.setText(b, kwh, " 7e1 ");
  t.setText(a, use, "office");
  ASSERT_NE(t.get("a", "kWh"), nullptr);
  EXPECT_EQ(t.get("a", "kWh")->number, 12.5);
  EXPECT_EQ(t.get("b", "use")->kind, Value::Kind::None);  // known key and field, no data
  EXPECT_EQ(t.get("c", "kWh"), nullptr);
  EXPECT_EQ(t.get("a", "zzz"), nullptr);
  EXPECT_EQ(t.number(a, kwh), 12.5);
  EXPECT_EQ(t.number(b, kwh), 70.0);  // text that parses as a number counts
  EXPECT_FALSE(t.number(a, use));     // text that does not
  EXPECT_FALSE(t.number(b, use));     // no data
  EXPECT_FALSE(t.number(9, kwh));     // out of range: nothing, no crash
  t.setNumber(9, kwh, 1.0);           // ignored
  t.setNumber(a, 99, 1.0);            // ignored
  EXPECT_EQ(t.size(), 2u);

  // A row added after a field exists gets no data in it.
  uint32_t c = t.row("c");
  EXPECT_TRUE(t.get(c, kwh)->isNone());
  EXPECT_EQ(t.keys(), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(DataTable, ReplaceKeepsVersionIncreasingAndChangesKeySet) {
  DataTable t;
  t.setNumber(t.row("x"), t.fieldIndex("f"), 1);
  t.setNumber(0, 0, 2);
  t.setNumber(0, 0, 3);
  uint64_t before = t.version();
  uint64_t keys = t.keySetId();
  DataTable other;  // fewer changes: a lower version of its own
  other.row("y");
  t.replaceWith(std::move(other));
  EXPECT_GT(t.version(), before);
  EXPECT_NE(t.keySetId(), keys);
  EXPECT_EQ(t.find("x"), -1);
  EXPECT_EQ(t.find("y"), 0);
  // Value changes leave the key set alone; a new key changes it.
  keys = t.keySetId();
  t.setNumber(0, t.fieldIndex("g"), 5);
  EXPECT_EQ(t.keySetId(), keys);
  t.row("z");
  EXPECT_NE(t.keySetId(), keys);
}

TEST(DataTable, CopyAndMove) {
  DataTable a;
  a.setNumber(a.row("k"), a.fieldIndex("f"), 1);
  a.setNumber(0, 0, 2);
  DataTable b;
  b.row("x");
  const uint64_t bVersion = b.version();
  b = a;  // b's version must not go back even though a made fewer changes... or more: it only grows
  EXPECT_GT(b.version(), bVersion);
  EXPECT_GT(b.version(), a.version());
  EXPECT_EQ(b.keySetId(), a.keySetId());  // same keys in the same order
  EXPECT_EQ(b.get("k", "f")->number, 2.0);
  const uint64_t keys = a.keySetId();
  DataTable c(std::move(a));
  EXPECT_EQ(c.keySetId(), keys);
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): the moved-from state is specified
  EXPECT_NE(a.keySetId(), keys);
  EXPECT_EQ(c.find("k"), 0);
}

TEST(ParseNumber, LocaleIndependentAndWhole) {
  EXPECT_EQ(parseNumber("3.25"), 3.25);
  EXPECT_EQ(parseNumber(" -1e3 "), -1000.0);
  EXPECT_EQ(parseNumber("+4"), 4.0);
  EXPECT_FALSE(parseNumber("3,25"));  // a decimal comma is no number here
  EXPECT_FALSE(parseNumber("12abc"));
  EXPECT_FALSE(parseNumber(""));
  EXPECT_FALSE(parseNumber("+-1"));
  EXPECT_FALSE(parseNumber("nan"));
}

TEST(Join, MatchedMissingAndUnmatchedKeys) {
  DataTable t;
  for (const char* k : {"b2", "b9", "b1", "zz"}) t.row(k);
  std::vector<std::string> features = {"b1", "b2", "b3", "b1"};
  JoinResult j = joinByKey(features, t);
  EXPECT_EQ(j.rowOfFeature, (std::vector<int64_t>{2, 0, -1, 2}));
  EXPECT_EQ(j.matched, 3u);
  EXPECT_EQ(j.featuresWithoutData, 1u);
  EXPECT_EQ(j.unmatchedKeys, 2u);
  EXPECT_EQ(j.unmatchedKeyList, (std::vector<std::string>{"b9", "zz"}));
}

TEST(Join, ListsAtMostTwentyUnmatchedKeys) {
  DataTable t;
  for (int i = 0; i < 30; ++i) t.row(std::string("k").append(std::to_string(i)));
  JoinResult j = joinByKey({"k3"}, t);
  EXPECT_EQ(j.unmatchedKeys, 29u);
  ASSERT_EQ(j.unmatchedKeyList.size(), 20u);
  EXPECT_EQ(j.unmatchedKeyList.front(), "k0");
  EXPECT_EQ(j.unmatchedKeyList[3], "k4");
}

TEST(KeyJoin, RedoneOnlyWhenKeysChange) {
  DataTable t;
  int f = t.fieldIndex("v");
  t.row("a");
  KeyJoin join;
  join.setFeatureKeys({"a", "b"});
  EXPECT_EQ(join.update(t).matched, 1u);
  EXPECT_TRUE(join.recomputed());
  t.setNumber(0, f, 42);  // values only
  join.update(t);
  EXPECT_FALSE(join.recomputed());
  t.row("b");  // a new key
  EXPECT_EQ(join.update(t).matched, 2u);
  EXPECT_TRUE(join.recomputed());
  join.setFeatureKeys({"b"});
  EXPECT_EQ(join.update(t).rowOfFeature, (std::vector<int64_t>{1}));
  EXPECT_TRUE(join.recomputed());
  // Another table with the same keys is another key set: joined again.
  DataTable u;
  u.row("b");
  EXPECT_EQ(join.update(u).rowOfFeature, (std::vector<int64_t>{0}));
  EXPECT_TRUE(join.recomputed());
}

TEST(ProblemLog, KeepsTheTwentyMostRecent) {
  ProblemLog log;
  for (int i = 1; i <= 25; ++i) log.add(std::string("f.csv:").append(std::to_string(i)), "bad");
  EXPECT_EQ(log.total(), 25u);
  auto r = log.recent();
  ASSERT_EQ(r.size(), 20u);
  EXPECT_EQ(r.front().location, "f.csv:6");
  EXPECT_EQ(r.back().text(), "f.csv:25: bad");
}
