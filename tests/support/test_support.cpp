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

ImageDiff compareImages(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, uint32_t width, uint32_t height,
                        int threshold, const fs::path& diffPath) {
  ImageDiff d;
  render::RgbaImage diff;
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
