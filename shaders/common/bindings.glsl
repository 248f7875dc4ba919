// Descriptor and push-constant declarations shared by the model shaders.
#include "shared.h"

layout(std140, set = 0, binding = 0) uniform FrameBlock { FrameData frame; };
layout(set = 0, binding = 1) uniform sampler2DShadow shadowMap;

layout(std140, set = 1, binding = 0) uniform MaterialBlock { MaterialData material; };
layout(set = 1, binding = 1) uniform sampler2D baseColorTex;
layout(set = 1, binding = 2) uniform sampler2D metallicRoughnessTex;
layout(set = 1, binding = 3) uniform sampler2D normalTex;
layout(set = 1, binding = 4) uniform sampler2D occlusionTex;
layout(set = 1, binding = 5) uniform sampler2D emissiveTex;
layout(set = 1, binding = 6) uniform sampler2D featureIdTex;

layout(std430, set = 0, binding = 2) readonly buffer InstanceBlock { DrawData instances[]; };
// Per feature row (render::FeatureStyle): tint, data value, flags.
layout(std430, set = 0, binding = 3) readonly buffer FeatureStateBlock { FeatureState featureState[]; };

// Point lights of the frame (the visible ones, eye-relative), and per cluster (tile x depth slice) the range of
// lightIndices naming those that reach into it (render/src/light_clusters.h).
layout(std430, set = 0, binding = 4) readonly buffer PointLightBlock { PointLightData pointLights[]; };
layout(std430, set = 0, binding = 5) readonly buffer ClusterBlock { uvec2 clusterRanges[]; };
layout(std430, set = 0, binding = 6) readonly buffer LightIndexBlock { uint lightIndices[]; };

vec3 srgbToLinear(vec3 c) {
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

// The feature of a vertex (its own, else its instance's), row + 1; 0: none.
uint featureOf(uint vertexFeature, DrawData draw) { return vertexFeature != 0u ? vertexFeature : draw.ids.x; }
bool featureHidden(uint feature) {
  return feature != 0u && (featureState[feature - 1u].flags & kFeatureHidden) != 0u;
}
// Where a hidden feature's vertices go: outside the clip volume, so its triangles are dropped.
const vec4 kHiddenPosition = vec4(2.0, 2.0, 2.0, 1.0);

vec2 slotUv(int slot, int set, vec2 uv0, vec2 uv1) {
  vec3 uv = vec3(set == 1 ? uv1 : uv0, 1.0);
  return vec2(dot(material.uvTransform[slot * 2].xyz, uv), dot(material.uvTransform[slot * 2 + 1].xyz, uv));
}

// Samples slot's texture, or returns `absent` when the material has no image there.
#define SAMPLE_SLOT(tex, slot, set, absent) \
  ((material.flags.w & (1 << (slot))) != 0 ? texture(tex, slotUv(slot, set, inUv0, inUv1)) : (absent))
