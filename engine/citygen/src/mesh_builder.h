// Flat-shaded mesh construction for generated geometry: every face gets its own vertices and normal, and
// its winding is fixed from an outward hint, so callers cannot get a face inside out.
#pragma once
#include <glm/glm.hpp>

#include "scene/scene.h"

namespace ct::citygen {

class MeshBuilder {
 public:
  // A planar quad a-b-c-d (in order around its edge), wound so that its normal points along `outward`.
  void quad(glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, glm::vec3 outward);
  // A vertical wall quad (as quad) with facade UVs: u counts bays from its left edge (seen from outside;
  // a whole number of bays about `bay` metres wide), v counts storeys of `storey` metres down from
  // `storeyBase`, both divided by the tile's size (facades.h).
  void wall(glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, glm::vec3 outward, float storeyBase, float storey,
            float bay);
  void triangle(glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 outward);
  // An axis-aligned box; the bottom face is left out unless asked for (it stands on something).
  void box(glm::vec3 lo, glm::vec3 hi, bool bottom = false);
  // A gable roof over the rectangle lo.xz..hi.xz whose eaves are at lo.y and ridge at hi.y, the ridge
  // running along X (alongX) or Z, with the slopes overhanging by `overhang` metres.
  void gableRoof(glm::vec3 lo, glm::vec3 hi, bool alongX, float overhang);
  // A vertical prism of `sides` sides around centre (radius at bottom and top may differ: a cone), with
  // caps where asked (stacked prisms leave out the caps hidden between them).
  void prism(glm::vec3 base, float height, float radiusBottom, float radiusTop, int sides, bool bottomCap = true,
             bool topCap = true);

  bool empty() const { return mPrim.indices.empty(); }
  // Hands over the primitive (with bounds) and starts afresh.
  scene::Primitive take(int material);

 private:
  scene::Primitive mPrim;
};

}  // namespace ct::citygen
