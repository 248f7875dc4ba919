// Exposure and ACES-fitted tone mapping of the resolved HDR image, then the background; the sRGB target encodes.
#version 450
layout(set = 0, binding = 0) uniform sampler2D hdr;
layout(push_constant) uniform Post {
  vec4 params;      // x: exposure, y: background mode (0 sky already drawn, 1 transparent, 2 solid colour)
  vec4 background;  // linear rgb of the solid background
} post;

layout(location = 0) in vec2 inNdc;
layout(location = 0) out vec4 outColor;

vec3 acesFitted(vec3 x) {
  return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

void main() {
  vec4 c = texelFetch(hdr, ivec2(gl_FragCoord.xy), 0);
  if (post.params.y < 0.5) {
    outColor = vec4(acesFitted(c.rgb * post.params.x), 1.0);
    return;
  }
  // The scene was drawn over nothing: colour is premultiplied by coverage.
  float a = clamp(c.a, 0.0, 1.0);
  vec3 rgb = a > 0.0 ? acesFitted(c.rgb / a * post.params.x) : vec3(0.0);
  if (post.params.y < 1.5) outColor = vec4(rgb, a);
  else outColor = vec4(mix(post.background.rgb, rgb, a), 1.0);
}
