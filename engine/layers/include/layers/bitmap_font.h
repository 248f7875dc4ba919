// A small bitmap font of our own (5x7 glyphs, printable ASCII plus the degree and superscript-two signs) and
// text drawing into RGBA images with integer scaling: what legends are written with.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/image.h"

namespace ct::layers {

inline constexpr int kGlyphWidth = 5;
inline constexpr int kGlyphHeight = 7;
inline constexpr int kGlyphAdvance = 6;  // width plus one column of space

struct Glyph {
  char32_t codepoint = 0;
  std::array<uint8_t, kGlyphHeight> rows{};  // top row first; bit 4 is the leftmost column
  bool on(int x, int y) const { return (rows[size_t(y)] >> (kGlyphWidth - 1 - x)) & 1u; }
};

// Every glyph of the font (ASCII 32..126, U+00B0, U+00B2).
const std::vector<Glyph>& fontGlyphs();
// The glyph of a code point, or of '?' when the font lacks it.
const Glyph& glyphFor(char32_t codepoint);
// UTF-8 to code points (invalid bytes become U+FFFD, drawn as '?').
std::vector<char32_t> decodeUtf8(std::string_view text);

// Width and height in pixels of a line of text at an integer scale.
int textWidth(std::string_view utf8, int scale);
inline int textHeight(int scale) { return kGlyphHeight * scale; }
// Draws a line with its top-left at (x, y); pixels outside the image or outside clip (x0, y0, x1, y1 exclusive)
// are skipped. Colour replaces the pixel (alpha 255).
void drawText(RgbaImage& image, int x, int y, std::string_view utf8, int scale, const uint8_t rgb[3],
              const int clip[4] = nullptr);

}  // namespace ct::layers
