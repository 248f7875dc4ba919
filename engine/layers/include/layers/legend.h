// Legends: a model per visible layer (title, units, a continuous ramp with ticks or colour classes, a no-data
// swatch) and its rasterisation onto rendered images (--legend): a rounded dark panel, white text, ramp bar.
#pragma once
#include <string>
#include <vector>

#include "core/image.h"
#include "layers/color_ramp.h"

namespace ct::layers {

struct LegendClass {
  Srgb color{0.0f};
  std::string label;
};

struct Legend {
  std::string title;
  std::string units;
  bool continuous = true;
  Ramp ramp;                           // continuous: the bar is drawn from it over its domain
  std::vector<double> tickValues;      // continuous: domain start, middle, end
  std::vector<std::string> tickLabels;
  std::vector<LegendClass> classes;    // categorical
  bool showNoData = true;
  Srgb noData{128.0f, 128.0f, 128.0f, 255.0f};
  std::string noDataLabel = "no data";

  // "Title (units)", or the title alone.
  std::string heading() const;
};

// A continuous legend with ticks at the domain's ends and middle.
Legend rampLegend(std::string title, std::string units, const Ramp& ramp, bool showNoData = true);
// A class legend: one swatch per label, colours from the (categorical) ramp in class order.
Legend classLegend(std::string title, std::string units, const Ramp& ramp, const std::vector<std::string>& labels,
                   bool showNoData = true);
// A tick label: up to 4 significant digits, no trailing zeros ("0", "150", "0.25", "1.5e+06").
std::string formatTick(double v);

enum class LegendCorner { TopLeft, TopRight, BottomLeft, BottomRight };
struct LegendStyle {
  LegendCorner corner = LegendCorner::BottomRight;
  float scale = 1.0f;  // on top of the scaling with image height (1080 px: 3 px per font pixel)
};

struct PixelRect {
  int x = 0, y = 0, w = 0, h = 0;
  bool contains(int px, int py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};
// Where each legend's parts go (stacked panels from the chosen corner).
struct LegendLayout {
  PixelRect panel;
  PixelRect heading;                // the title line's text box
  PixelRect bar;                    // continuous: the ramp bar (w == 0 otherwise)
  std::vector<PixelRect> swatches;  // classes, then no data (when shown)
  int pixel = 1;                    // font pixel size
};
std::vector<LegendLayout> layoutLegends(uint32_t width, uint32_t height, const std::vector<Legend>& legends,
                                        const LegendStyle& style = {});
// Draws the legends onto the image (sRGB RGBA8). Nothing outside the panels changes.
void drawLegends(RgbaImage& image, const std::vector<Legend>& legends, const LegendStyle& style = {});

}  // namespace ct::layers
