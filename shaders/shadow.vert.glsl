// Sun shadow map: positions into the sun's clip space; UV for alpha-masked materials.
#version 450
#extension GL_GOOGLE_include_directive : require
#include "common/bindings.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 3) in vec2 inUv0;
layout(location = 4) in vec2 inUv1;
layout(location = 5) in vec4 inColor;
layout(location = 6) in uint inFeature;
layout(location = 0) out vec2 outUv0;
layout(location = 1) out vec2 outUv1;
layout(location = 2) out float outAlpha;

void main() {
  DrawData draw = instances[gl_InstanceIndex];
  outUv0 = inUv0;
  outUv1 = inUv1;
  outAlpha = inColor.a;
  gl_Position = featureHidden(featureOf(inFeature, draw)) ? kHiddenPosition
                                                         : frame.shadowViewProj * (draw.model * vec4(inPosition, 1.0));
}
