// A small deterministic random generator (SplitMix64): the same seed gives the same city on every platform,
// which std::uniform_*_distribution does not promise.
#pragma once
#include <cstdint>

namespace ct::citygen {

class Rng {
 public:
  explicit Rng(uint64_t seed) : mState(seed) {}
  uint64_t next() {
    uint64_t z = (mState += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
  // Uniform integer in [lo, hi].
  int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
  bool chance(double p) { return unit() < p; }
  // An independent stream for a sub-task, so adding draws in one place does not reshuffle another.
  Rng fork(uint64_t salt) { return Rng(next() ^ (salt * 0xD1B54A32D192ED03ull)); }

 private:
  uint64_t mState;
};

}  // namespace ct::citygen
