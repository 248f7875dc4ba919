// PROJ-backed CRS transforms and the ECEF/ENU local frame.
#include "geo/crs.h"

#include <cmath>
#include <mutex>

#include <proj.h>

namespace ct::geo {
namespace {

// PROJ's log goes to the context's last message instead of stderr, so that errors can quote it.
void logToString(void* user, int level, const char* msg) {
  if (level <= PJ_LOG_ERROR && msg) *static_cast<std::string*>(user) = msg;
}

std::string shorten(const std::string& s) { return s.size() > 60 ? s.substr(0, 57) + "..." : s; }

}  // namespace

struct CrsTransform::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;
  std::string lastLog;
  std::mutex mutex;

  Impl() {
    ctx = proj_context_create();
    if (ctx) {
      proj_log_func(ctx, &lastLog, logToString);
      proj_log_level(ctx, PJ_LOG_ERROR);
      proj_context_set_enable_network(ctx, 0);
    }
  }
  ~Impl() {
    if (pj) proj_destroy(pj);
    if (ctx) proj_context_destroy(ctx);
  }
  std::string why() {
    const int err = proj_context_errno(ctx);
    std::string msg = err ? proj_context_errno_string(ctx, err) : "";
    if (!lastLog.empty() && lastLog != msg) msg += (msg.empty() ? "" : ": ") + lastLog;
    return msg.empty() ? "not understood" : msg;
  }
  // A CRS from text; a bare proj string ("+proj=utm ...") is a conversion to PROJ until told it is a CRS.
  PJ* crs(const std::string& text, std::string& error) {
    lastLog.clear();
    PJ* p = text.empty() ? nullptr : proj_create(ctx, text.c_str());
    if (p && !proj_is_crs(p) && text.find("+proj=") != std::string::npos && text.find("+type=crs") == std::string::npos) {
      proj_destroy(p);
      p = proj_create(ctx, (text + " +type=crs").c_str());
    }
    if (!p) {
      error = text.empty() ? "empty CRS" : why();
      return nullptr;
    }
    if (!proj_is_crs(p)) {
      proj_destroy(p);
      error = "not a coordinate reference system";
      return nullptr;
    }
    return p;
  }
};

CrsTransform::CrsTransform(CrsTransform&&) noexcept = default;
CrsTransform& CrsTransform::operator=(CrsTransform&&) noexcept = default;
CrsTransform::~CrsTransform() = default;

Result<CrsTransform> CrsTransform::create(const std::string& from, const std::string& to) {
  CrsTransform t;
  t.mImpl = std::make_unique<Impl>();
  t.mFrom = from;
  t.mTo = to;
  Impl& m = *t.mImpl;
  if (!m.ctx) return Result<CrsTransform>::fail("CRS: could not create a PROJ context");
  std::string error;
  PJ* src = m.crs(from, error);
  if (!src) return Result<CrsTransform>::fail("CRS '" + shorten(from) + "': " + error);
  PJ* dst = m.crs(to, error);
  if (!dst) {
    proj_destroy(src);
    return Result<CrsTransform>::fail("CRS '" + shorten(to) + "': " + error);
  }
  PJ* op = proj_create_crs_to_crs_from_pj(m.ctx, src, dst, nullptr, nullptr);
  proj_destroy(src);
  proj_destroy(dst);
  if (!op)
    return Result<CrsTransform>::fail("CRS: no transformation from '" + shorten(from) + "' to '" + shorten(to) +
                                      "': " + m.why());
  // x = longitude/easting, y = latitude/northing on both sides, whatever the CRS definitions say.
  m.pj = proj_normalize_for_visualization(m.ctx, op);
  proj_destroy(op);
  if (!m.pj) return Result<CrsTransform>::fail("CRS: could not normalise the axis order: " + m.why());
  return Result<CrsTransform>::ok(std::move(t));
}

Result<glm::dvec3> CrsTransform::run(const glm::dvec3& p, bool forward) const {
  if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z))
    return Result<glm::dvec3>::fail("CRS: point is not finite");
  std::lock_guard lock(mImpl->mutex);
  proj_errno_reset(mImpl->pj);
  PJ_COORD c = proj_trans(mImpl->pj, forward ? PJ_FWD : PJ_INV, proj_coord(p.x, p.y, p.z, HUGE_VAL));
  const glm::dvec3 out(c.xyz.x, c.xyz.y, c.xyz.z);
  if (!std::isfinite(out.x) || !std::isfinite(out.y) || !std::isfinite(out.z) || out.x == HUGE_VAL) {
    const int err = proj_errno(mImpl->pj);
    return Result<glm::dvec3>::fail("CRS: cannot transform (" + std::to_string(p.x) + ", " + std::to_string(p.y) +
                                    ") from '" + shorten(forward ? mFrom : mTo) + "' to '" +
                                    shorten(forward ? mTo : mFrom) +
                                    "': " + (err ? proj_context_errno_string(mImpl->ctx, err) : "out of range"));
  }
  return Result<glm::dvec3>::ok(out);
}

Result<glm::dvec3> CrsTransform::transform(const glm::dvec3& p) const { return run(p, true); }
Result<glm::dvec3> CrsTransform::inverse(const glm::dvec3& p) const { return run(p, false); }

Diagnostics CrsTransform::transform(std::vector<glm::dvec3>& points) const {
  Diagnostics d;
  for (size_t i = 0; i < points.size(); ++i) {
    Result<glm::dvec3> r = run(points[i], true);
    if (!r) {
      d.error("point " + std::to_string(i) + ": " + r.firstError());
      return d;
    }
    points[i] = r.value();
  }
  return d;
}

LocalFrame::LocalFrame(const Geodetic& origin)
    : mOrigin(origin), mOriginEcef(geodeticToEcef(origin)), mAxes(enuAxes(origin)) {}

glm::dvec3 LocalFrame::toLocal(const Geodetic& g) const {
  const glm::dvec3 enu = glm::transpose(mAxes) * (geodeticToEcef(g) - mOriginEcef);
  return {enu.x, enu.z, -enu.y};
}

Geodetic LocalFrame::toGeodetic(const glm::dvec3& local) const {
  return ecefToGeodetic(mOriginEcef + mAxes * glm::dvec3(local.x, -local.z, local.y));
}

Result<glm::dvec3> LocalFrame::toLocal(const CrsTransform& toWgs84, double x, double y, double z) const {
  Result<glm::dvec3> lonLat = toWgs84.transform({x, y, z});
  if (!lonLat) return lonLat;
  const glm::dvec3 ll = lonLat.value();
  return Result<glm::dvec3>::ok(toLocal(Geodetic{ll.y, ll.x, ll.z}));
}

}  // namespace ct::geo
