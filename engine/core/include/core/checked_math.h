// Overflow-safe arithmetic on numbers that come from files (offsets, counts, strides, sizes).
#pragma once
#include <cstdint>
#include <string>

namespace ct {

// a + b and a * b, or false when the result does not fit in 64 bits.
inline bool checkedAdd(uint64_t a, uint64_t b, uint64_t& out) { return !__builtin_add_overflow(a, b, &out); }
inline bool checkedMul(uint64_t a, uint64_t b, uint64_t& out) { return !__builtin_mul_overflow(a, b, &out); }

// A strided read from a file's buffer: `count` elements of `elementSize` bytes, `stride` bytes apart, starting
// `offset` bytes into a view of `viewLength` bytes that starts `viewOffset` bytes into a buffer of `bufferSize`
// bytes. Every number may come from the file and may be hostile.
struct StridedRead {
  uint64_t bufferSize = 0;
  uint64_t viewOffset = 0;
  uint64_t viewLength = 0;
  uint64_t offset = 0;
  uint64_t count = 0;
  uint64_t stride = 0;  // 0: tightly packed (elementSize)
  uint64_t elementSize = 0;
};

// Checks that every byte the read touches lies inside the view and the view inside the buffer, without any sum
// or product wrapping. On success `start` is the first element's offset in the buffer; on failure `why` says
// which bound fails, with the numbers.
bool checkStridedRead(const StridedRead& read, uint64_t& start, std::string& why);

}  // namespace ct
