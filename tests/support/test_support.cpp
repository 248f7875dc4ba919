// Test helpers shared by unit, golden and integration tests.
#include "test_support.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/file.h"
#include "export/png.h"

namespace ct::test {
namespace fs = std::filesystem;

fs::path sourceDir() { return fs::path(CITYTWIN_SOURCE_DIR); }

fs::path sharedData() {
  if (const char* env = std::getenv("CITYTWIN_SHARED_DATA"); env && *env) return fs::exists(env) ? fs::path(env) : fs::path();
  fs::path p = fs::path(CITYTWIN_SOURCE_DIR) / ".." / "shared" / "data";
  std::error_code ec;
  return fs::exists(p / "khronos-gltf-sample-assets", ec) ? fs::weakly_canonical(p) : fs::path();
}

fs::path khronos(const std::string& relative) {
  fs::path root = sharedData();
  if (root.empty()) return {};
  return root / "khronos-gltf-sample-assets" / "Models" / relative;
}

fs::path tempDir(const std::string& name) {
  fs::path p = fs::path(CITYTWIN_BINARY_DIR) / "test-output" / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

void writeText(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

void writeBytes(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

std::vector<uint8_t> readBytes(const fs::path& path) {
  auto r = readFile(path);
  return r ? r.value() : std::vector<uint8_t>{};
}

std::string base64(const std::vector<uint8_t>& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = in[i] << 16 | in[i + 1] << 8 | in[i + 2];
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], k[v & 63]};
  }
  if (i + 1 == in.size()) {
    uint32_t v = in[i] << 16;
    out += {k[v >> 18], k[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t v = in[i] << 16 | in[i + 1] << 8;
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], '='};
  }
  return out;
}

std::vector<uint8_t> triangleBuffer() {
  const float pos[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  const float nrm[9] = {0, 0, 1, 0, 0, 1, 0, 0, 1};
  const uint16_t idx[4] = {0, 1, 2, 0};
  std::vector<uint8_t> b(36 + 36 + 8);
  std::memcpy(b.data(), pos, 36);
  std::memcpy(b.data() + 36, nrm, 36);
  std::memcpy(b.data() + 72, idx, 8);
  return b;
}

nlohmann::json triangleGltf() {
  using nlohmann::json;
  std::vector<uint8_t> buf = triangleBuffer();
  json j;
  j["asset"] = {{"version", "2.0"}};
  j["scene"] = 0;
  j["scenes"] = json::array({{{"nodes", {0}}}});
  j["nodes"] = json::array({{{"mesh", 0}, {"name", "triangle"}}});
  j["meshes"] = json::array({{{"primitives", json::array({{{"attributes", {{"POSITION", 0}, {"NORMAL", 1}}}, {"indices", 2}}})}}});
  j["buffers"] = json::array({{{"byteLength", buf.size()}, {"uri", "data:application/octet-stream;base64," + base64(buf)}}});
  j["bufferViews"] = json::array({{{"buffer", 0}, {"byteOffset", 0}, {"byteLength", 72}, {"byteStride", 12}},
                                  {{"buffer", 0}, {"byteOffset", 72}, {"byteLength", 6}}});
  j["accessors"] = json::array({{{"bufferView", 0}, {"byteOffset", 0}, {"componentType", 5126}, {"count", 3}, {"type", "VEC3"},
                                 {"min", {0, 0, 0}}, {"max", {1, 1, 0}}},
                                {{"bufferView", 0}, {"byteOffset", 36}, {"componentType", 5126}, {"count", 3}, {"type", "VEC3"}},
                                {{"bufferView", 1}, {"componentType", 5123}, {"count", 3}, {"type", "SCALAR"}}});
  return j;
}

std::vector<uint8_t> triangleGlb(bool batchIds, float batchId) {
  using nlohmann::json;
  std::vector<uint8_t> bin = triangleBuffer();
  json j = triangleGltf();
  if (batchIds) {
    const size_t at = bin.size();
    for (int k = 0; k < 3; ++k) {
      uint8_t b[4];
      std::memcpy(b, &batchId, 4);
      bin.insert(bin.end(), b, b + 4);
    }
    j["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", at}, {"byteLength", 12}});
    j["accessors"].push_back({{"bufferView", 2}, {"componentType", 5126}, {"count", 3}, {"type", "SCALAR"}});
    j["meshes"][0]["primitives"][0]["attributes"]["_BATCHID"] = 3;
  }
  return glbOf(j, std::move(bin));
}

