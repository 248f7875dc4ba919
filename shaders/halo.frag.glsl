// Light halos: a bright core in a soft glow, added to what is behind (alpha 0 under premultiplied blending).
#version 450
layout(location = 0) in vec2 inCorner;
layout(location = 1) in vec3 inColor;
layout(location = 0) out vec4 outColor;

void main() {
  float r2 = dot(inCorner, inCorner);
  float glow = exp(-r2 * 24.0) + 0.12 * exp(-r2 * 4.0);
  outColor = vec4(inColor * glow * max(1.0 - r2, 0.0), 0.0);
}
