// Confinement of glTF file references to the model's folder.
#include "confined_fs.h"

#include <tiny_gltf.h>

#include "core/file.h"
#include "load_budget.h"

namespace ct::io {
namespace fs = std::filesystem;

ConfinedFs::ConfinedFs(fs::path root) {
  std::error_code ec;
  mRoot = fs::weakly_canonical(fs::absolute(root, ec), ec);
}

fs::path ConfinedFs::resolve(const std::string& path) {
  auto refuse = [&](const std::string& why) {
    if (mViolation.empty()) mViolation = why;
    return fs::path();
  };
  // tinygltf joins "<root>/<decoded uri>": look at the URI as written first.
  const std::string rootStr = mRoot.string();
  // tinygltf also looks in the working directory ("./uri") when the file is not in the base directory: that
  // search finds nothing here (the file is missing, not an escape).
  if (path.rfind(rootStr, 0) != 0 || path.size() <= rootStr.size() || path[rootStr.size()] != '/') return {};
  const std::string uri(path, rootStr.size() + 1);
  if (uri.empty()) return refuse("empty URI");
  if (uri.front() == '/') return refuse("absolute path '" + uri + "' is not allowed");
  if (uri.front() == '~') return refuse("URI '" + uri + "' starts with '~': home-relative paths are not allowed");
  if (uri.find("://") != std::string::npos || uri.rfind("file:", 0) == 0)
    return refuse("URI '" + uri + "' is not a relative file path");
  // The canonical path (symlinks resolved as far as the path exists) is the one checked and the one opened.
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(mRoot / fs::path(uri), ec);
  if (ec) return refuse("URI '" + uri + "' cannot be resolved: " + ec.message());
  auto [rootEnd, at] = std::mismatch(mRoot.begin(), mRoot.end(), canonical.begin(), canonical.end());
  if (rootEnd != mRoot.end() || at == canonical.end())
    return refuse("URI '" + uri + "' points outside the model's folder");
  return canonical;
}

namespace {
bool fileExists(const std::string& path, void* user) {
  fs::path real = static_cast<ConfinedFs*>(user)->resolve(path);
  std::error_code ec;
  return !real.empty() && fs::is_regular_file(real, ec);
}
std::string expandPath(const std::string& path, void*) { return path; }  // no shell-style expansion
bool readWholeFile(std::vector<unsigned char>* out, std::string* err, const std::string& path, void* user) {
  auto* self = static_cast<ConfinedFs*>(user);
  const fs::path real = self->resolve(path);
  if (real.empty()) {
    if (err) *err += (self->violation().empty() ? "file not found" : self->violation()) + "\n";
    return false;
  }
  std::error_code ec;
  const std::string name = real.filename().string();
  if (!fs::is_regular_file(real, ec)) {
    if (err) *err += name + " is not a regular file\n";
    return false;
  }
  const uintmax_t size = fs::file_size(real, ec);
  std::string error;
  if (ec || !detail::chargeMemory(size, "the file " + name, error)) {
    if (err) *err += (ec ? "cannot read the size of " + name : error) + "\n";
    return false;
  }
  auto bytes = ct::readFile(real, size + 1);
  if (!bytes) {
    if (err) *err += "cannot read " + name + ": " + bytes.firstError() + "\n";
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
