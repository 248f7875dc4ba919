// File callbacks for tinygltf that refuse anything outside the model's folder: no absolute paths, no schemes,
// no '~', no '..' escape, no symlink that leads out. The path checked is the canonical one (symlinks resolved),
// and that same canonical path is the one opened.
#pragma once
#include <filesystem>
#include <string>

namespace tinygltf {
struct FsCallbacks;
}

namespace ct::io {

class ConfinedFs {
 public:
  // `root` must be the canonical folder that tinygltf is given as its base directory.
  explicit ConfinedFs(std::filesystem::path root);
  void install(tinygltf::FsCallbacks& callbacks);
  // Set when a URI pointed outside the root; the load must then fail.
  const std::string& violation() const { return mViolation; }
  // The canonical root: the base directory to hand to tinygltf.
  const std::filesystem::path& root() const { return mRoot; }
  // The canonical path to open for `path` (as tinygltf built it from root + URI), or empty when it leaves the
  // root (and violation() says why) or was not built from the root (tinygltf's second try in the working
  // directory, which is never searched).
  std::filesystem::path resolve(const std::string& path);

 private:
  std::filesystem::path mRoot;
  std::string mViolation;
};

}  // namespace ct::io
