// Model vertices: positions relative to the eye, tangent frame and both UV sets for the fragment stage.
#version 450
#extension GL_GOOGLE_include_directive : require
#include "common/bindings.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv0;
layout(location = 4) in vec2 inUv1;
layout(location = 5) in vec4 inColor;
layout(location = 6) in uint inFeature;

layout(location = 0) out vec3 outPosition;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outTangent;
layout(location = 3) out vec2 outUv0;
layout(location = 4) out vec2 outUv1;
layout(location = 5) out vec4 outColor;
layout(location = 6) flat out uint outFeature;

void main() {
  DrawData draw = instances[gl_InstanceIndex];
  vec4 world = draw.model * vec4(inPosition, 1.0);
  outPosition = world.xyz;
  outNormal = mat3(draw.normalCols[0].xyz, draw.normalCols[1].xyz, draw.normalCols[2].xyz) * inNormal;
  outTangent = vec4(mat3(draw.model) * inTangent.xyz, inTangent.w);
  outUv0 = inUv0;
  outUv1 = inUv1;
  outColor = inColor;
  outFeature = featureOf(inFeature, draw);
  gl_Position = featureHidden(outFeature) ? kHiddenPosition : frame.viewProj * world;
  gl_PointSize = 2.0;
}