std::vector<uint8_t> glbOf(nlohmann::json j, std::vector<uint8_t> bin) {
  j["buffers"][0] = {{"byteLength", bin.size()}};
  std::string text = j.dump();
  while (text.size() % 4) text.push_back(' ');
  while (bin.size() % 4) bin.push_back(0);
  auto u32 = [](std::vector<uint8_t>& out, uint32_t v) {
    for (int k = 0; k < 4; ++k) out.push_back(static_cast<uint8_t>(v >> (8 * k)));
  };
  std::vector<uint8_t> glb = {'g', 'l', 'T', 'F'};
  u32(glb, 2);
  u32(glb, static_cast<uint32_t>(12 + 8 + text.size() + 8 + bin.size()));
  u32(glb, static_cast<uint32_t>(text.size()));
  u32(glb, 0x4E4F534A);
  glb.insert(glb.end(), text.begin(), text.end());
  u32(glb, static_cast<uint32_t>(bin.size()));
  u32(glb, 0x004E4942);
  glb.insert(glb.end(), bin.begin(), bin.end());
  return glb;
}

std::vector<uint8_t> b3dm(const std::string& featureJson, const std::vector<uint8_t>& featureBin,
                          const std::string& batchJson, const std::vector<uint8_t>& batchBin,
                          const std::vector<uint8_t>& glb) {
  auto padded = [](std::string text) {
    while ((28 + text.size()) % 8) text.push_back(' ');
    return text;
  };
  const std::string ft = padded(featureJson), bt = batchJson.empty() ? std::string() : padded(batchJson);
  std::vector<uint8_t> out = {'b', '3', 'd', 'm'};
  auto u32 = [&](uint32_t v) {
    for (int k = 0; k < 4; ++k) out.push_back(static_cast<uint8_t>(v >> (8 * k)));
  };
  u32(1);
  u32(static_cast<uint32_t>(28 + ft.size() + featureBin.size() + bt.size() + batchBin.size() + glb.size()));
  u32(static_cast<uint32_t>(ft.size()));
  u32(static_cast<uint32_t>(featureBin.size()));
  u32(static_cast<uint32_t>(bt.size()));
  u32(static_cast<uint32_t>(batchBin.size()));
  out.insert(out.end(), ft.begin(), ft.end());
  out.insert(out.end(), featureBin.begin(), featureBin.end());
  out.insert(out.end(), bt.begin(), bt.end());
  out.insert(out.end(), batchBin.begin(), batchBin.end());
  out.insert(out.end(), glb.begin(), glb.end());
  return out;
}

ImageDiff compareImages(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, uint32_t width, uint32_t height,
                        int threshold, const fs::path& diffPath) {
  ImageDiff d;
  RgbaImage diff;
  diff.width = width;
  diff.height = height;
  diff.pixels.assign(size_t(width) * height * 4, 0);
  for (size_t i = 0; i < size_t(width) * height; ++i) {
    int worst = 0;
    for (int c = 0; c < 4; ++c) worst = std::max(worst, std::abs(int(a[i * 4 + c]) - int(b[i * 4 + c])));
    d.maxDelta = std::max(d.maxDelta, worst);
    bool bad = worst > threshold;
    d.differing += bad;
    uint8_t grey = static_cast<uint8_t>((a[i * 4] + a[i * 4 + 1] + a[i * 4 + 2]) / 6);
    diff.pixels[i * 4 + 0] = bad ? 255 : grey;
    diff.pixels[i * 4 + 1] = bad ? 0 : grey;
    diff.pixels[i * 4 + 2] = bad ? 0 : grey;
    diff.pixels[i * 4 + 3] = 255;
  }
  d.fraction = double(d.differing) / double(size_t(width) * height);
  if (!diffPath.empty()) exporter::writePng(diffPath, diff);
  return d;
}

std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CommandResult run(const std::string& commandLine) {
  CommandResult r;
  std::string cmd = commandLine + " 2>&1 >/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.stderrText.append(buf.data(), n);
  int status = pclose(p);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return r;
}

}  // namespace ct::test
