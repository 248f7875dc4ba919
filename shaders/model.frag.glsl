// glTF metallic-roughness shading: sun with filtered shadows, clustered point lights, sky ambient and reflections,
// emissive and lit windows at night, alpha modes; unlit features show their exact colour.
#version 450
#extension GL_GOOGLE_include_directive : require
#include "common/bindings.glsl"
#include "common/sky.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv0;
layout(location = 4) in vec2 inUv1;
layout(location = 5) in vec4 inColor;
layout(location = 6) flat in uint inFeature;

layout(location = 0) out vec4 outColor;

// 1 in the pipeline of alpha-masked materials only: elsewhere there is no discard, so early depth tests
// keep hidden surfaces from being shaded.
layout(constant_id = 0) const bool ALPHA_MASK = false;

const float PI = 3.14159265;

float shadowFactor(vec3 pos, vec3 n) {
  vec3 biased = pos + n * frame.params.z * 1.5;
  vec4 sc = frame.shadowViewProj * vec4(biased, 1.0);
  vec3 p = sc.xyz / sc.w;
  vec2 uv = p.xy * 0.5 + 0.5;
  if (any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0))) || p.z > 1.0) return 1.0;
  // Four bilinear comparisons (each already a 2x2 filter) spread over a 4x4-texel footprint.
  vec2 texel = 1.0 / vec2(textureSize(shadowMap, 0));
  float sum = 0.0;
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 2; ++x) sum += texture(shadowMap, vec3(uv + (vec2(x, y) - 0.5) * texel * 2.0, p.z));
  return sum * 0.25;
}

float distributionGGX(float NdotH, float a) {
  float a2 = a * a;
  float d = NdotH * NdotH * (a2 - 1.0) + 1.0;
  return a2 / (PI * d * d);
}

float visibilitySmith(float NdotV, float NdotL, float a) {
  float k = a * 0.5;
  return 0.25 / ((NdotV * (1.0 - k) + k) * (NdotL * (1.0 - k) + k));
}

// Split-sum environment BRDF, analytic fit (Karis, "Physically Based Shading on Mobile").
vec3 envBrdf(vec3 f0, float roughness, float NdotV) {
  const vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022);
  const vec4 c1 = vec4(1.0, 0.0425, 1.04, -0.04);
  vec4 r = roughness * c0 + c1;
  float a004 = min(r.x * r.x, exp2(-9.28 * NdotV)) * r.x + r.y;
  vec2 ab = vec2(-1.04, 1.04) * a004 + r.zw;
  return f0 * ab.x + ab.y;
}

// The HDR value that post.frag (exposure, then the ACES fit x(2.51x+0.03)/(x(2.43x+0.59)+0.14)) maps to the
// linear colour c: the positive root of (2.51-2.43c)x^2 + (0.03-0.59c)x - 0.14c = 0, over the exposure. The fit
// reaches 1 at x = 7.24, so every c in 0..1 has a root.
vec3 inverseToneMap(vec3 c, float exposure) {
  c = clamp(c, 0.0, 1.0);
  vec3 a = 2.51 - 2.43 * c;
  vec3 b = 0.03 - 0.59 * c;
  vec3 x = (-b + sqrt(b * b + 0.56 * a * c)) / (2.0 * a);
  return x / max(exposure, 1e-6);
}

// A BRDF term shared by the sun and point lights: diffuse + GGX specular for light direction l.
vec3 directLight(vec3 n, vec3 v, vec3 l, vec3 f0, vec3 diffuseColor, float a) {
  vec3 h = normalize(v + l);
  float NdotV = max(dot(n, v), 1e-4);
  float NdotL = max(dot(n, l), 0.0);
  float NdotH = max(dot(n, h), 0.0);
  float VdotH = max(dot(v, h), 0.0);
  vec3 F = f0 + (1.0 - f0) * pow(1.0 - VdotH, 5.0);
  vec3 specular = F * distributionGGX(NdotH, a) * visibilitySmith(NdotV, NdotL, a);
  vec3 diffuse = (1.0 - F) * diffuseColor / PI;
  return (diffuse + specular) * NdotL;
}

