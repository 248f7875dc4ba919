// Shared pieces of the fuzz targets.
#include "fuzz_support.h"

#include <unistd.h>

#include <memory>

namespace ct::fuzz {

const std::filesystem::path& emptyFolder() {
  static const std::filesystem::path kFolder = [] {
    std::filesystem::path p = std::filesystem::temp_directory_path() / ("citytwin_fuzz_" + std::to_string(getpid()));
    std::filesystem::create_directories(p);
    return p;
  }();
  return kFolder;
}

MemoryBudget& freshBudget() {
  static std::unique_ptr<MemoryBudget> budget;
  budget = std::make_unique<MemoryBudget>(512ull << 20);
  return *budget;
}

std::vector<uint8_t> bytesOf(const uint8_t* data, size_t size) { return std::vector<uint8_t>(data, data + size); }

}  // namespace ct::fuzz
