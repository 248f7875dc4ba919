// A memory budget for loading outside input: every allocation sized from a file's numbers is charged here
// before it is made, so a file that lies about its sizes fails with a message instead of exhausting memory.
#pragma once
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ct {

class MemoryBudget {
 public:
  explicit MemoryBudget(uint64_t limitBytes = defaultLimit()) : mLimit(limitBytes) {}
  // Half the machine's physical memory, at most 16 GiB (a 100 000-building city loads in about 3 GB).
  static uint64_t defaultLimit();

  // Charges `bytes` for `what`. False, with `error` set, when the total would pass the limit.
  bool charge(uint64_t bytes, std::string_view what, std::string& error);
  // Whether `bytes` more would fit, without charging them (for temporaries).
  bool fits(uint64_t bytes, std::string_view what, std::string& error) const;
  void release(uint64_t bytes);
  uint64_t used() const { return mUsed.load(); }
  uint64_t limit() const { return mLimit; }

 private:
  uint64_t mLimit;
  std::atomic<uint64_t> mUsed{0};
};

// "512M", "4G", "1024" (bytes), "1.5G": a size with an optional K/M/G/T suffix (powers of 1024).
std::optional<uint64_t> parseByteSize(std::string_view text);
// "1.5 GiB", "512 MiB": for messages.
std::string formatBytes(uint64_t bytes);

}  // namespace ct
