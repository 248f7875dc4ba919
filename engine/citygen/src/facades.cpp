// Facade tiles, painted pixel by pixel: wall, window frame and glass regions per style.
#include "facades.h"

#include <algorithm>
#include <cmath>

#include "rng.h"

namespace ct::citygen {
namespace {

constexpr int kCell = 32;  // pixels per bay and per storey

struct Window {
  float x0, x1, y0, y1;  // glass within a cell, fractions (y from the top of the storey)
  float frame;           // frame width around the glass, in fractions of the cell
  uint8_t glass;         // sRGB grey of the glass (times the material's tint)
  uint8_t glassRough, glassMetal, wallRough;
  bool mullion;          // a vertical bar down the middle
};

Window windowFor(int style) {
  switch (style) {
    case kCurtainWall: return {0.03f, 0.97f, 0.22f, 0.97f, 0.0f, 150, 16, 150, 120, true};
    case kOfficeWindows: return {0.1f, 0.9f, 0.26f, 0.88f, 0.03f, 58, 18, 40, 200, true};
    case kFlatWindows: return {0.24f, 0.76f, 0.28f, 0.8f, 0.04f, 50, 20, 0, 215, false};
    case kHouseWindows: return {0.3f, 0.7f, 0.3f, 0.72f, 0.06f, 48, 22, 0, 225, true};
    default: return {0.06f, 0.94f, 0.14f, 0.92f, 0.02f, 62, 14, 60, 190, true};  // shopfront
  }
}

void paint(const Window& w, int style, scene::Image& color, scene::Image& mr) {
  const int size = kCell * kTileBays;  // bays and storeys both 4
  color.width = color.height = mr.width = mr.height = size;
  color.rgba.assign(size_t(size) * size * 4, 255);
  mr.rgba.assign(size_t(size) * size * 4, 255);
  Rng rng(0x5eedu + uint64_t(style));
  for (int cy = 0; cy < kTileStoreys; ++cy)
    for (int cx = 0; cx < kTileBays; ++cx) {
      // Per window: how far a blind is drawn (light fabric behind the glass) and a little shade variation.
      const float blind = rng.chance(0.35) ? float(rng.uniform(0.15, 0.6)) : 0.0f;
      const float shade = float(rng.uniform(0.85, 1.15));
      for (int py = 0; py < kCell; ++py)
        for (int px = 0; px < kCell; ++px) {
          const float fx = (px + 0.5f) / kCell, fy = (py + 0.5f) / kCell;
          const bool inFrame = fx > w.x0 - w.frame && fx < w.x1 + w.frame && fy > w.y0 - w.frame && fy < w.y1 + w.frame;
          const bool inGlass = fx > w.x0 && fx < w.x1 && fy > w.y0 && fy < w.y1 &&
                               !(w.mullion && std::abs(fx - 0.5f) < 0.02f);
          uint8_t grey = 255, rough = w.wallRough, metal = 0;
          if (inGlass) {
            const float t = (fy - w.y0) / (w.y1 - w.y0);
            const bool blinded = t < blind;
            float g = blinded ? 170.0f : float(w.glass) * shade * (1.08f - 0.16f * t);  // brighter at the top
            grey = static_cast<uint8_t>(std::clamp(g, 0.0f, 255.0f));
            rough = blinded ? 120 : w.glassRough;
            metal = blinded ? 0 : w.glassMetal;
          } else if (inFrame) {
            grey = 228;
            rough = 110;
          } else if (style == kFlatWindows && fy >= w.y1 && fy < w.y1 + 0.05f && fx > w.x0 - 0.05f &&
                     fx < w.x1 + 0.05f) {
            grey = 240;  // sill
          } else if (fy < 0.06f || fy > 0.97f) {
            grey = 236;  // slab edge
          }
          const size_t i = (size_t(cy * kCell + py) * size + size_t(cx * kCell + px)) * 4;
          color.rgba[i] = color.rgba[i + 1] = color.rgba[i + 2] = grey;
          mr.rgba[i] = 255;
          mr.rgba[i + 1] = rough;
          mr.rgba[i + 2] = metal;
        }
    }
}

}  // namespace

float facadeBay(int style) {
  static const float kBay[kFacadeStyleCount] = {3.0f, 3.2f, 3.6f, 3.4f, 5.0f};
  return kBay[std::clamp(style, 0, kFacadeStyleCount - 1)];
}

FacadeTextures addFacadeTextures(scene::Scene& s) {
  static const char* kNames[kFacadeStyleCount] = {"curtain_wall", "office_windows", "flat_windows", "house_windows",
                                                  "shopfront"};
  FacadeTextures out{};
  for (int style = 0; style < kFacadeStyleCount; ++style) {
    scene::Image color, mr;
    paint(windowFor(style), style, color, mr);
    color.name = std::string("facade_") + kNames[style];
    mr.name = color.name + "_mr";
    for (auto [image, slot] : {std::pair{&color, &out.baseColor[style]}, std::pair{&mr, &out.metallicRoughness[style]}}) {
      s.images.push_back(std::move(*image));
      scene::Texture t;
      t.image = static_cast<int>(s.images.size()) - 1;
      s.textures.push_back(t);
      *slot = static_cast<int>(s.textures.size()) - 1;
    }
  }
  return out;
}

}  // namespace ct::citygen
