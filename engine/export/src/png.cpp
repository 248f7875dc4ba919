// PNG encode/decode through Debian's libstb; writes go through core's atomic file replace.
#include "export/png.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include "core/file.h"

namespace ct::exporter {

Result<bool> writePng(const std::filesystem::path& path, const RgbaImage& image) {
  if (image.width == 0 || image.height == 0 || image.pixels.size() != size_t(image.width) * image.height * 4)
    return Result<bool>::fail("cannot write an empty image");
  std::vector<uint8_t> encoded;
  auto sink = [](void* ctx, void* data, int size) {
    auto* out = static_cast<std::vector<uint8_t>*>(ctx);
    const auto* bytes = static_cast<const uint8_t*>(data);
    out->insert(out->end(), bytes, bytes + size);
  };
  if (!stbi_write_png_to_func(sink, &encoded, static_cast<int>(image.width), static_cast<int>(image.height), 4,
                              image.pixels.data(), static_cast<int>(image.width * 4)))
    return Result<bool>::fail("PNG encoding failed");
  return writeFileAtomic(path, encoded.data(), encoded.size());
}

Result<RgbaImage> readPng(const std::filesystem::path& path) {
  auto bytes = readFile(path, 1ull << 30);
  if (!bytes) return Result<RgbaImage>::fail(bytes.firstError());
  int w = 0, h = 0, comp = 0;
  stbi_uc* pixels = stbi_load_from_memory(bytes.value().data(), static_cast<int>(bytes.value().size()), &w, &h, &comp, 4);
  if (!pixels) return Result<RgbaImage>::fail("not a readable PNG");
  RgbaImage img;
  img.width = static_cast<uint32_t>(w);
  img.height = static_cast<uint32_t>(h);
  img.pixels.assign(pixels, pixels + size_t(w) * h * 4);
  stbi_image_free(pixels);
  return Result<RgbaImage>::ok(std::move(img));
}

}  // namespace ct::exporter
