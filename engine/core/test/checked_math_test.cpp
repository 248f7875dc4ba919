// Overflow-safe range checks and the memory budget, against hand-computed cases.
#include <gtest/gtest.h>

#include "core/checked_math.h"
#include "core/memory_budget.h"

namespace ct {
namespace {

StridedRead read(uint64_t buffer, uint64_t viewOff, uint64_t viewLen, uint64_t off, uint64_t count, uint64_t stride,
                 uint64_t elem) {
  return {buffer, viewOff, viewLen, off, count, stride, elem};
}

TEST(CheckedMath, AcceptsReadsThatFitExactly) {
  uint64_t start = 0;
  std::string why;
  // 4 VEC3 floats, tightly packed, filling a 48-byte view at offset 16 of a 64-byte buffer.
  EXPECT_TRUE(checkStridedRead(read(64, 16, 48, 0, 4, 0, 12), start, why)) << why;
  EXPECT_EQ(start, 16u);
  // Strided: last element starts at 8 + 3*20 = 68 and ends at 80.
  EXPECT_TRUE(checkStridedRead(read(100, 0, 80, 8, 4, 20, 12), start, why)) << why;
  EXPECT_EQ(start, 8u);
  EXPECT_TRUE(checkStridedRead(read(10, 10, 0, 0, 0, 0, 4), start, why)) << why;  // empty read at the end
}

TEST(CheckedMath, RejectsOneByteTooMany) {
  uint64_t start = 0;
  std::string why;
  EXPECT_FALSE(checkStridedRead(read(64, 16, 48, 1, 4, 0, 12), start, why));
  EXPECT_NE(why.find("do not fit in a bufferView of 48 bytes"), std::string::npos) << why;
  EXPECT_FALSE(checkStridedRead(read(63, 16, 48, 0, 4, 0, 12), start, why));
  EXPECT_NE(why.find("runs past the end of its buffer"), std::string::npos) << why;
  EXPECT_FALSE(checkStridedRead(read(100, 0, 80, 0, 4, 8, 12), start, why));  // stride below element
  EXPECT_NE(why.find("smaller than an element"), std::string::npos) << why;
}

TEST(CheckedMath, RejectsSumsAndProductsThatWrap) {
  uint64_t start = 0;
  std::string why;
  const uint64_t big = UINT64_MAX - 7;
  EXPECT_FALSE(checkStridedRead(read(48, 0, 48, big, 1, 0, 12), start, why));        // offset near 2^64
  EXPECT_FALSE(checkStridedRead(read(48, big, 16, 0, 1, 0, 12), start, why));        // view offset wraps
  EXPECT_FALSE(checkStridedRead(read(48, 0, 48, 0, 1ull << 62, 0, 12), start, why));  // count * stride wraps
  EXPECT_FALSE(checkStridedRead(read(48, 0, 48, 0, 2, UINT64_MAX, 12), start, why));  // stride wraps
  // The sparse case of a negative int offset seen as unsigned.
  EXPECT_FALSE(checkStridedRead(read(48, 0, 48, static_cast<uint64_t>(int64_t(-4)), 1, 0, 4), start, why));
}

TEST(MemoryBudget, ChargesUntilTheLimitThenSaysWhatAndHowMuch) {
  MemoryBudget budget(1000);
  std::string error;
  EXPECT_TRUE(budget.charge(600, "vertices", error));
  EXPECT_TRUE(budget.charge(400, "indices", error));
  EXPECT_EQ(budget.used(), 1000u);
  EXPECT_FALSE(budget.charge(1, "an image", error));
  EXPECT_EQ(error, "an image needs 1 bytes, which exceeds the memory budget of 1000 bytes (1000 bytes in use; "
                   "raise it with --max-memory)");
  EXPECT_FALSE(budget.charge(UINT64_MAX, "x", error));
  budget.release(400);
  EXPECT_EQ(budget.used(), 600u);
  EXPECT_GT(MemoryBudget::defaultLimit(), 0u);
}

TEST(MemoryBudget, ParsesSizesWithSuffixes) {
  EXPECT_EQ(parseByteSize("1024"), 1024u);
  EXPECT_EQ(parseByteSize("512M"), 512ull << 20);
  EXPECT_EQ(parseByteSize("4G"), 4ull << 30);
  EXPECT_EQ(parseByteSize("1.5GiB"), 3ull << 29);
  EXPECT_EQ(parseByteSize("2k"), 2048u);
  EXPECT_FALSE(parseByteSize(""));
  EXPECT_FALSE(parseByteSize("-1G"));
  EXPECT_FALSE(parseByteSize("12X"));
  EXPECT_FALSE(parseByteSize("nan"));
  EXPECT_FALSE(parseByteSize("1e30T"));
  EXPECT_EQ(formatBytes(3ull << 29), "1.5 GiB");
}

}  // namespace
}  // namespace ct
