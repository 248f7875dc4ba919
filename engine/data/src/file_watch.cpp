// FileWatch: stat-based change detection, rate limited so that poll() per frame costs almost nothing.
#include "data/file_watch.h"

#include <sys/stat.h>

namespace ct::data {

FileWatch::FileWatch(std::filesystem::path path, double intervalSeconds)
    : mPath(std::move(path)), mInterval(intervalSeconds) {}

FileWatch::Stamp FileWatch::stat() const {
  struct ::stat st {};
  Stamp s;
  if (::stat(mPath.c_str(), &st) != 0) return s;
  s.exists = true;
  s.mtimeNs = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  s.size = static_cast<uint64_t>(st.st_size);
  return s;
}

void FileWatch::markSeen() { mSeen = stat(); }

bool FileWatch::changed(double nowSeconds) {
  if (nowSeconds - mLastCheck < mInterval) return false;
  mLastCheck = nowSeconds;
  Stamp now = stat();
  if (now == mSeen) return false;
  mSeen = now;  // report each change once; a reload that fails waits for the next change
  return true;
}

}  // namespace ct::data
