// glTF metallic-roughness shading: sun with filtered shadows, sky ambient and reflections, emissive, alpha modes.
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

void main() {
  vec4 base = material.baseColorFactor * inColor * SAMPLE_SLOT(baseColorTex, 0, material.texCoords.x, vec4(1.0));
  if (inFeature != 0u) {  // a styled feature: its surface tinted (highlights, data colours)
    vec4 state = featureState[inFeature - 1u].tint;
    base.rgb = mix(base.rgb, state.rgb, clamp(state.a, 0.0, 1.0));
  }
  int alphaMode = material.flags.y;
  if (ALPHA_MASK && base.a < material.emissiveCutoff.a) discard;
  float alpha = alphaMode == 2 ? base.a : 1.0;
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
  vec3 h = normalize(v + l);
  float NdotV = max(dot(n, v), 1e-4);
  float NdotL = max(dot(n, l), 0.0);
  float NdotH = max(dot(n, h), 0.0);
  float VdotH = max(dot(v, h), 0.0);
  vec3 f0 = mix(vec3(0.04), base.rgb, metallic);
  vec3 diffuseColor = base.rgb * (1.0 - metallic);
  float a = roughness * roughness;
  vec3 F = f0 + (1.0 - f0) * pow(1.0 - VdotH, 5.0);
  vec3 specular = F * distributionGGX(NdotH, a) * visibilitySmith(NdotV, NdotL, a);
  vec3 diffuse = (1.0 - F) * diffuseColor / PI;
  float shadow = NdotL > 0.0 ? shadowFactor(inPosition, n) : 0.0;
  vec3 color = (diffuse + specular) * frame.sunColor.rgb * NdotL * shadow;

  // Ambient: the sky itself lights the scene (diffuse from the normal's direction, specular from the reflection).
  vec3 irradiance = skyRadiance(n, 1.0) * 0.65 + frame.groundColor.rgb * 0.2;
  vec3 r = reflect(-v, n);
  vec3 prefiltered = skyRadiance(normalize(mix(r, n, roughness * roughness)), roughness);
  float specOcclusion = clamp(pow(NdotV + ao, exp2(-16.0 * roughness - 1.0)) - 1.0 + ao, 0.0, 1.0);
  color += (diffuseColor * irradiance) * ao + prefiltered * envBrdf(f0, roughness, NdotV) * specOcclusion;
  color += emissive;

  // Aerial perspective: distant surfaces fade towards the horizon colour.
  float haze = 1.0 - exp(-length(inPosition) * frame.params.w);
  color = mix(color, frame.skyHorizon.rgb, haze * (1.0 - frame.params.y));
  outColor = vec4(color * alpha, alpha);
}
