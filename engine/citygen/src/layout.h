// The street plan of a generated district: a grid of blocks of varied size, wider avenues every few
// streets, and the lots each block is cut into.
#pragma once
#include <vector>

#include "rng.h"

namespace ct::citygen {

struct Rect {
  float x0 = 0, z0 = 0, x1 = 0, z1 = 0;
  float width() const { return x1 - x0; }
  float depth() const { return z1 - z0; }
  float cx() const { return 0.5f * (x0 + x1); }
  float cz() const { return 0.5f * (z0 + z1); }
  Rect inset(float d) const { return {x0 + d, z0 + d, x1 - d, z1 - d}; }
};

struct Street {
  Rect area;
  bool alongX = false;  // the direction traffic runs
  bool avenue = false;
};

struct Block {
  Rect area;             // kerb to kerb
  float centrality = 0;  // 1 at the district centre, falling towards the edge
  bool park = false;
  bool removed = false;  // in the river valley: no slab, no buildings
  float top = 0.15f;     // the slab's top (the buildings' base), set when the city is built
  float bottom = -0.05f;
};

struct Layout {
  Rect extent;  // streets and blocks together
  std::vector<Street> streets;
  std::vector<Block> blocks;  // nearest the centre first
};

// A grid with room for about `buildings * spare` buildings.
Layout makeLayout(int buildings, float spare, Rng& rng);
// Cuts a block (less its sidewalk) into building lots along its edges.
std::vector<Rect> cutLots(const Rect& inner, Rng& rng);

}  // namespace ct::citygen
