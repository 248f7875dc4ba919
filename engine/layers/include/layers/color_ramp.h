// Colours and ramps for data layers: "#RRGGBB" parsing, continuous ramps (stops interpolated on the sRGB values as
// written), categorical palettes, the named ramps (viridis, magma, rdbu, categorical) and sRGB <-> linear helpers.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"

namespace ct::layers {

// A colour as written: sRGB channels and alpha, each 0..255 (floats so that interpolated values keep their
// fraction; "#2c7bb6" is exactly (44, 123, 182, 255)).
using Srgb = glm::vec4;

// "#RRGGBB" or "#RRGGBBAA" (hex digits either case; alpha 255 when absent). Errors quote the text.
Result<Srgb> parseColor(std::string_view text);
// "#rrggbb", or "#rrggbbaa" when alpha is not 255; channels rounded and clamped to 0..255.
std::string formatColor(const Srgb& c);

// sRGB transfer function (IEC 61966-2-1), on 0..1 values.
float srgbToLinear(float c);
float linearToSrgb(float c);
// Whole colours: rgb converted, alpha kept (all 0..1).
glm::vec3 srgbToLinear(const glm::vec3& c);
glm::vec3 linearToSrgb(const glm::vec3& c);

class Ramp {
 public:
  enum class Kind : uint8_t { Continuous, Categorical };
  struct Stop {
    double position = 0.0;
    Srgb color{0.0f};
  };

  // Colours spread evenly over [domainMin, domainMax] (one colour: constant). Continuous.
  static Ramp fromStops(const std::vector<Srgb>& colors, double domainMin, double domainMax);
  // Parses each colour first; the error names the stop ("stop 2: ...").
  static Result<Ramp> fromStopStrings(const std::vector<std::string>& colors, double domainMin, double domainMax);
  // Stops at explicit, ascending positions (non-ascending ones are sorted). Continuous.
  static Ramp fromPositionedStops(std::vector<Stop> stops);
  // A categorical palette: class k gets colors[k mod n]; nothing is interpolated.
  static Ramp categorical(const std::vector<Srgb>& colors);
  // "viridis", "magma", "rdbu" (low = blue, high = red), "categorical" (Tableau 10) over the domain (ignored by
  // categorical). Unknown names fail with the list of known ones.
  static Result<Ramp> named(std::string_view name, double domainMin = 0.0, double domainMax = 1.0);
  static const std::vector<std::string>& namedRamps();

  Kind kind() const { return mKind; }
  bool categoricalKind() const { return mKind == Kind::Categorical; }
  const std::vector<Stop>& stops() const { return mStops; }
  double domainMin() const { return mStops.empty() ? 0.0 : mStops.front().position; }
  double domainMax() const { return mStops.empty() ? 0.0 : mStops.back().position; }
  // Colour of values that are NaN (or of an empty ramp). Default: mid grey #808080.
  const Srgb& noData() const { return mNoData; }
  void setNoData(const Srgb& c) { mNoData = c; }

  // sRGB 0..255 for a value. Continuous: linear between the neighbouring stops on the sRGB values as written,
  // the end colours outside the domain, noData() for NaN. Categorical: the class round(value) (mod the palette
  // size, negatives wrap), noData() for NaN or infinities.
  Srgb sample(double value) const;
  // The class colour of a categorical ramp (or of stop k mod n of a continuous one).
  Srgb classColor(int64_t index) const;
  // sample() / 255: what FeatureVisual::color holds.
  glm::vec4 sample01(double value) const { return sample(value) / 255.0f; }

 private:
  Kind mKind = Kind::Continuous;
  std::vector<Stop> mStops;
  bool mEven = false;  // stops evenly spaced: sample() finds the segment without a search
  Srgb mNoData{128.0f, 128.0f, 128.0f, 255.0f};
};

}  // namespace ct::layers
