// Atomic writes replace files whole and leave no temporary behind; reads report clear errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/file.h"

namespace fs = std::filesystem;

namespace {
fs::path scratch() {
  fs::path p = fs::temp_directory_path() / ("citytwin_core_test_" + std::to_string(::getpid()));
  fs::create_directories(p);
  return p;
}
}  // namespace

TEST(File, AtomicWriteReplacesContentAndLeavesNoTemp) {
  fs::path dir = scratch();
  fs::path target = dir / "scene.json";
  std::ofstream(target) << "old content";
  std::string fresh = "new content, longer than before";
  ASSERT_TRUE(ct::writeFileAtomic(target, fresh.data(), fresh.size()).ok());
  auto back = ct::readFile(target);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(std::string(back.value().begin(), back.value().end()), fresh);
  int entries = 0;
  for (auto& e : fs::directory_iterator(dir)) entries += e.is_regular_file();
  EXPECT_EQ(entries, 1);
  fs::remove_all(dir);
}

TEST(File, AtomicWriteIntoMissingFolderFailsAndKeepsNothing) {
  fs::path target = scratch() / "no" / "such" / "dir" / "x.png";
  auto r = ct::writeFileAtomic(target, "x", 1);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("cannot create"), std::string::npos);
}

TEST(File, ReadErrors) {
  EXPECT_FALSE(ct::readFile("/definitely/not/here").ok());
  auto dir = ct::readFile(fs::temp_directory_path());
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.firstError(), "is a directory");
  fs::path big = scratch() / "big.bin";
  std::ofstream(big) << std::string(100, 'x');
  EXPECT_FALSE(ct::readFile(big, 50).ok());
  EXPECT_TRUE(ct::readFile(big, 100).ok());
}
