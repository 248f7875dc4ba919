// Replay: events applied in recorded order at the chosen speed from the chosen start, against a hand-made clock.
#include <gtest/gtest.h>

#include "data/replay.h"

using namespace ct::data;

namespace {
const char* kRecording =
    "time,key,field,value\n"
    "10,a,v,1\n"
    "12,b,v,2\n"
    "11,a,v,3\n"  // out of order in the file
    "12,a,s,on\n"
    "15,a,v,\n"   // cleared
    "20,a,v,5\n"
    "20,a,v,6\n"  // same time: file order, the later wins
    "bad,a,v,1\n";  // line 9
}  // namespace

TEST(Replay, ParsesAndSorts) {
  auto r = parseReplayCsv(kRecording, "rec.csv");
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& ev = r.value().events;
  ASSERT_EQ(ev.size(), 7u);
  EXPECT_EQ(r.value().badRows, 1u);
  ASSERT_EQ(r.warnings().size(), 1u);
  EXPECT_EQ(r.warnings()[0].rfind("rec.csv:9: time \"bad\"", 0), 0u) << r.warnings()[0];
  EXPECT_EQ(ev[1].t, 11.0);
  EXPECT_EQ(ev[1].value.number, 3.0);
  EXPECT_EQ(ev[3].value.text, "on");
  EXPECT_TRUE(ev[4].value.isNone());
  EXPECT_EQ(ev[6].value.number, 6.0);
  EXPECT_EQ(parseReplayCsv("time,key,value\n", "rec.csv").firstError(),
            "rec.csv: no column \"field\" (needs time, key, field, value)");
}

TEST(Replay, SpeedAndOrder) {
  auto events = parseReplayCsv(kRecording, "rec.csv").value().events;
  ReplayOptions o;
  o.speed = 2.0;  // two recorded seconds per clock second
  auto made = ReplaySource::create("rec", events, o);
  ASSERT_TRUE(made.ok());
  ReplaySource& s = *made.value();
  EXPECT_EQ(s.status().state, "waiting");
  EXPECT_TRUE(s.poll(1000.0));  // recorded 10
  const DataTable& t = s.table();
  EXPECT_EQ(t.get("a", "v")->number, 1.0);
  EXPECT_EQ(t.find("b"), -1);
  EXPECT_FALSE(s.poll(1000.25));  // recorded 10.5: nothing due
  EXPECT_TRUE(s.poll(1000.5));    // 11
  EXPECT_EQ(t.get("a", "v")->number, 3.0);
  EXPECT_TRUE(s.poll(1001.0));  // 12
  EXPECT_EQ(t.get("b", "v")->number, 2.0);
  EXPECT_EQ(t.get("a", "s")->text, "on");
  EXPECT_EQ(s.applied(), 4u);
  EXPECT_TRUE(s.poll(1002.5));  // 15
  EXPECT_TRUE(t.get("a", "v")->isNone());
  EXPECT_EQ(*s.recordedTime(), 15.0);
  EXPECT_TRUE(s.poll(1010.0));  // 30: both events at 20, in file order
  EXPECT_EQ(t.get("a", "v")->number, 6.0);
  EXPECT_TRUE(s.finished());
  EXPECT_EQ(s.status().state, "finished");
  EXPECT_EQ(s.status().messages, 7u);
  EXPECT_FALSE(s.poll(2000.0));
}

TEST(Replay, StartTime) {
  auto events = parseReplayCsv(kRecording, "rec.csv").value().events;
  ReplayOptions o;
  o.startTime = 12.0;
  auto seek = ReplaySource::create("rec", events, o);
  ASSERT_TRUE(seek.ok());
  EXPECT_TRUE(seek.value()->poll(50.0));  // the state at 12: everything up to 12 applied at once
  EXPECT_EQ(seek.value()->table().get("a", "v")->number, 3.0);
  EXPECT_EQ(seek.value()->table().get("b", "v")->number, 2.0);
  EXPECT_FALSE(seek.value()->poll(52.9));  // recorded 14.9
  EXPECT_TRUE(seek.value()->poll(53.0));   // 15
  o.applyBeforeStart = false;
  auto drop = ReplaySource::create("rec", events, o);
  EXPECT_TRUE(drop.value()->poll(50.0));
  EXPECT_TRUE(drop.value()->table().get("a", "v")->isNone());  // its v events came before 12
  EXPECT_EQ(drop.value()->table().get("a", "s")->text, "on");
  EXPECT_EQ(drop.value()->table().get("b", "v")->number, 2.0);
}

TEST(Replay, BadOptions) {
  ReplayOptions o;
  o.speed = 0.0;
  EXPECT_EQ(ReplaySource::create("r", {}, o).firstError(), "replay r: speed must be a positive number");
  o.speed = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(ReplaySource::create("r", {}, o).ok());
  o.speed = 1.0;
  auto empty = ReplaySource::create("r", {}, o);
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty.value()->poll(0.0));
  EXPECT_TRUE(empty.value()->finished());
}
