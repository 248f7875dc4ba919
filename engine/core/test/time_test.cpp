// ISO-8601 parsing against hand-computed Unix times.
#include "core/time.h"

#include <gtest/gtest.h>

namespace ct {
namespace {

TEST(Time, ParsesDatesTimesAndOffsets) {
  EXPECT_DOUBLE_EQ(parseIso8601("1970-01-01").value().unixSeconds, 0.0);
  EXPECT_DOUBLE_EQ(parseIso8601("2000-03-01T00:00:00Z").value().unixSeconds, 951868800.0);
  // 2024-06-21T21:30+08:00 is 13:30 UTC; 2024-06-21 is day 19895.
  auto t = parseIso8601("2024-06-21T21:30:00+08:00");
  ASSERT_TRUE(t.ok());
  EXPECT_DOUBLE_EQ(t.value().unixSeconds, 19895 * 86400.0 + 13.5 * 3600.0);
  EXPECT_EQ(t.value().offsetMinutes, 480);
  EXPECT_DOUBLE_EQ(parseIso8601("2003-10-17 12:30:30-0700").value().unixSeconds, 1066419030.0);
  EXPECT_DOUBLE_EQ(parseIso8601("2003-10-17T19:30:30.25").value().unixSeconds, 1066419030.25);
  EXPECT_EQ(formatIso8601(t.value()), "2024-06-21T21:30:00+08:00");
  EXPECT_EQ(formatIso8601(Instant{1066419030.0, 0}), "2003-10-17T19:30:30Z");
  EXPECT_DOUBLE_EQ(julianDay(0.0), 2440587.5);
}

TEST(Time, RefusesMalformedText) {
  for (const char* bad : {"", "2024", "2024-13-01", "2023-02-29", "2024-06-21T24:00", "2024-06-21T12:60",
                          "2024-06-21T12:00:60", "2024-06-21T12:00+19:00", "2024-06-21T12:00:00Zjunk", "21/06/2024",
                          "2024-06-21T12:00:00.", "2024-06-21T1"}) {
    auto r = parseIso8601(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.firstError().find("is not an ISO-8601 time"), std::string::npos) << bad;
  }
  EXPECT_TRUE(parseIso8601("2024-02-29").ok());
}

}  // namespace
}  // namespace ct