// The point lights of this pixel's cluster, each with a windowed inverse-square falloff that reaches 0 at its
// radius: (1 - (d/r)^4)^2 / (d^2 + 1).
vec3 pointLighting(vec3 n, vec3 v, vec3 f0, vec3 diffuseColor, float a) {
  vec3 sum = vec3(0.0);
  if (frame.clusterGrid.w == 0u) return sum;
  float depth = dot(inPosition, frame.viewForward.xyz);
  uint slice = depth < frame.clusterParams.x
                   ? 0u
                   : uint(min(1.0 + floor(log(depth / frame.clusterParams.x) * frame.clusterParams.y),
                              float(frame.clusterGrid.z - 1u)));
  uvec2 tile = min(uvec2(gl_FragCoord.xy / frame.clusterParams.zw), frame.clusterGrid.xy - 1u);
  uvec2 range = clusterRanges[(slice * frame.clusterGrid.y + tile.y) * frame.clusterGrid.x + tile.x];
  // Per light a lean BRDF: Lambert plus GGX with the Fresnel of normal incidence (f0), which lamps seen at
  // grazing angles hardly need.
  float NdotV = max(dot(n, v), 1e-4);
  vec3 diffuse = diffuseColor / PI;
  for (uint i = 0u; i < range.y; ++i) {
    PointLightData light = pointLights[lightIndices[range.x + i]];
    vec3 toLight = light.positionRadius.xyz - inPosition;
    float d2 = dot(toLight, toLight);
    float r2 = light.positionRadius.w * light.positionRadius.w;
    if (d2 >= r2) continue;
    vec3 l = toLight * inversesqrt(max(d2, 1e-8));
    float NdotL = dot(n, l);
    if (NdotL <= 0.0) continue;
    float q = d2 / r2;
    float window = 1.0 - q * q;
    float NdotH = max(dot(n, normalize(v + l)), 0.0);
    vec3 brdf = diffuse + f0 * (distributionGGX(NdotH, a) * visibilitySmith(NdotV, NdotL, a));
    sum += brdf * light.color.rgb * (NdotL * window * window / (d2 + 1.0));
  }
  return sum;
}

float hash(uvec3 p) {
  p = p * uvec3(1664525u, 1013904223u, 2654435769u) + uvec3(1013904223u, 1664525u, 374761393u);
  p.x += p.y * p.z;
  p.y += p.z * p.x;
  p.z += p.x * p.y;
  p ^= p >> 16u;
  return float((p.x + p.y + p.z) & 0xffffu) / 65536.0;
}

