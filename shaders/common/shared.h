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
  vec4 viewForward;     // xyz: unit view direction, w: radians per pixel (at the centre of the view)
  vec4 clusterParams;   // x: near depth of slice 0, y: slices / ln(far / near), z, w: tile width, height in pixels
  uvec4 clusterGrid;    // x, y: tiles across, down; z: depth slices; w: visible point lights
  vec4 night;           // x: lit windows 0..1, y: 1 when the sun is dark (no shadow map this frame), zw: unused
};

// Clusters of the point-light grid: screen tiles x exponential depth slices (render/src/light_clusters.h).
// A visible point light, in a storage buffer: eye-relative position and what the shaders need. 32 bytes.
struct PointLightData {
  vec4 positionRadius;  // xyz: eye-relative world position, w: radius (no light beyond it)
  vec4 color;           // rgb: linear colour times intensity, w: halo size in metres
};

// Per-material constants; texture slots: 0 base colour, 1 metallic-roughness, 2 normal, 3 occlusion, 4 emissive.
struct MaterialData {
  vec4 baseColorFactor;
  vec4 emissiveCutoff;  // rgb: emissive factor, a: alpha cutoff
  vec4 pbr;             // x: metallic, y: roughness, z: normal scale, w: occlusion strength
  ivec4 texCoords;      // UV set of slots 0..3
  ivec4 flags;          // x: UV set of slot 4, y: alpha mode (0 opaque, 1 mask, 2 blend), z: unlit, w: bit per slot with an image
  vec4 uvTransform[10]; // two rows of a 2x3 affine transform per slot
  vec4 windowLight;     // rgb: light behind glass at night (linear), a: share of windows lit (facade materials)
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
  uint flags;  // kFeature* (render/feature_style.h)
  uint reserved0;
  uint reserved1;
};
#ifdef __cplusplus
#define CT_SHADER_CONST inline constexpr
#else
#define CT_SHADER_CONST const
#endif
CT_SHADER_CONST uint kFeatureHidden = 1u;    // drawn nowhere: colour, shadows, ids
CT_SHADER_CONST uint kFeatureUnlit = 2u;     // exactly tint.rgb (sRGB) on screen
CT_SHADER_CONST uint kFeatureNoData = 4u;
CT_SHADER_CONST uint kFeatureFlooded = 8u;
CT_SHADER_CONST uint kFeatureSelected = 16u;
#undef CT_SHADER_CONST

#ifdef __cplusplus
static_assert(sizeof(FeatureState) == 32);
static_assert(sizeof(FrameData) == 3 * 64 + 10 * 16);
static_assert(sizeof(PointLightData) == 32);
static_assert(sizeof(MaterialData) == 6 * 16 + 10 * 16 + 16);
static_assert(sizeof(DrawData) == 128);
}  // namespace ct::shader
#endif
