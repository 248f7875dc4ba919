// Atomic scene saving: temp file in the target's folder, fsync, rename over the target, fsync the folder. A
// crash or a failure at any step leaves the previous file as it was; the next save removes what a killed one left.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "scene_file_internal.h"

namespace ct::scene {

namespace detail {

namespace {
int realOpen(const char* path, int flags, unsigned mode) { return ::open(path, flags, static_cast<mode_t>(mode)); }
long realWrite(int fd, const void* data, size_t size) { return static_cast<long>(::write(fd, data, size)); }
int realRename(const char* from, const char* to) { return std::rename(from, to); }

bool olderThan(const struct stat& a, const struct stat& b) {
  return a.st_mtim.tv_sec < b.st_mtim.tv_sec ||
         (a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec < b.st_mtim.tv_nsec);
}

// Temp files "<prefix>PID-N" of saves that were killed before their rename: removed when their process is gone
// and they are older than the file just written. A live process's (another window saving the same scene) stays.
void removeStaleTemps(const std::filesystem::path& dir, const std::string& prefix,
                      const std::filesystem::path& target) {
  struct stat written {};
  if (::stat(target.c_str(), &written) != 0) return;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const size_t dash = rest.find('-');
    if (dash == 0 || dash == std::string::npos || dash > 9 || dash + 1 == rest.size() ||
        rest.find_first_not_of("0123456789-") != std::string::npos || rest.find('-', dash + 1) != std::string::npos) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(rest.substr(0, dash)));
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive (EPERM: alive, another user's)
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode) || !olderThan(st, written)) continue;
    ::unlink(it->path().c_str());
  }
}

// The kill-test seam (scene_file.h): pause half-way through the temp file while the named marker file exists.
void pauseForKillTest(const char* marker) {
  const int m = ::open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (m < 0) return;
  ::close(m);
  struct stat st {};
  for (int step = 0; step < 1500 && ::stat(marker, &st) == 0; ++step) ::usleep(20000);
}
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
  std::string text;
  try {
    text = sceneToJson(rebased);
  } catch (const nlohmann::json::exception&) {  // strings that are not UTF-8 (nlohmann refuses to write them)
    return failed("the scene holds text that is not valid UTF-8");
  }

  static std::atomic<unsigned> counter{0};
  std::string prefix = target.filename().string();  // appended piecewise: g++ 12 warns (-Wrestrict) on "." + s
  prefix.insert(prefix.begin(), '.');
  prefix += ".tmp-";
  fs::path tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    std::string name = prefix;
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
  auto writeAll = [&](const char* p, size_t left) -> std::string {
    while (left > 0) {
      const long w = writeFn(fd, p, left);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return std::string("write failed: ") + (w < 0 ? std::strerror(errno) : "no progress");
      p += w;
      left -= static_cast<size_t>(w);
    }
    return {};
  };
  const char* pauseMarker = std::getenv(kSavePauseEnv);
  const bool pause = pauseMarker && *pauseMarker;
  const size_t firstPart = pause ? text.size() / 2 : text.size();
  if (std::string why = writeAll(text.data(), firstPart); !why.empty()) return abandon(why);
  if (pause) {
    if (::fsync(fd) != 0) return abandon(std::string("fsync failed: ") + std::strerror(errno));
    pauseForKillTest(pauseMarker);
  }
  if (std::string why = writeAll(text.data() + firstPart, text.size() - firstPart); !why.empty()) return abandon(why);
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
  removeStaleTemps(dir, prefix, target);
  return Result<bool>::ok(true, std::move(warnings));
}

}  // namespace detail

Result<bool> saveSceneFile(const SceneSpec& spec, const std::string& path) {
  return detail::saveSceneFileWith(spec, path, {});
}

}  // namespace ct::scene