void main() {
  vec4 base = material.baseColorFactor * inColor * SAMPLE_SLOT(baseColorTex, 0, material.texCoords.x, vec4(1.0));
  FeatureState state = FeatureState(vec4(0.0), 0.0, 0u, 0u, 0u);
  if (inFeature != 0u) {  // a styled feature: its surface tinted (highlights, data colours; tint is sRGB)
    state = featureState[inFeature - 1u];
    base.rgb = mix(base.rgb, srgbToLinear(clamp(state.tint.rgb, 0.0, 1.0)), clamp(state.tint.a, 0.0, 1.0));
  }
  int alphaMode = material.flags.y;
  if (ALPHA_MASK && base.a < material.emissiveCutoff.a) discard;
  float alpha = alphaMode == 2 ? base.a : 1.0;
  if ((state.flags & kFeatureUnlit) != 0u) {  // exactly its colour on screen: no light, shadow or haze
    outColor = vec4(inverseToneMap(srgbToLinear(clamp(state.tint.rgb, 0.0, 1.0)), frame.params.x) * alpha, alpha);
    return;
  }
  if (material.flags.z != 0) {  // KHR_materials_unlit
    outColor = vec4(base.rgb * alpha, alpha);
    return;
  }

  vec3 n = normalize(inNormal);
  if (!gl_FrontFacing) n = -n;
  if ((material.flags.w & 4) != 0) {
    vec3 t = inTangent.xyz - n * dot(n, inTangent.xyz);
    if (dot(t, t) > 1e-12) {
      t = normalize(t);
      vec3 b = cross(n, t) * (inTangent.w < 0.0 ? -1.0 : 1.0);
      vec3 tn = SAMPLE_SLOT(normalTex, 2, material.texCoords.z, vec4(0.5, 0.5, 1.0, 1.0)).xyz * 2.0 - 1.0;
      tn.xy *= material.pbr.z;
      n = normalize(mat3(t, b, n) * tn);
    }
  }
  vec4 mrSample = SAMPLE_SLOT(metallicRoughnessTex, 1, material.texCoords.y, vec4(1.0));
  float metallic = clamp(material.pbr.x * mrSample.b, 0.0, 1.0);
  float roughness = clamp(material.pbr.y * mrSample.g, 0.04, 1.0);
  float ao = 1.0 + material.pbr.w * (SAMPLE_SLOT(occlusionTex, 3, material.texCoords.w, vec4(1.0)).r - 1.0);
  vec3 emissive = material.emissiveCutoff.rgb * SAMPLE_SLOT(emissiveTex, 4, material.flags.x, vec4(1.0)).rgb;

  vec3 v = normalize(-inPosition);
  vec3 l = frame.sunDirection.xyz;
  float NdotV = max(dot(n, v), 1e-4);
  float NdotL = max(dot(n, l), 0.0);
  vec3 f0 = mix(vec3(0.04), base.rgb, metallic);
  vec3 diffuseColor = base.rgb * (1.0 - metallic);
  float a = roughness * roughness;
  vec3 color = vec3(0.0);
  if (frame.night.y < 0.5 && NdotL > 0.0) {  // the sun is up (else the shadow map was not drawn)
    float shadow = shadowFactor(inPosition, n);
    color = directLight(n, v, l, f0, diffuseColor, a) * frame.sunColor.rgb * shadow;
  }
  color += pointLighting(n, v, f0, diffuseColor, a);

  // Ambient: the sky itself lights the scene (diffuse from the normal's direction, specular from the reflection).
  vec3 irradiance = skyRadiance(n, 1.0) * 0.65 + frame.groundColor.rgb * 0.2;
  vec3 r = reflect(-v, n);
  vec3 prefiltered = skyRadiance(normalize(mix(r, n, roughness * roughness)), roughness);
  float specOcclusion = clamp(pow(NdotV + ao, exp2(-16.0 * roughness - 1.0)) - 1.0 + ao, 0.0, 1.0);
  color += (diffuseColor * irradiance) * ao + prefiltered * envBrdf(f0, roughness, NdotV) * specOcclusion;
  color += emissive;
  // Lit windows at night: glass (smooth in the facade's roughness texture) of some windows, chosen per window
  // cell (4 x 4 per facade tile) and feature, glows in the facade style's light.
  // Far away the texture is minified and glass blends with wall: how much of the texel is glass then comes
  // from the averaged roughness (glass ~0.07, walls and frames 0.43..0.88).
  float glass = clamp((0.43 - mrSample.g) / 0.33, 0.0, 1.0);
  if (frame.night.x > 0.0 && material.windowLight.a > 0.0 && glass > 0.0) {
    uvec2 cell = uvec2(ivec2(floor(slotUv(1, material.texCoords.y, inUv0, inUv1) * 4.0)) + 32768);
    float pick = hash(uvec3(cell, inFeature));
    if (pick < material.windowLight.a * frame.night.x)
      color += material.windowLight.rgb * (glass * (0.6 + 0.8 * hash(uvec3(cell.yx, inFeature + 7u))));
  }

  // Aerial perspective: distant surfaces fade towards the horizon colour.
  float haze = 1.0 - exp(-length(inPosition) * frame.params.w);
  color = mix(color, frame.skyHorizon.rgb, haze * (1.0 - frame.params.y));
  outColor = vec4(color * alpha, alpha);
}
