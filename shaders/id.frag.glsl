// Feature-id AOV: writes the feature (row + 1) unfiltered; alpha-masked texels are holes as in colour.
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
}
