// Helpers for citytwin tests: shared-data lookup, temporary folders, a small glTF writer, image comparison.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ct::test {

// The repository's root folder.
std::filesystem::path sourceDir();
// ../shared/data beside the repository (or $CITYTWIN_SHARED_DATA); empty when absent.
std::filesystem::path sharedData();
// Path of a Khronos sample model, e.g. khronos("Box/glTF-Binary/Box.glb"); empty when shared data is missing.
std::filesystem::path khronos(const std::string& relative);

// A fresh, empty folder under the build tree's test-output area.
std::filesystem::path tempDir(const std::string& name);
void writeText(const std::filesystem::path& path, const std::string& text);
void writeBytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes);
std::vector<uint8_t> readBytes(const std::filesystem::path& path);

std::string base64(const std::vector<uint8_t>& bytes);

// A one-triangle glTF (positions, normals, uint16 indices) with an embedded data: buffer; tests then edit it.
nlohmann::json triangleGltf();
// The raw buffer of triangleGltf(): 3 float3 positions, 3 float3 normals, 3 uint16 indices (+ pad).
std::vector<uint8_t> triangleBuffer();

// The triangle as a GLB (one BIN chunk); with batchIds, a _BATCHID attribute gives its vertices `batchId`.
std::vector<uint8_t> triangleGlb(bool batchIds = false, float batchId = 0.0f);
// A GLB of `j` whose buffer 0 becomes the BIN chunk `bin`.
std::vector<uint8_t> glbOf(nlohmann::json j, std::vector<uint8_t> bin);
// A b3dm tile around a GLB: feature table JSON (+ binary) and batch table JSON (+ binary), padded as 3D Tiles
// asks (JSON with spaces to 8 bytes).
std::vector<uint8_t> b3dm(const std::string& featureJson, const std::vector<uint8_t>& featureBin,
                          const std::string& batchJson, const std::vector<uint8_t>& batchBin,
                          const std::vector<uint8_t>& glb);

struct ImageDiff {
  uint64_t differing = 0;  // pixels whose largest channel difference exceeds the threshold
  double fraction = 0.0;
  int maxDelta = 0;
};
// Compares two RGBA8 images of equal size; writes a diff image (red = differing) when diffPath is non-empty.
ImageDiff compareImages(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, uint32_t width, uint32_t height,
                        int threshold, const std::filesystem::path& diffPath = {});

// Runs a command line, returning its exit code and what it printed to stderr (stdout is discarded).
struct CommandResult {
  int exitCode = -1;
  std::string stderrText;
};
CommandResult run(const std::string& commandLine);
std::string shellQuote(const std::string& s);

}  // namespace ct::test
