// Legends drawn into images: the bar holds the ramp's colours, text where the title is, nothing outside the
// panels; the bitmap font's glyphs are all drawn and all different.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

#include <gtest/gtest.h>

#include "layers/bitmap_font.h"
#include "layers/legend.h"

using namespace ct::layers;

namespace {

ct::RgbaImage background(uint32_t w, uint32_t h) {
  ct::RgbaImage img;
  img.width = w;
  img.height = h;
  img.pixels.resize(size_t(w) * h * 4);
  for (size_t i = 0; i < img.pixels.size(); i += 4) {
    img.pixels[i] = 30;
    img.pixels[i + 1] = 160;
    img.pixels[i + 2] = 90;
    img.pixels[i + 3] = 255;
  }
  return img;
}

const uint8_t* px(const ct::RgbaImage& img, int x, int y) { return &img.pixels[(size_t(y) * img.width + size_t(x)) * 4]; }

// For a look: CITYTWIN_LEGEND_PPM=/tmp/legend.ppm writes the image.
void maybeWrite(const ct::RgbaImage& img) {
  const char* path = std::getenv("CITYTWIN_LEGEND_PPM");
  if (!path) return;
  FILE* f = std::fopen(path, "wb");
  if (!f) return;
  std::fprintf(f, "P6 %u %u 255\n", img.width, img.height);
  for (size_t i = 0; i < img.pixels.size(); i += 4) std::fwrite(&img.pixels[i], 1, 3, f);
  std::fclose(f);
}

Ramp energyRamp() { return Ramp::fromStopStrings({"#2c7bb6", "#ffffbf", "#d7191c"}, 0.0, 300.0).value(); }

}  // namespace

TEST(BitmapFont, EveryGlyphIsDrawnAndDistinct) {
  const auto& glyphs = fontGlyphs();
  ASSERT_EQ(glyphs.size(), 95u + 2u);
  std::set<std::array<uint8_t, kGlyphHeight>> seen;
  for (const Glyph& g : glyphs) {
    int ink = 0;
    for (int y = 0; y < kGlyphHeight; ++y)
      for (int x = 0; x < kGlyphWidth; ++x) ink += g.on(x, y);
    if (g.codepoint == U' ')
      EXPECT_EQ(ink, 0);
    else
      EXPECT_GT(ink, 0) << "glyph U+" << std::hex << uint32_t(g.codepoint);
    EXPECT_TRUE(seen.insert(g.rows).second) << "duplicate glyph U+" << std::hex << uint32_t(g.codepoint);
    for (uint8_t row : g.rows) EXPECT_LT(row, 32u);  // 5 columns
  }
  for (char32_t c = 32; c <= 126; ++c) EXPECT_EQ(glyphFor(c).codepoint, c);
  EXPECT_EQ(glyphFor(U'\u00b0').codepoint, U'\u00b0');
  EXPECT_EQ(glyphFor(U'\u00b2').codepoint, U'\u00b2');
  EXPECT_EQ(glyphFor(U'\u20ac').codepoint, U'?');
  // "A" as drawn: a top bar of three and a full middle row.
  EXPECT_EQ(glyphFor(U'A').rows[0], 0b01110);
  EXPECT_EQ(glyphFor(U'A').rows[3], 0b11111);
}

TEST(BitmapFont, Utf8AndWidths) {
  auto cps = decodeUtf8("m\xc2\xb2 \xc2\xb0" "C\xff");
  ASSERT_EQ(cps.size(), 6u);
  EXPECT_EQ(cps[1], U'\u00b2');
  EXPECT_EQ(cps[3], U'\u00b0');
  EXPECT_EQ(cps[5], char32_t(0xfffd));
  EXPECT_EQ(textWidth("AB", 1), 11);
  EXPECT_EQ(textWidth("AB", 3), 33);
  EXPECT_EQ(textWidth("", 3), 0);
  // Drawing one glyph at scale 2 sets exactly its ink pixels, 2x2 each.
  ct::RgbaImage img = background(20, 20);
  const uint8_t white[3] = {255, 255, 255};
  drawText(img, 3, 4, "T", 2, white);
  int whites = 0;
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 20; ++x) {
      bool on = px(img, x, y)[0] == 255;
      whites += on;
      int gx = (x - 3) / 2, gy = (y - 4) / 2;
      bool inGlyph = x >= 3 && y >= 4 && gx < kGlyphWidth && gy < kGlyphHeight && glyphFor(U'T').on(gx, gy);
      EXPECT_EQ(on, inGlyph) << x << "," << y;
    }
  EXPECT_EQ(whites, (5 + 6) * 4);  // T: a bar of 5 and a stem of 6
}

