// Flood benchmark: a new level over a 1000 x 1000 synthetic valley (bathtub fill with connectivity from one seed
// in the river). Prints JSON, one object per level; never fails on time.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "sim/flood.h"

namespace {

// A meandering river valley along x with rolling banks (1 m cells, heights in metres; the floor at ~0 m).
ct::geo::Raster valley(int n) {
  ct::geo::Raster r;
  r.cols = r.rows = n;
  r.gt[0] = 0.0, r.gt[1] = 1.0, r.gt[2] = 0.0, r.gt[3] = double(n), r.gt[4] = 0.0, r.gt[5] = -1.0;
  r.values.resize(size_t(n) * size_t(n));
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col) {
      double centre = 0.5 * n + 0.12 * n * std::sin(col * 0.011);
      double d = std::abs(row - centre);
      double h = 0.02 * d + 1.5 * std::sin(col * 0.05) * std::sin(row * 0.043) + 0.5 * std::sin(col * 0.31 + row * 0.17);
      r.values[r.index(col, row)] = float(std::max(0.0, h));
    }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::max(16, std::atoi(argv[1])) : 1000;
  const int reps = argc > 2 ? std::max(3, std::atoi(argv[2])) : 21;
  ct::geo::Raster terrain = valley(n);
  std::vector<ct::sim::Seed> seeds{ct::sim::Seed::cell(0, int(0.5 * n))};
  const double levels[] = {0.5, 2.0, 5.0, 10.0, 20.0};
  std::printf("[\n");
  for (size_t li = 0; li < std::size(levels); ++li) {
    std::vector<double> ms;
    size_t wet = 0;
    for (int i = 0; i < reps; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      auto extent = ct::sim::floodFromLevel(terrain, levels[li], seeds);
      auto t1 = std::chrono::steady_clock::now();
      if (!extent) {
        std::fprintf(stderr, "%s\n", extent.firstError().c_str());
        return 1;
      }
      wet = extent->wetCells;
      ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    double median = ms[ms.size() / 2];
    double p95 = ms[std::min(ms.size() - 1, size_t(std::ceil(0.95 * double(ms.size()))) - 1)];
    std::printf("  {\"level\": %.1f, \"cells\": %zu, \"wet\": %zu, \"ms_median\": %.3f, \"ms_p95\": %.3f}%s\n", levels[li],
                terrain.values.size(), wet, median, p95, li + 1 < std::size(levels) ? "," : "");
  }
  std::printf("]\n");
  return 0;
}
