// FileWatch: notices that a file changed (modification time or size) by polling stat at most every interval.
#pragma once
#include <cstdint>
#include <filesystem>

namespace ct::data {

class FileWatch {
 public:
  explicit FileWatch(std::filesystem::path path, double intervalSeconds = 0.5);
  // Records the file's current state as seen (call after loading it).
  void markSeen();
  // True when at least intervalSeconds passed since the last check and the file's mtime or size differs from
  // what markSeen() recorded (a file that vanished counts as a change once). Never blocks beyond one stat().
  bool changed(double nowSeconds);
  const std::filesystem::path& path() const { return mPath; }

 private:
  struct Stamp {
    bool exists = false;
    int64_t mtimeNs = 0;
    uint64_t size = 0;
    bool operator==(const Stamp&) const = default;
  };
  Stamp stat() const;

  std::filesystem::path mPath;
  double mInterval;
  double mLastCheck = -1e300;
  Stamp mSeen;
};

}  // namespace ct::data
