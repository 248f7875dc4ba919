// File helpers: whole-file reads and atomic writes (write temp, fsync, rename).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace ct {

Result<std::vector<uint8_t>> readFile(const std::filesystem::path& path, uint64_t maxBytes = (1ull << 32));
// Writes bytes to path atomically: a crash mid-write leaves the old file intact.
Result<bool> writeFileAtomic(const std::filesystem::path& path, const void* data, size_t size);

}  // namespace ct
