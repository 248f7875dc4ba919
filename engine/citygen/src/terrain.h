// The district's terrain: gentle undulation and tilt, cut by a meandering river valley (the flood plain of
// later what-if work). Heights in metres, Y up; the river runs roughly along X.
#pragma once
#include <string>
#include <vector>

#include "citygen/city_generator.h"
#include "layout.h"
#include "rng.h"

namespace ct::citygen {

using HeightGrid = TerrainGrid;

class Terrain {
 public:
  Terrain(const Rect& extent, Rng& rng);
  double height(double x, double z) const;
  // Distance (along Z) from the river's centre line.
  double riverDistance(double x, double z) const;
  double riverZ(double x) const;
  // The valley floor and its banks: no blocks, roads or lamps here.
  bool inCorridor(double x, double z, double margin = 0.0) const { return riverDistance(x, z) < kCorridor + margin; }
  double waterLevel(double x) const;  // the river's surface at x (it follows the valley floor down)
  HeightGrid grid(const Rect& area, double cell) const;

  static constexpr double kFloor = 28.0;     // half width of the flat valley floor
  static constexpr double kCorridor = 85.0;  // half width of floor and banks
  static constexpr double kDepth = 9.0;

 private:
  double mZc, mAmp, mPhase[3];
};


}  // namespace ct::citygen