TEST(Legend, BarHoldsTheRampColoursAndNothingLeaksOutOfThePanel) {
  ct::RgbaImage img = background(1920, 1080);
  const ct::RgbaImage before = img;
  Legend l = rampLegend("Energy use", "kWh/m\xc2\xb2", energyRamp());
  ASSERT_EQ(l.tickLabels.size(), 3u);
  EXPECT_EQ(l.tickLabels[0], "0");
  EXPECT_EQ(l.tickLabels[1], "150");
  EXPECT_EQ(l.tickLabels[2], "300");
  EXPECT_EQ(l.heading(), "Energy use (kWh/m\xc2\xb2)");
  drawLegends(img, {l});
  maybeWrite(img);
  auto lay = layoutLegends(1920, 1080, {l});
  ASSERT_EQ(lay.size(), 1u);
  const PixelRect& panel = lay[0].panel;
  const PixelRect& bar = lay[0].bar;
  EXPECT_EQ(lay[0].pixel, 3);
  // Bottom-right, inside the image.
  EXPECT_GT(panel.x, 960);
  EXPECT_GT(panel.y, 540);
  EXPECT_LE(panel.x + panel.w, 1920);
  EXPECT_LE(panel.y + panel.h, 1080);
  EXPECT_GE(bar.w, 200);

  // Outside the panel: untouched.
  size_t changedOutside = 0;
  for (int y = 0; y < 1080; ++y)
    for (int x = 0; x < 1920; ++x)
      if (!panel.contains(x, y) && std::memcmp(px(img, x, y), px(before, x, y), 4) != 0) ++changedOutside;
  EXPECT_EQ(changedOutside, 0u);

  // The bar: each column the ramp's colour at the value of the column's centre; the ends and the quarter point
  // against the hand-computed stops.
  Ramp ramp = energyRamp();
  int midRow = bar.y + bar.h / 2;
  for (int i = 0; i < bar.w; ++i) {
    Srgb want = ramp.sample((i + 0.5) / bar.w * 300.0);
    const uint8_t* p = px(img, bar.x + i, midRow);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(p[c], want[c], 0.5f + 1e-3f) << "column " << i;
    EXPECT_EQ(p[3], 255);
  }
  const uint8_t* left = px(img, bar.x, midRow);
  EXPECT_NEAR(left[0], 44, 2);
  EXPECT_NEAR(left[1], 123, 2);
  EXPECT_NEAR(left[2], 182, 2);
  const uint8_t* right = px(img, bar.x + bar.w - 1, midRow);
  EXPECT_NEAR(right[0], 215, 2);
  EXPECT_NEAR(right[1], 25, 2);
  EXPECT_NEAR(right[2], 28, 2);
  const uint8_t* quarter = px(img, bar.x + bar.w / 4, midRow);  // value ~75: (149.5, 189, 186.5)
  EXPECT_NEAR(quarter[0], 149.5, 3);
  EXPECT_NEAR(quarter[1], 189, 3);
  EXPECT_NEAR(quarter[2], 186.5, 3);
  // Every row of the bar holds the column's colour, and the rows just above and below do not (the bar ends
  // where the layout says).
  for (int i = 0; i < bar.w; i += 7) {
    const uint8_t* mid = px(img, bar.x + i, midRow);
    for (int y = bar.y; y < bar.y + bar.h; ++y) EXPECT_EQ(std::memcmp(px(img, bar.x + i, y), mid, 4), 0) << i << "," << y;
    EXPECT_NE(std::memcmp(px(img, bar.x + i, bar.y - 1), mid, 3), 0) << i;
    EXPECT_NE(std::memcmp(px(img, bar.x + i, bar.y + bar.h), mid, 3), 0) << i;
  }
  // The title: white text pixels in its box, and the panel darkened the background elsewhere.
  const PixelRect& h = lay[0].heading;
  int white = 0;
  for (int y = h.y; y < h.y + h.h; ++y)
    for (int x = h.x; x < h.x + h.w; ++x) {
      const uint8_t* p = px(img, x, y);
      white += p[0] == 255 && p[1] == 255 && p[2] == 255;
    }
  EXPECT_GT(white, 200);
  EXPECT_EQ(h.w, textWidth(l.heading(), 3));
  const uint8_t* panelPixel = px(img, panel.x + panel.w / 2, panel.y + 2);
  EXPECT_LT(panelPixel[1], 160 / 2);
  // The rounded corner leaves the panel's very corner pixel as the background.
  EXPECT_EQ(std::memcmp(px(img, panel.x, panel.y), px(before, panel.x, panel.y), 4), 0);
}

