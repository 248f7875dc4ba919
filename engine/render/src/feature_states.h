// The per-feature state the shaders read (shader::FeatureState per feature row, the layout of FeatureStyle),
// kept on the CPU with the row ranges each frame in flight has not uploaded yet, so that a frame copies only
// what changed since it last ran.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "common/shared.h"
#include "render/feature_style.h"

namespace ct::render {

// A bit copy: FeatureStyle and shader::FeatureState are the same 32 bytes (checked in feature_states.cpp).
shader::FeatureState packFeatureStyle(const FeatureStyle& style);

class FeatureStates {
 public:
  // `rows`: the feature table's; never empty (buffers need a size). `consumers`: frames in flight.
  FeatureStates(size_t rows, size_t consumers);
  // False (and nothing changes) for rows past the table.
  bool set(uint32_t row, const FeatureStyle& style);
  // Copies the rows that lie inside the table; returns how many.
  size_t set(uint32_t firstRow, const FeatureStyle* styles, size_t count);
  void clear();
  const std::vector<shader::FeatureState>& rows() const { return mRows; }
  // Copies into `dst` (a buffer laid out like rows()) what consumer `i` has not seen, then marks it seen.
  // Returns the rows copied. Every consumer starts with the whole table to copy.
  size_t flush(size_t consumer, void* dst);
  // The ranges consumer `i` still has to copy (sorted, disjoint), for tests.
  std::vector<std::pair<size_t, size_t>> pending(size_t consumer);

 private:
  void markDirty(size_t begin, size_t end);
  static void normalize(std::vector<std::pair<size_t, size_t>>& ranges);

  std::vector<shader::FeatureState> mRows;
  size_t mCount = 0;  // the feature table's rows
  std::vector<std::vector<std::pair<size_t, size_t>>> mDirty;  // per consumer: [begin, end) row ranges
};

}  // namespace ct::render
