// What the fuzz targets share: an empty folder for external references (so every URI is missing or refused)
// and a small memory budget, so that an input that would need more fails with a message instead of passing
// libFuzzer's RSS limit.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/memory_budget.h"

namespace ct::fuzz {

// A folder that exists and stays empty for the process's life.
const std::filesystem::path& emptyFolder();
// The budget each input is loaded under (512 MiB; libFuzzer's -rss_limit_mb is 2048 in tools/fuzz.sh).
MemoryBudget& freshBudget();
std::vector<uint8_t> bytesOf(const uint8_t* data, size_t size);

}  // namespace ct::fuzz
