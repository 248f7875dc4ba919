// Option parsing helpers for the CLI commands (strict: malformed values are errors, not guesses).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "render/renderer.h"

namespace ct::app {

// Splits "a,b,c" into numbers; fails unless there are between minCount and maxCount finite values.
Result<std::vector<double>> parseNumberList(const std::string& text, size_t minCount, size_t maxCount);
// A positive integer no larger than `max`.
Result<long> parsePositive(const std::string& text, long max);

// --width, --height, --samples, --device, --camera, --background, --aov: nullopt when `option` is none of
// them; otherwise "" on success or the error message.
std::optional<std::string> parseViewOption(const std::string& option, const std::string& value,
                                           render::RenderSettings& settings, int& device);

// Walks argv; `next()` returns the value that follows an option, or an error.
class ArgReader {
 public:
  ArgReader(int argc, char** argv, int start) : mArgs(argv + start, argv + argc) {}
  bool done() const { return mPos >= mArgs.size(); }
  const std::string& peek() const { return mArgs[mPos]; }
  std::string take() { return mArgs[mPos++]; }
  Result<std::string> value(const std::string& option);

 private:
  std::vector<std::string> mArgs;
  size_t mPos = 0;
};

}  // namespace ct::app
