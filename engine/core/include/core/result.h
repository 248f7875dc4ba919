// Result<T>: a value or errors, plus warnings. Bad outside input travels as a Result, never as an exception.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ct {

struct Diagnostics {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;

  void error(std::string msg) { errors.push_back(std::move(msg)); }
  void warn(std::string msg) { warnings.push_back(std::move(msg)); }
  bool failed() const { return !errors.empty(); }
  void append(const Diagnostics& other) {
    errors.insert(errors.end(), other.errors.begin(), other.errors.end());
    warnings.insert(warnings.end(), other.warnings.begin(), other.warnings.end());
  }
};

template <typename T>
class Result {
 public:
  Result() = default;
  static Result ok(T value, std::vector<std::string> warnings = {}) {
    Result r;
    r.mValue = std::move(value);
    r.mDiag.warnings = std::move(warnings);
    return r;
  }
  static Result fail(std::string error, std::vector<std::string> warnings = {}) {
    Result r;
    r.mDiag.errors.push_back(std::move(error));
    r.mDiag.warnings = std::move(warnings);
    return r;
  }
  static Result fromDiagnostics(Diagnostics diag, std::optional<T> value) {
    Result r;
    r.mDiag = std::move(diag);
    if (!r.mDiag.failed()) r.mValue = std::move(value);
    return r;
  }

  bool ok() const { return mValue.has_value() && mDiag.errors.empty(); }
  explicit operator bool() const { return ok(); }
  T& value() { return *mValue; }
  const T& value() const { return *mValue; }
  T* operator->() { return &*mValue; }
  const std::vector<std::string>& errors() const { return mDiag.errors; }
  const std::vector<std::string>& warnings() const { return mDiag.warnings; }
  // The first error, the one line the CLI prints.
  std::string firstError() const { return mDiag.errors.empty() ? std::string() : mDiag.errors.front(); }

 private:
  std::optional<T> mValue;
  Diagnostics mDiag;
};

}  // namespace ct
