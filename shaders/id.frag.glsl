// Feature-id AOV: writes the feature (row + 1) unfiltered, from the vertex/instance or from a feature id
// texture; alpha-masked texels are holes as in colour.
#version 450
#extension GL_GOOGLE_include_directive : require
#include "common/bindings.glsl"

layout(location = 0) in vec2 inUv0;
layout(location = 1) in vec2 inUv1;
layout(location = 2) in float inAlpha;
layout(location = 3) flat in uint inFeature;
layout(location = 0) out uint outId;

void main() {
  if (material.flags.y == 1) {
    float a = material.baseColorFactor.a * inAlpha * SAMPLE_SLOT(baseColorTex, 0, material.texCoords.x, vec4(1.0)).a;
    if (a < material.emissiveCutoff.a) discard;
  }
  outId = inFeature;
  int f = material.featureIds.x;
  if ((f & 1) != 0) {  // EXT_mesh_features texture: the texel's channels, low byte first
    uvec4 texel = uvec4(round(texture(featureIdTex, (f & 2) != 0 ? inUv1 : inUv0) * 255.0));
    uint id = 0u;
    for (int c = 0; c < ((f >> 2) & 7); ++c) id |= texel[(f >> (8 + 2 * c)) & 3] << (8 * c);
    outId = int(id) == material.featureIds.w ? 0u : uint(material.featureIds.y + int(id) - material.featureIds.z) + 1u;
  }
}
