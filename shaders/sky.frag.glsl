// Background sky behind the model (drawn where no geometry is).
#version 450
#extension GL_GOOGLE_include_directive : require
#include "common/shared.h"

layout(std140, set = 0, binding = 0) uniform FrameBlock { FrameData frame; };
#include "common/sky.glsl"

layout(location = 0) in vec2 inNdc;
layout(location = 0) out vec4 outColor;

void main() {
  vec4 p = frame.invViewProj * vec4(inNdc, 0.5, 1.0);
  vec3 dir = normalize(p.xyz / p.w);
  outColor = vec4(skyRadiance(dir, 0.0), 1.0);
}