TEST(Legend, ClassSwatchesNoDataAndStacking) {
  ct::RgbaImage img = background(1280, 720);
  const ct::RgbaImage before = img;
  Ramp cats = Ramp::named("categorical").value();
  cats.setNoData(Srgb(60, 60, 60, 255));
  Legend classes = classLegend("Use", "", cats, {"office", "residential", "retail"});
  Legend ramp = rampLegend("Temperature", "\xc2\xb0" "C", Ramp::named("rdbu", -5, 35).value(), false);
  LegendStyle style;
  style.corner = LegendCorner::TopLeft;
  drawLegends(img, {classes, ramp}, style);
  auto lay = layoutLegends(1280, 720, {classes, ramp}, style);
  ASSERT_EQ(lay.size(), 2u);
  EXPECT_EQ(lay[0].pixel, 2);
  ASSERT_EQ(lay[0].swatches.size(), 4u);  // three classes and no data
  EXPECT_TRUE(lay[1].swatches.empty());
  EXPECT_LT(lay[0].panel.x, 100);
  EXPECT_LT(lay[0].panel.y, 100);
  EXPECT_GT(lay[1].panel.y, lay[0].panel.y + lay[0].panel.h);  // stacked below, not overlapping
  const uint32_t expected[4] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x3c3c3c};
  for (int k = 0; k < 4; ++k) {
    const PixelRect& s = lay[0].swatches[size_t(k)];
    const uint8_t* p = px(img, s.x + s.w / 2, s.y + s.h / 2);
    EXPECT_EQ(p[0], (expected[k] >> 16) & 0xff) << k;
    EXPECT_EQ(p[1], (expected[k] >> 8) & 0xff) << k;
    EXPECT_EQ(p[2], expected[k] & 0xff) << k;
  }
  EXPECT_EQ(ramp.tickLabels[0], "-5");
  EXPECT_EQ(ramp.tickLabels[1], "15");
  size_t changedOutside = 0;
  for (int y = 0; y < 720; ++y)
    for (int x = 0; x < 1280; ++x)
      if (!lay[0].panel.contains(x, y) && !lay[1].panel.contains(x, y) &&
          std::memcmp(px(img, x, y), px(before, x, y), 4) != 0)
        ++changedOutside;
  EXPECT_EQ(changedOutside, 0u);
}

TEST(Legend, ScalesWithImageHeight) {
  Legend l = rampLegend("Height", "m", Ramp::named("viridis", 0, 120).value());
  auto small = layoutLegends(1920, 1080, {l});
  auto big = layoutLegends(3840, 2160, {l});
  EXPECT_EQ(big[0].pixel, 2 * small[0].pixel);
  EXPECT_EQ(big[0].panel.w, 2 * small[0].panel.w);
  EXPECT_EQ(big[0].panel.h, 2 * small[0].panel.h);
  LegendStyle doubled;
  doubled.scale = 2.0f;
  EXPECT_EQ(layoutLegends(1920, 1080, {l}, doubled)[0].pixel, 6);
  // A tiny image: still drawn, clipped to the image, never out of bounds.
  ct::RgbaImage tiny = background(40, 30);
  drawLegends(tiny, {l});
  ct::RgbaImage empty;
  drawLegends(empty, {l});
  EXPECT_EQ(formatTick(0.25), "0.25");
  EXPECT_EQ(formatTick(1500000), "1.5e+06");
  EXPECT_EQ(formatTick(-0.0), "0");
}
