// Ear clipping for footprint roofs: holes are first bridged into the outer ring (each hole joined to a vertex
// it can see, found by a ray towards +x from the hole's rightmost vertex), then ears are cut from the one ring.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "io/gis.h"

namespace ct::io {
namespace {

using glm::dvec2;

// Twice the signed area of triangle o-a-b: positive when counter-clockwise.
double cross(dvec2 o, dvec2 a, dvec2 b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

double signedArea(const std::vector<dvec2>& pts, const std::vector<uint32_t>& ring) {
  double a = 0.0;
  for (size_t i = 0, n = ring.size(); i < n; ++i) {
    const dvec2 p = pts[ring[i]], q = pts[ring[(i + 1) % n]];
    a += p.x * q.y - q.x * p.y;
  }
  return 0.5 * a;
}

bool inTriangle(dvec2 a, dvec2 b, dvec2 c, dvec2 p) {
  return cross(a, b, p) >= 0.0 && cross(b, c, p) >= 0.0 && cross(c, a, p) >= 0.0;
}

// Is m inside the angle of the (counter-clockwise) ring at position i, looking from the vertex?
bool locallyInside(const std::vector<dvec2>& pts, const std::vector<uint32_t>& ring, size_t i, dvec2 m) {
  const size_t n = ring.size();
  const dvec2 p = pts[ring[(i + n - 1) % n]], v = pts[ring[i]], q = pts[ring[(i + 1) % n]];
  if (cross(p, v, q) >= 0.0) return cross(p, v, m) >= 0.0 && cross(v, q, m) >= 0.0;
  return cross(p, v, m) >= 0.0 || cross(v, q, m) >= 0.0;
}

// Joins a (clockwise) hole into the (counter-clockwise) outer ring; false when no bridge is found.
bool bridge(const std::vector<dvec2>& pts, std::vector<uint32_t>& outer, const std::vector<uint32_t>& hole) {
  size_t mi = 0;
  for (size_t i = 1; i < hole.size(); ++i)
    if (pts[hole[i]].x > pts[hole[mi]].x) mi = i;
  const dvec2 m = pts[hole[mi]];
  // The nearest edge the ray m + t(1, 0) hits; the interior lies left of upward edges on a ccw ring.
  const size_t n = outer.size();
  double bestX = INFINITY;
  size_t target = n;
  for (size_t i = 0; i < n; ++i) {
    const dvec2 a = pts[outer[i]], b = pts[outer[(i + 1) % n]];
    if (!(a.y <= m.y && m.y <= b.y) || a.y == b.y) continue;
    const double x = a.x + (m.y - a.y) * (b.x - a.x) / (b.y - a.y);
    if (x < m.x || x >= bestX) continue;
    bestX = x;
    target = x == a.x && m.y == a.y ? i : x == b.x && m.y == b.y ? (i + 1) % n : (a.x > b.x ? i : (i + 1) % n);
  }
  if (target == n) return false;
  // A reflex vertex inside triangle (m, hit, target) would hide the target: take the one nearest the ray.
  const dvec2 hit(bestX, m.y), t = pts[outer[target]];
  if (hit != t) {
    const bool up = t.y >= m.y;
    const dvec2 a = m, b = up ? hit : t, c = up ? t : hit;
    double bestAngle = INFINITY, bestDist = INFINITY;
    for (size_t i = 0; i < n; ++i) {
      const dvec2 p = pts[outer[i]];
      if (i == target || p == t) continue;
      const dvec2 prev = pts[outer[(i + n - 1) % n]], next = pts[outer[(i + 1) % n]];
      if (cross(prev, p, next) >= 0.0 || !inTriangle(a, b, c, p) || p.x < m.x) continue;
      const double angle = std::atan2(std::abs(p.y - m.y), p.x - m.x), dist = glm::length(p - m);
      if (angle < bestAngle || (angle == bestAngle && dist < bestDist)) {
        bestAngle = angle;
        bestDist = dist;
        target = i;
      }
    }
  }
  // A vertex used by an earlier bridge appears twice: take the copy whose angle opens towards m.
  const dvec2 tp = pts[outer[target]];
  for (size_t i = 0; i < n; ++i)
    if (pts[outer[i]] == tp && locallyInside(pts, outer, i, m)) {
      target = i;
      break;
    }
  std::vector<uint32_t> joined;
  joined.reserve(n + hole.size() + 2);
  joined.insert(joined.end(), outer.begin(), outer.begin() + long(target) + 1);
  for (size_t k = 0; k <= hole.size(); ++k) joined.push_back(hole[(mi + k) % hole.size()]);
  joined.insert(joined.end(), outer.begin() + long(target), outer.end());
  outer.swap(joined);
  return true;
}

}  // namespace

std::vector<uint32_t> triangulate(const std::vector<std::vector<dvec2>>& rings, int* forced) {
  std::vector<uint32_t> tris;
  if (forced) *forced = 0;
  if (rings.empty() || rings[0].size() < 3) return tris;
  std::vector<dvec2> pts;
  std::vector<std::vector<uint32_t>> loops;
  for (const auto& r : rings) {
    std::vector<uint32_t> loop(r.size());
    std::iota(loop.begin(), loop.end(), uint32_t(pts.size()));
    pts.insert(pts.end(), r.begin(), r.end());
    loops.push_back(std::move(loop));
  }
  std::vector<uint32_t> outer = std::move(loops[0]);
  const double outerArea = signedArea(pts, outer);
  if (outerArea == 0.0 || !std::isfinite(outerArea)) return tris;
  if (outerArea < 0.0) std::reverse(outer.begin(), outer.end());
  std::vector<std::vector<uint32_t>> holes;
  for (size_t h = 1; h < loops.size(); ++h) {
    const double a = signedArea(pts, loops[h]);
    if (loops[h].size() < 3 || a == 0.0) continue;
    if (a > 0.0) std::reverse(loops[h].begin(), loops[h].end());
    holes.push_back(std::move(loops[h]));
  }
  auto maxX = [&](const std::vector<uint32_t>& l) {
    double x = -INFINITY;
    for (uint32_t i : l) x = std::max(x, pts[i].x);
    return x;
  };
  std::sort(holes.begin(), holes.end(), [&](const auto& a, const auto& b) { return maxX(a) > maxX(b); });
  for (const auto& h : holes)
    if (!bridge(pts, outer, h) && forced) ++*forced;

  // Ear clipping over a linked list of ring positions.
  const size_t n = outer.size();
  std::vector<size_t> prev(n), next(n);
  for (size_t i = 0; i < n; ++i) {
    prev[i] = (i + n - 1) % n;
    next[i] = (i + 1) % n;
  }
  auto at = [&](size_t i) { return pts[outer[i]]; };
  auto remove = [&](size_t i) {
    next[prev[i]] = next[i];
    prev[next[i]] = prev[i];
  };
  auto isEar = [&](size_t i) {
    const dvec2 a = at(prev[i]), b = at(i), c = at(next[i]);
    if (cross(a, b, c) <= 0.0) return false;
    for (size_t j = next[next[i]]; j != prev[i]; j = next[j]) {
      const dvec2 p = at(j);
      if (p == a || p == b || p == c) continue;
      if (inTriangle(a, b, c, p)) return false;
    }
    return true;
  };
  tris.reserve(3 * n);
  size_t left = n, cur = 0, stalled = 0;
  while (left > 3) {
    const dvec2 a = at(prev[cur]), b = at(cur), c = at(next[cur]);
    const double area = cross(a, b, c);
    if (area == 0.0) {
      // A repeated point, a point on a straight edge or a spike folding back: no area, removing it keeps the
      // outline (or drops a zero-width sliver).
      const size_t p = prev[cur];
      remove(cur), --left, cur = p, stalled = 0;
      continue;
    }
    if (!isEar(cur)) {
      cur = next[cur];
      if (++stalled <= left) continue;
      // No clean ear left (self-touching or crossing rings): cut the widest convex corner anyway.
      size_t best = left, j = cur;
      double bestArea = 0.0;
      for (size_t k = 0; k < left; ++k, j = next[j]) {
        const double ar = cross(at(prev[j]), at(j), at(next[j]));
        if (ar > bestArea) bestArea = ar, best = j;
      }
      if (best == left) break;  // nothing convex: give up on the rest
      if (forced) ++*forced;
      cur = best;
    }
    tris.insert(tris.end(), {outer[prev[cur]], outer[cur], outer[next[cur]]});
    const size_t p = prev[cur];
    remove(cur), --left, cur = p, stalled = 0;
  }
  if (left == 3 && cross(at(prev[cur]), at(cur), at(next[cur])) > 0.0)
    tris.insert(tris.end(), {outer[prev[cur]], outer[cur], outer[next[cur]]});
  return tris;
}

}  // namespace ct::io
