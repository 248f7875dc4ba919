// PNG frame sink: encodes RGBA8 frames and writes them atomically; also reads PNGs back (goldens, checks).
#pragma once
#include <filesystem>

#include "core/result.h"
#include "core/image.h"

namespace ct::exporter {

Result<bool> writePng(const std::filesystem::path& path, const RgbaImage& image);
Result<RgbaImage> readPng(const std::filesystem::path& path);

}  // namespace ct::exporter
