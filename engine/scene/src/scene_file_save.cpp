// Atomic scene saving: temp file in the target's folder, fsync, rename over the target, fsync the folder. A
// crash or a failure at any step leaves the previous file as it was.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "scene_file_internal.h"

namespace ct::scene {

namespace detail {

namespace {
int realOpen(const char* path, int flags, unsigned mode) { return ::open(path, flags, static_cast<mode_t>(mode)); }
long realWrite(int fd, const void* data, size_t size) { return static_cast<long>(::write(fd, data, size)); }
int realRename(const char* from, const char* to) { return std::rename(from, to); }
}  // namespace

Result<bool> saveSceneFileWith(const SceneSpec& spec, const std::string& path, const SaveHooks& hooks) {
  namespace fs = std::filesystem;
  auto failed = [&](const std::string& why) { return Result<bool>::fail(path + ": cannot save: " + why); };
  auto openFn = hooks.open ? hooks.open : realOpen;
  auto writeFn = hooks.write ? hooks.write : realWrite;
  auto renameFn = hooks.rename ? hooks.rename : realRename;

  std::error_code ec;
  fs::path target = fs::absolute(path, ec);
  if (ec || path.empty()) return failed("not a usable path");
  target = target.lexically_normal();
  // A link is followed so that the file it names is replaced, not the link.
  if (fs::is_symlink(target, ec)) {
    fs::path resolved = fs::weakly_canonical(target, ec);
    if (!ec) target = resolved;
  }
  if (!target.has_filename()) return failed("not a file name");
  const fs::path dir = target.parent_path();
  struct stat old {};
  const bool exists = ::stat(target.c_str(), &old) == 0;
  if (exists && !S_ISREG(old.st_mode)) return failed("exists and is not a regular file");

  SceneSpec rebased = spec;
  rebased.baseDir = dir.string();
  const std::string text = sceneToJson(rebased);

  static std::atomic<unsigned> counter{0};
  fs::path tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    std::string name = target.filename().string();  // appended piecewise: g++ 12 warns (-Wrestrict) on "." + s
    name.insert(name.begin(), '.');
    name += ".tmp-";
    name += std::to_string(::getpid());
    name += '-';
    name += std::to_string(counter++);
    tmp = dir / name;
    fd = openFn(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return failed("cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno));
  if (exists) (void)::fchmod(fd, old.st_mode & 07777);  // keep the old file's permissions

  auto abandon = [&](const std::string& why) {
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return failed(why);
  };
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    const long w = writeFn(fd, p, left);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return abandon(std::string("write failed: ") + (w < 0 ? std::strerror(errno) : "no progress"));
    p += w;
    left -= static_cast<size_t>(w);
  }
  if (::fsync(fd) != 0) return abandon(std::string("fsync failed: ") + std::strerror(errno));
  const int closed = ::close(fd);
  fd = -1;
  if (closed != 0) return abandon(std::string("close failed: ") + std::strerror(errno));
  if (renameFn(tmp.c_str(), target.c_str()) != 0) {
    return abandon("cannot rename the temporary file over " + target.string() + ": " + std::strerror(errno));
  }
  // The rename is durable only once the folder's entry is on disk; the file is already replaced, so a failure
  // here is a warning.
  std::vector<std::string> warnings;
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0 || ::fsync(dfd) != 0) {
    warnings.push_back(path + ": saved, but the folder could not be synced: " + std::strerror(errno));
  }
  if (dfd >= 0) ::close(dfd);
  return Result<bool>::ok(true, std::move(warnings));
}

}  // namespace detail

Result<bool> saveSceneFile(const SceneSpec& spec, const std::string& path) {
  return detail::saveSceneFileWith(spec, path, {});
}

}  // namespace ct::scene
