// Strict number parsing for CLI options.
#include "args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace ct::app {

Result<std::vector<double>> parseNumberList(const std::string& text, size_t minCount, size_t maxCount) {
  std::vector<double> values;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    const char* s = part.c_str();
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(s, &end);
    if (part.empty() || end == s || *end != '\0' || errno == ERANGE || !std::isfinite(v))
      return Result<std::vector<double>>::fail("'" + part + "' is not a number");
    values.push_back(v);
  }
  if (!text.empty() && text.back() == ',') return Result<std::vector<double>>::fail("trailing comma in '" + text + "'");
  if (values.size() < minCount || values.size() > maxCount)
    return Result<std::vector<double>>::fail("expected " + std::to_string(minCount) +
                                             (maxCount != minCount ? " to " + std::to_string(maxCount) : "") +
                                             " comma-separated numbers, got " + std::to_string(values.size()));
  return Result<std::vector<double>>::ok(std::move(values));
}

Result<long> parsePositive(const std::string& text, long max) {
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || v <= 0 || v > max)
    return Result<long>::fail("'" + text + "' is not an integer between 1 and " + std::to_string(max));
  return Result<long>::ok(v);
}

Result<std::string> ArgReader::value(const std::string& option) {
  if (done()) return Result<std::string>::fail(option + " needs a value");
  return Result<std::string>::ok(take());
}

}  // namespace ct::app
