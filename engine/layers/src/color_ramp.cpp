// Colour parsing, ramps and the named ramps' stop tables.
#include "layers/color_ramp.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ct::layers {
namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Srgb hex(uint32_t rgb) {
  return Srgb(float((rgb >> 16) & 0xff), float((rgb >> 8) & 0xff), float(rgb & 0xff), 255.0f);
}

std::vector<Srgb> hexList(std::initializer_list<uint32_t> list) {
  std::vector<Srgb> out;
  for (uint32_t v : list) out.push_back(hex(v));
  return out;
}

// matplotlib's viridis and magma (van der Walt and Smith; the colormap data is CC0), sampled at 9 evenly spaced
// points of the 256-entry tables (0, 1/8, ..., 1) and written as 8-bit sRGB.
const std::vector<Srgb>& viridis() {
  static const auto v = hexList(
      {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725});
  return v;
}
const std::vector<Srgb>& magma() {
  static const auto v = hexList(
      {0x000004, 0x1c1044, 0x4f127b, 0x812581, 0xb5367a, 0xe55064, 0xfb8761, 0xfec287, 0xfcfdbf});
  return v;
}
// ColorBrewer RdBu, 11 classes (Cynthia Brewer, colorbrewer2.org), reversed so that low values are blue and
// high ones red; colour-blind safe.
const std::vector<Srgb>& rdbu() {
  static const auto v = hexList({0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582,
                                 0xd6604d, 0xb2182b, 0x67001f});
  return v;
}
// Tableau 10 (the 2016 palette), for classes.
const std::vector<Srgb>& tableau10() {
  static const auto v = hexList(
      {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac});
  return v;
}

}  // namespace

Result<Srgb> parseColor(std::string_view text) {
  auto bad = [&](const char* why) {
    return Result<Srgb>::fail("bad colour \"" + std::string(text) + "\": " + why);
  };
  if (text.empty() || text[0] != '#') return bad("expected #RRGGBB or #RRGGBBAA");
  if (text.size() != 7 && text.size() != 9) return bad("expected 6 or 8 hex digits after '#'");
  float ch[4] = {0, 0, 0, 255};
  for (size_t i = 0; i + 1 < text.size(); i += 2) {
    int hi = hexDigit(text[i + 1]), lo = i + 2 < text.size() ? hexDigit(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) return bad("not a hex digit");
    ch[i / 2] = float(hi * 16 + lo);
  }
  return Result<Srgb>::ok(Srgb(ch[0], ch[1], ch[2], ch[3]));
}

std::string formatColor(const Srgb& c) {
  int v[4];
  for (int i = 0; i < 4; ++i) v[i] = int(std::lround(std::clamp(c[i], 0.0f, 255.0f)));
  char buf[16];
  if (v[3] == 255)
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", v[0], v[1], v[2]);
  else
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", v[0], v[1], v[2], v[3]);
  return buf;
}

float srgbToLinear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}
float linearToSrgb(float c) {
  if (c <= 0.0f) return 0.0f;
  return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}
glm::vec3 srgbToLinear(const glm::vec3& c) { return {srgbToLinear(c.r), srgbToLinear(c.g), srgbToLinear(c.b)}; }
glm::vec3 linearToSrgb(const glm::vec3& c) { return {linearToSrgb(c.r), linearToSrgb(c.g), linearToSrgb(c.b)}; }

Ramp Ramp::fromStops(const std::vector<Srgb>& colors, double domainMin, double domainMax) {
  if (domainMax < domainMin) {  // a reversed domain: positions ascend, the first colour sits at domainMin
    std::vector<Srgb> rev(colors.rbegin(), colors.rend());
    return fromStops(rev, domainMax, domainMin);
  }
  Ramp r;
  size_t n = colors.size();
  for (size_t i = 0; i < n; ++i) {
    double t = n > 1 ? double(i) / double(n - 1) : 0.0;
    // Both ends exact (no rounding at the last stop).
    double pos = i + 1 == n && n > 1 ? domainMax : domainMin + t * (domainMax - domainMin);
    r.mStops.push_back({pos, colors[i]});
  }
  r.mEven = n > 1 && domainMax > domainMin;  // false for an empty or NaN domain: sample() searches
  return r;
}

