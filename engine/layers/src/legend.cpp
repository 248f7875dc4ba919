// Legend models and their rasterisation: panels stacked from a corner, sized in font pixels that scale with
// the image height (3 image pixels per font pixel at 1080 lines).
#include "layers/legend.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layers/bitmap_font.h"

namespace ct::layers {
namespace {

// Sizes in font pixels.
constexpr int kPad = 4, kGap = 3, kBarHeight = 8, kMinBarWidth = 90, kSwatch = 7, kRowStep = kSwatch + kGap,
              kMargin = 6;
constexpr int kCorner = 3;
constexpr uint8_t kPanelRgb[3] = {18, 20, 26};
constexpr float kPanelAlpha = 0.75f;
constexpr uint8_t kTextRgb[3] = {255, 255, 255};

int fontPixel(uint32_t height, float scale) {
  return std::max(1, int(std::lround(double(height) / 360.0 * std::max(0.1f, scale))));
}

// Content size of one legend, in image pixels; mirrors layoutLegends: heading, gap, the bar with its tick
// labels (or one row per class), each section followed by a gap, then the no-data row.
void measure(const Legend& l, int u, int& w, int& h) {
  w = textWidth(l.heading(), u);
  h = textHeight(u) + kGap * u;
  if (l.continuous) {
    int ticks = 0;
    for (const auto& t : l.tickLabels) ticks += textWidth(t, u) + 4 * u;
    w = std::max({w, kMinBarWidth * u, ticks});
    h += kBarHeight * u + 2 * u + textHeight(u) + kGap * u;
  } else {
    for (const auto& c : l.classes) {
      w = std::max(w, (kSwatch + kGap) * u + textWidth(c.label, u));
      h += kRowStep * u;
    }
  }
  if (l.showNoData) {
    w = std::max(w, (kSwatch + kGap) * u + textWidth(l.noDataLabel, u));
    h += kSwatch * u;
  } else {
    h -= kGap * u;
  }
}

void blendPixel(RgbaImage& img, int x, int y, const uint8_t rgb[3], float a) {
  uint8_t* p = &img.pixels[(size_t(y) * img.width + size_t(x)) * 4];
  for (int c = 0; c < 3; ++c) p[c] = uint8_t(std::lround(p[c] * (1.0f - a) + rgb[c] * a));
  p[3] = uint8_t(std::lround(a * 255.0f + p[3] * (1.0f - a)));
}

// Fills a rectangle clipped to `clip` (and the image); a < 1 blends.
void fillRect(RgbaImage& img, const PixelRect& r, const PixelRect& clip, const uint8_t rgb[3], float a) {
  int x0 = std::max({r.x, clip.x, 0}), y0 = std::max({r.y, clip.y, 0});
  int x1 = std::min({r.x + r.w, clip.x + clip.w, int(img.width)});
  int y1 = std::min({r.y + r.h, clip.y + clip.h, int(img.height)});
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) blendPixel(img, x, y, rgb, a);
}

void toRgb(const Srgb& c, uint8_t out[3]) {
  for (int i = 0; i < 3; ++i) out[i] = uint8_t(std::lround(std::clamp(c[i], 0.0f, 255.0f)));
}

// A swatch: the colour over the panel by its alpha, inside a thin light frame drawn just outside the rect.
void drawSwatch(RgbaImage& img, const PixelRect& r, const PixelRect& clip, const Srgb& color, int u) {
  const uint8_t frame[3] = {200, 200, 200};
  int t = std::max(1, u / 3);
  fillRect(img, {r.x - t, r.y - t, r.w + 2 * t, t}, clip, frame, 1.0f);
  fillRect(img, {r.x - t, r.y + r.h, r.w + 2 * t, t}, clip, frame, 1.0f);
  fillRect(img, {r.x - t, r.y, t, r.h}, clip, frame, 1.0f);
  fillRect(img, {r.x + r.w, r.y, t, r.h}, clip, frame, 1.0f);
  uint8_t rgb[3];
  toRgb(color, rgb);
  fillRect(img, r, clip, rgb, std::clamp(color.a / 255.0f, 0.0f, 1.0f));
}

}  // namespace

std::string Legend::heading() const {
  if (units.empty()) return title;
  if (title.empty()) return units;
  return title + " (" + units + ")";
}

