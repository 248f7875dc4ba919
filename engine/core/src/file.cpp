// Whole-file reading with size limits, and atomic replacement of files.
#include "core/file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ct {

Result<std::vector<uint8_t>> readFile(const std::filesystem::path& path, uint64_t maxBytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Result<std::vector<uint8_t>>::fail("is a directory");
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Result<std::vector<uint8_t>>::fail(std::string("cannot open: ") + std::strerror(errno));
  // Sized once from the file's length (growing chunk by chunk copied a 500 MB city several times over);
  // a file that grows while being read is still read to its end.
  std::vector<uint8_t> bytes;
  std::error_code sizeError;
  const uintmax_t expected = std::filesystem::file_size(path, sizeError);
  if (!sizeError && expected > maxBytes) {
    std::fclose(f);
    return Result<std::vector<uint8_t>>::fail("file is larger than the supported maximum");
  }
  bytes.resize(sizeError ? 0 : static_cast<size_t>(expected));
  size_t got = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), f);
  bytes.resize(got);
  uint8_t chunk[1 << 16];
  size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (bytes.size() + n > maxBytes) {
      std::fclose(f);
      return Result<std::vector<uint8_t>>::fail("file is larger than the supported maximum");
    }
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  bool bad = std::ferror(f) != 0;
  std::fclose(f);
  if (bad) return Result<std::vector<uint8_t>>::fail("read error");
  return Result<std::vector<uint8_t>>::ok(std::move(bytes));
}

Result<bool> writeFileAtomic(const std::filesystem::path& path, const void* data, size_t size) {
  std::filesystem::path tmp = path;
  tmp += ".tmp" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return Result<bool>::fail(std::string("cannot create ") + tmp.string() + ": " + std::strerror(errno));
  const auto* p = static_cast<const uint8_t*>(data);
  size_t left = size;
  while (left > 0) {
    ssize_t w = ::write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      std::string msg = std::string("write failed: ") + std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Result<bool>::fail(msg);
    }
    p += w;
    left -= static_cast<size_t>(w);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return Result<bool>::fail(std::string("cannot flush ") + tmp.string());
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string msg = std::string("cannot rename into place: ") + std::strerror(errno);
    ::unlink(tmp.c_str());
    return Result<bool>::fail(msg);
  }
  return Result<bool>::ok(true);
}

}  // namespace ct
