// Analytic sky: ground, horizon and zenith gradient plus the sun's glow. Also the ambient light source.
vec3 skyRadiance(vec3 dir, float blur) {
  float y = dir.y;
  vec3 sky = mix(frame.skyHorizon.rgb, frame.skyZenith.rgb, pow(clamp(y, 0.0, 1.0), 0.45));
  // Below the horizon: a darker slate that lets light models stand out (a city's ground usually covers it).
  // (Dimmed with a dark sky, so that night has no grey floor.)
  float dusk = min(1.0, dot(frame.skyHorizon.rgb, vec3(1.0 / 3.0)) / 0.75);
  vec3 ground = mix(frame.skyHorizon.rgb * 0.8, vec3(0.16, 0.18, 0.21) * dusk, clamp(-y * 2.5, 0.0, 1.0));
  vec3 c = y >= 0.0 ? sky : ground;
  float sunDot = max(dot(dir, frame.sunDirection.xyz), 0.0);
  float sharp = mix(2000.0, 8.0, blur);
  c += frame.sunColor.rgb * (pow(sunDot, sharp) * mix(4.0, 0.05, blur) + pow(sunDot, 8.0) * 0.08);
  return c;
}
