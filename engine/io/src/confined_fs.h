// File callbacks for tinygltf that refuse anything outside the model's folder (no absolute paths, no '..' escape).
#pragma once
#include <filesystem>
#include <string>

namespace tinygltf {
struct FsCallbacks;
}

namespace ct::io {

class ConfinedFs {
 public:
  explicit ConfinedFs(std::filesystem::path root);
  void install(tinygltf::FsCallbacks& callbacks);
  // Set when a URI pointed outside the root; the load must then fail.
  const std::string& violation() const { return mViolation; }
  // True when `path` (as tinygltf built it from root + URI) stays inside the root.
  bool allowed(const std::string& path);

 private:
  std::filesystem::path mRoot;
  std::string mViolation;
};

}  // namespace ct::io
