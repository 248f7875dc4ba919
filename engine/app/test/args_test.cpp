// Strict parsing of CLI numbers.
#include <gtest/gtest.h>

#include "../src/args.h"

using namespace ct::app;

TEST(Args, NumberLists) {
  auto ok = parseNumberList("1,2.5,-3,4e2,0,0", 6, 7);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value()[3], 400.0);
  EXPECT_FALSE(parseNumberList("1,2,3", 6, 7).ok());
  EXPECT_FALSE(parseNumberList("1,2,x,4,5,6", 6, 7).ok());
  EXPECT_FALSE(parseNumberList("1,2,3,4,5,6,", 6, 7).ok());
  EXPECT_FALSE(parseNumberList("1,,3,4,5,6", 6, 7).ok());
  EXPECT_FALSE(parseNumberList("1,2,3,4,5,nan", 6, 7).ok());
  EXPECT_FALSE(parseNumberList("1,2,3,4,5,1e999", 6, 7).ok());
}

TEST(Args, PositiveIntegers) {
  EXPECT_EQ(parsePositive("1920", 16384).value(), 1920);
  EXPECT_FALSE(parsePositive("0", 16384).ok());
  EXPECT_FALSE(parsePositive("-5", 16384).ok());
  EXPECT_FALSE(parsePositive("12px", 16384).ok());
  EXPECT_FALSE(parsePositive("99999", 16384).ok());
}