Result<Ramp> Ramp::fromStopStrings(const std::vector<std::string>& colors, double domainMin, double domainMax) {
  if (colors.empty()) return Result<Ramp>::fail("a ramp needs at least one stop");
  std::vector<Srgb> parsed;
  for (size_t i = 0; i < colors.size(); ++i) {
    auto c = parseColor(colors[i]);
    if (!c) return Result<Ramp>::fail("stop " + std::to_string(i) + ": " + c.firstError());
    parsed.push_back(c.value());
  }
  if (!std::isfinite(domainMin) || !std::isfinite(domainMax))
    return Result<Ramp>::fail("the domain must be two finite numbers");
  return Result<Ramp>::ok(fromStops(parsed, domainMin, domainMax));
}

Ramp Ramp::fromPositionedStops(std::vector<Stop> stops) {
  Ramp r;
  std::stable_sort(stops.begin(), stops.end(), [](const Stop& a, const Stop& b) { return a.position < b.position; });
  r.mStops = std::move(stops);
  return r;
}

Ramp Ramp::categorical(const std::vector<Srgb>& colors) {
  Ramp r;
  r.mKind = Kind::Categorical;
  for (size_t i = 0; i < colors.size(); ++i) r.mStops.push_back({double(i), colors[i]});
  return r;
}

const std::vector<std::string>& Ramp::namedRamps() {
  static const std::vector<std::string> names = {"viridis", "magma", "rdbu", "categorical"};
  return names;
}

Result<Ramp> Ramp::named(std::string_view name, double domainMin, double domainMax) {
  if (name == "categorical") return Result<Ramp>::ok(categorical(tableau10()));
  const std::vector<Srgb>* stops = nullptr;
  if (name == "viridis") stops = &viridis();
  if (name == "magma") stops = &magma();
  if (name == "rdbu") stops = &rdbu();
  if (!stops) return Result<Ramp>::fail("unknown ramp \"" + std::string(name) + "\" (known: viridis, magma, rdbu, categorical)");
  if (!std::isfinite(domainMin) || !std::isfinite(domainMax))
    return Result<Ramp>::fail("the domain must be two finite numbers");
  return Result<Ramp>::ok(fromStops(*stops, domainMin, domainMax));
}

Srgb Ramp::classColor(int64_t index) const {
  if (mStops.empty()) return mNoData;
  int64_t n = int64_t(mStops.size());
  int64_t k = index % n;
  if (k < 0) k += n;
  return mStops[size_t(k)].color;
}

Srgb Ramp::sample(double value) const {
  if (std::isnan(value) || mStops.empty()) return mNoData;
  if (mKind == Kind::Categorical) {
    if (!std::isfinite(value) || std::abs(value) > 9.0e18) return mNoData;
    return classColor(std::llround(value));
  }
  const Stop& first = mStops.front();
  const Stop& last = mStops.back();
  if (value <= first.position) return first.color;
  if (value >= last.position) return last.color;
  size_t i;
  double t;
  if (mEven) {
    double u = (value - first.position) / (last.position - first.position) * double(mStops.size() - 1);
    i = std::min(size_t(u), mStops.size() - 2);
    t = u - double(i);
  } else {
    auto it = std::upper_bound(mStops.begin(), mStops.end(), value,
                               [](double v, const Stop& s) { return v < s.position; });
    i = size_t(it - mStops.begin()) - 1;
    double span = mStops[i + 1].position - mStops[i].position;
    t = span > 0.0 ? (value - mStops[i].position) / span : 1.0;
  }
  const Srgb& a = mStops[i].color;
  const Srgb& b = mStops[i + 1].color;
  return a + (b - a) * float(t);
}

}  // namespace ct::layers
