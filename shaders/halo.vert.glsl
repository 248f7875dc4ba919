// Light halos: a camera-facing square per visible point light, at least a few pixels wide (a smaller halo's
// light spread over the larger square), pulled towards the eye so that the lamp's own head does not cut it.
#version 450
#extension GL_GOOGLE_include_directive : require
#include "common/bindings.glsl"

layout(location = 0) out vec2 outCorner;
layout(location = 1) out vec3 outColor;

const float kMinPixels = 3.0;
const float kHaloGain = 0.04;  // halo peak radiance per unit of light colour x intensity

void main() {
  const vec2 corners[6] = vec2[](vec2(-1, -1), vec2(1, -1), vec2(1, 1), vec2(-1, -1), vec2(1, 1), vec2(-1, 1));
  PointLightData light = pointLights[gl_InstanceIndex];
  vec2 c = corners[gl_VertexIndex];
  vec3 p = light.positionRadius.xyz;
  float dist = max(length(p), 1e-3);
  vec3 dir = p / dist;
  vec3 right = normalize(cross(dir, abs(dir.y) > 0.99 ? vec3(0.0, 0.0, 1.0) : vec3(0.0, 1.0, 0.0)));
  vec3 up = cross(right, dir);
  float size = light.color.w;
  float s = max(size, kMinPixels * frame.viewForward.w * dist);
  vec3 center = p - dir * min(size, dist * 0.5);
  outCorner = c;
  outColor = light.color.rgb * kHaloGain * (size / s) * (size / s);
  gl_Position = frame.viewProj * vec4(center + (right * c.x + up * c.y) * s, 1.0);
}
