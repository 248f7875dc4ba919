// Structs shared by C++ and GLSL (std140 / push-constant layout: vec4 and mat4 members only).
#ifdef __cplusplus
#pragma once
#include <cstdint>

#include <glm/glm.hpp>
namespace ct::shader {
using vec4 = glm::vec4;
using ivec4 = glm::ivec4;
using uvec4 = glm::uvec4;
using mat4 = glm::mat4;
using uint = uint32_t;
#endif

// Per-frame constants. Positions are relative to the eye (the camera sits at the origin).
struct FrameData {
  mat4 viewProj;        // eye-relative world -> clip (reverse-Z, infinite far)
  mat4 invViewProj;
  mat4 shadowViewProj;  // eye-relative world -> sun clip space
  vec4 sunDirection;    // xyz: unit vector towards the sun
  vec4 sunColor;        // rgb: colour times intensity
  vec4 skyZenith;
  vec4 skyHorizon;
  vec4 groundColor;
  vec4 params;          // x: exposure, y: 1 = transparent background, z: shadow texel in world units, w: haze density
};

// Per-material constants; texture slots: 0 base colour, 1 metallic-roughness, 2 normal, 3 occlusion, 4 emissive.
struct MaterialData {
  vec4 baseColorFactor;
  vec4 emissiveCutoff;  // rgb: emissive factor, a: alpha cutoff
  vec4 pbr;             // x: metallic, y: roughness, z: normal scale, w: occlusion strength
  ivec4 texCoords;      // UV set of slots 0..3
  ivec4 flags;          // x: UV set of slot 4, y: alpha mode (0 opaque, 1 mask, 2 blend), z: unlit, w: bit per slot with an image
  vec4 uvTransform[10]; // two rows of a 2x3 affine transform per slot
  ivec4 featureIds;     // feature id texture (slot 5, id image only): x bit 0 on, bit 1 UV set 1, bits 2-4 channel
                        // count, bits 8+2k channel k; y row base; z first id; w null id (-1: none)
};

// Per-instance data, in the frame's storage buffer (indexed by gl_InstanceIndex; firstInstance selects a
// draw's range). 128 bytes.
struct DrawData {
  mat4 model;          // mesh -> eye-relative world
  vec4 normalCols[3];  // columns of the inverse-transpose of model's 3x3
  uvec4 ids;           // x: the instance's feature (row + 1; 0 none) for vertices without their own
};

// Per feature row, in a storage buffer (std430) every model, shadow and id shader reads (render::FeatureStyle).
// 32 bytes.
struct FeatureState {
  vec4 tint;   // rgb: colour the surface is mixed towards, a: how much (0..1)
  float value; // a data value bound to the feature (layers colour by it)
  uint flags;  // kFeatureHidden, more to come
  uint reserved0;
  uint reserved1;
};
#ifdef __cplusplus
inline constexpr uint kFeatureHidden = 1u;  // drawn nowhere: colour, shadows, ids
#else
const uint kFeatureHidden = 1u;
#endif

#ifdef __cplusplus
static_assert(sizeof(FeatureState) == 32);
static_assert(sizeof(FrameData) == 3 * 64 + 6 * 16);
static_assert(sizeof(MaterialData) == 5 * 16 + 10 * 16 + 16);
static_assert(sizeof(DrawData) == 128);
}  // namespace ct::shader
#endif