std::string formatTick(double v) {
  if (std::isnan(v)) return "-";
  if (v == 0.0) return "0";  // also -0
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

Legend rampLegend(std::string title, std::string units, const Ramp& ramp, bool showNoData) {
  Legend l;
  l.title = std::move(title);
  l.units = std::move(units);
  l.ramp = ramp;
  l.continuous = true;
  double a = ramp.domainMin(), b = ramp.domainMax();
  l.tickValues = {a, (a + b) / 2.0, b};
  for (double v : l.tickValues) l.tickLabels.push_back(formatTick(v));
  l.showNoData = showNoData;
  l.noData = ramp.noData();
  return l;
}

Legend classLegend(std::string title, std::string units, const Ramp& ramp, const std::vector<std::string>& labels,
                   bool showNoData) {
  Legend l;
  l.title = std::move(title);
  l.units = std::move(units);
  l.ramp = ramp;
  l.continuous = false;
  for (size_t i = 0; i < labels.size(); ++i) l.classes.push_back({ramp.classColor(int64_t(i)), labels[i]});
  l.showNoData = showNoData;
  l.noData = ramp.noData();
  return l;
}

std::vector<LegendLayout> layoutLegends(uint32_t width, uint32_t height, const std::vector<Legend>& legends,
                                        const LegendStyle& style) {
  std::vector<LegendLayout> out;
  int u = fontPixel(height, style.scale);
  bool right = style.corner == LegendCorner::TopRight || style.corner == LegendCorner::BottomRight;
  bool bottom = style.corner == LegendCorner::BottomLeft || style.corner == LegendCorner::BottomRight;
  int cursor = bottom ? int(height) - kMargin * u : kMargin * u;  // next panel edge along the stack
  for (const Legend& l : legends) {
    LegendLayout lay;
    lay.pixel = u;
    int cw = 0, ch = 0;
    measure(l, u, cw, ch);
    int pw = cw + 2 * kPad * u, ph = ch + 2 * kPad * u;
    int px = right ? int(width) - kMargin * u - pw : kMargin * u;
    int py = bottom ? cursor - ph : cursor;
    cursor = bottom ? py - kGap * u : py + ph + kGap * u;
    lay.panel = {px, py, pw, ph};
    int x = px + kPad * u, y = py + kPad * u;
    lay.heading = {x, y, textWidth(l.heading(), u), textHeight(u)};
    y += textHeight(u) + kGap * u;
    if (l.continuous) {
      lay.bar = {x, y, cw, kBarHeight * u};
      y += kBarHeight * u + 2 * u + textHeight(u) + kGap * u;
    } else {
      for (size_t i = 0; i < l.classes.size(); ++i) {
        lay.swatches.push_back({x, y, kSwatch * u, kSwatch * u});
        y += kRowStep * u;  // kRowStep = kSwatch + kGap
      }
    }
    if (l.showNoData) lay.swatches.push_back({x, y, kSwatch * u, kSwatch * u});
    out.push_back(lay);
  }
  return out;
}

void drawLegends(RgbaImage& image, const std::vector<Legend>& legends, const LegendStyle& style) {
  if (image.width == 0 || image.height == 0 || image.pixels.size() < size_t(image.width) * image.height * 4) return;
  auto layouts = layoutLegends(image.width, image.height, legends, style);
  for (size_t li = 0; li < legends.size(); ++li) {
    const Legend& l = legends[li];
    const LegendLayout& lay = layouts[li];
    const PixelRect& panel = lay.panel;
    int u = lay.pixel;
    // The panel: rounded corners (a pixel is inside when its centre is within the corner circle).
    int rad = kCorner * u;
    for (int y = std::max(0, panel.y); y < std::min(int(image.height), panel.y + panel.h); ++y)
      for (int x = std::max(0, panel.x); x < std::min(int(image.width), panel.x + panel.w); ++x) {
        double cx = std::clamp(x + 0.5, double(panel.x + rad), double(panel.x + panel.w - rad));
        double cy = std::clamp(y + 0.5, double(panel.y + rad), double(panel.y + panel.h - rad));
        double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
        if (dx * dx + dy * dy <= double(rad) * rad) blendPixel(image, x, y, kPanelRgb, kPanelAlpha);
      }
    int clip[4] = {panel.x, panel.y, panel.x + panel.w, panel.y + panel.h};
    drawText(image, lay.heading.x, lay.heading.y, l.heading(), u, kTextRgb, clip);
    size_t swatch = 0;
    if (l.continuous) {
      const PixelRect& bar = lay.bar;
      drawSwatch(image, bar, panel, Srgb(0, 0, 0, 0), u);  // the frame only
      double a = l.ramp.domainMin(), b = l.ramp.domainMax();
      for (int i = 0; i < bar.w; ++i) {
        // Each column shows the value at its centre.
        double v = a + (i + 0.5) / bar.w * (b - a);
        uint8_t rgb[3];
        toRgb(l.ramp.sample(v), rgb);
        fillRect(image, {bar.x + i, bar.y, 1, bar.h}, panel, rgb, 1.0f);
      }
      int ty = bar.y + bar.h + 2 * u;
      size_t n = l.tickLabels.size();
      for (size_t k = 0; k < n; ++k) {
        int tw = textWidth(l.tickLabels[k], u);
        int tx = n == 1 ? bar.x
                        : bar.x + int(std::lround(double(bar.w) * double(k) / double(n - 1))) - tw / 2;
        tx = std::clamp(tx, bar.x, bar.x + bar.w - tw);
        drawText(image, tx, ty, l.tickLabels[k], u, kTextRgb, clip);
      }
    } else {
      for (const LegendClass& c : l.classes) {
        const PixelRect& r = lay.swatches[swatch++];
        drawSwatch(image, r, panel, c.color, u);
        drawText(image, r.x + r.w + kGap * u, r.y, c.label, u, kTextRgb, clip);
      }
    }
    if (l.showNoData && swatch < lay.swatches.size()) {
      const PixelRect& r = lay.swatches[swatch];
      drawSwatch(image, r, panel, l.noData, u);
      drawText(image, r.x + r.w + kGap * u, r.y, l.noDataLabel, u, kTextRgb, clip);
    }
  }
}

}  // namespace ct::layers
