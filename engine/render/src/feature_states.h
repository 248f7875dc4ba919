// The per-feature state the shaders read (shader::FeatureState per feature row), kept on the CPU with a version
// so that each frame in flight copies it into its own buffer only when it changed.
#pragma once
#include <cstdint>
#include <vector>

#include "common/shared.h"
#include "render/feature_style.h"

namespace ct::render {

// tint.a clamped to 0..1; hidden sets kFeatureHidden in the flags.
shader::FeatureState packFeatureStyle(const FeatureStyle& style);

class FeatureStates {
 public:
  explicit FeatureStates(size_t rows) : mRows(rows > 0 ? rows : 1), mCount(rows) {}  // never empty: buffers need a size
  // False (and nothing changes) for rows past the table.
  bool set(uint32_t row, const FeatureStyle& style);
  void clear();
  const std::vector<shader::FeatureState>& rows() const { return mRows; }
  uint64_t version() const { return mVersion; }

 private:
  std::vector<shader::FeatureState> mRows;
  size_t mCount = 0;  // the feature table's rows
  uint64_t mVersion = 1;
};

}  // namespace ct::render
