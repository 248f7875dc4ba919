// Confinement of glTF file references to the model's folder.
#include "confined_fs.h"

#include <tiny_gltf.h>

#include "core/file.h"

namespace ct::io {
namespace fs = std::filesystem;

ConfinedFs::ConfinedFs(fs::path root) {
  std::error_code ec;
  mRoot = fs::weakly_canonical(fs::absolute(root, ec), ec);
}

bool ConfinedFs::allowed(const std::string& path) {
  // tinygltf joins "<root>/<decoded uri>"; look at the URI part as written.
  std::string rootStr = mRoot.string();
  std::string rel = path;
  if (rel.rfind(rootStr, 0) == 0) rel = rel.substr(rootStr.size());
  while (!rel.empty() && rel.front() == '/') {
    rel.erase(0, 1);
    if (!rel.empty() && rel.front() == '/') {  // "<root>//x": the URI itself was absolute
      mViolation = "absolute path '/" + rel.substr(1) + "' is not allowed";
      return false;
    }
  }
  if (rel.find("://") != std::string::npos || rel.rfind("file:", 0) == 0) {
    mViolation = "URI '" + rel + "' is not a relative file path";
    return false;
  }
  std::error_code ec;
  fs::path full = fs::weakly_canonical(mRoot / fs::path(rel).lexically_normal(), ec);
  if (ec) return false;
  auto [rootEnd, fullIt] = std::mismatch(mRoot.begin(), mRoot.end(), full.begin(), full.end());
  if (rootEnd != mRoot.end()) {
    mViolation = "URI '" + rel + "' points outside the model's folder";
    return false;
  }
  return true;
}

namespace {
bool fileExists(const std::string& path, void* user) {
  auto* self = static_cast<ConfinedFs*>(user);
  if (!self->allowed(path)) return false;
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}
std::string expandPath(const std::string& path, void*) { return path; }  // no shell-style expansion
bool readWholeFile(std::vector<unsigned char>* out, std::string* err, const std::string& path, void* user) {
  auto* self = static_cast<ConfinedFs*>(user);
  if (!self->allowed(path)) {
    if (err) *err += self->violation() + "\n";
    return false;
  }
  auto bytes = ct::readFile(path);
  if (!bytes) {
    if (err) *err += "cannot read '" + path + "': " + bytes.firstError() + "\n";
    return false;
  }
  *out = std::move(bytes.value());
  return true;
}
bool writeWholeFile(std::string* err, const std::string&, const std::vector<unsigned char>&, void*) {
  if (err) *err += "writing is not supported\n";
  return false;
}
}  // namespace

void ConfinedFs::install(tinygltf::FsCallbacks& callbacks) {
  callbacks.FileExists = &fileExists;
  callbacks.ExpandFilePath = &expandPath;
  callbacks.ReadWholeFile = &readWholeFile;
  callbacks.WriteWholeFile = &writeWholeFile;
  callbacks.user_data = this;
}

}  // namespace ct::io
