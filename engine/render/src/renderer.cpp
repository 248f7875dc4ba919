// The frame: draw list and light clusters on the CPU (draw_list.h, light_clusters.h), then shadow → scene (opaque,
// sky, blended, light halos) → post, recorded into the resources of one frame in flight (targets, feature state,
// instances, commands, lights, readback, timestamps).
#include "render/renderer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

#include <glm/gtc/matrix_transform.hpp>

#include "feature_states.h"
#include "frame.h"
#include "gpu/pipeline.h"
#include "light_clusters.h"

namespace ct::render {
namespace {

static_assert(sizeof(IndirectCommand) == sizeof(VkDrawIndexedIndirectCommand));
static_assert(offsetof(IndirectCommand, firstInstance) == offsetof(VkDrawIndexedIndirectCommand, firstInstance));

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

float srgbToLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

// A buffer of at least `bytes`, host-visible; regrown by half again so that slowly growing lists do not realloc
// every frame. The old buffer's destruction waits for the frames that used it.
void ensureBuffer(gpu::Context& ctx, gpu::Buffer& buffer, VkDeviceSize bytes, VkBufferUsageFlags usage) {
  if (!buffer || buffer.size() < bytes) buffer = gpu::Buffer(ctx, bytes + bytes / 2, usage, true);
}

}  // namespace

struct Renderer::Impl {
  gpu::Context& ctx;
  const scene::Scene& scene;
  Pipelines pipelines;
  std::unique_ptr<GpuScene> gpuScene;
  std::unique_ptr<DrawListBuilder> drawLists;
  FeatureStates featureStates;
  std::vector<PointLight> pointLights;
  LightClusters clusters;  // this frame's binning (copied into the frame's buffers at once)
  VkSampler shadowSampler = VK_NULL_HANDLE, postSampler = VK_NULL_HANDLE;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  // Everything one frame writes or reads while the GPU may still run the previous one.
  struct Frame {
    Targets targets;
    gpu::Buffer ubo;
    gpu::Buffer featureState;  // shader::FeatureState per feature row: the rows featureStates says it lacks
    gpu::Buffer lights, clusterRanges, lightIndices;  // LightClusters' lights, ranges and indices
    gpu::Buffer instances;  // shader::DrawData per drawn instance
    gpu::Buffer indirect;   // DrawList::commands
    DrawList drawList;
    VkDescriptorSet frameSet = VK_NULL_HANDLE, postSet = VK_NULL_HANDLE;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkQueryPool timestamps = VK_NULL_HANDLE;  // one before the passes and one after each
    uint32_t timestampCapacity = 0;
    uint64_t done = 0;  // timeline value of its last submission
  };
  Frame frames[gpu::kFramesInFlight];
  uint32_t frameIndex = 0;
  uint64_t sceneTriangles = 0;

  Impl(gpu::Context& c, const scene::Scene& s)
      : ctx(c), scene(s), featureStates(s.features.size(), gpu::kFramesInFlight) {}

  void createShared() {
    pipelines = createPipelines(ctx, ctx.maxSampleCount(VK_SAMPLE_COUNT_4_BIT));
    gpuScene = std::make_unique<GpuScene>(ctx, scene, pipelines.materialSetLayout);
    drawLists = std::make_unique<DrawListBuilder>(scene, gpuScene->meshes(), gpuScene->materials());
    VkSamplerCreateInfo sci{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    sci.magFilter = sci.minFilter = VK_FILTER_LINEAR;
    sci.addressModeU = sci.addressModeV = sci.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    sci.compareEnable = VK_TRUE;
    sci.compareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
    gpu::check(vkCreateSampler(ctx.device(), &sci, nullptr, &shadowSampler), "vkCreateSampler(shadow)");
    sci.magFilter = sci.minFilter = VK_FILTER_NEAREST;
    sci.compareEnable = VK_FALSE;
    gpu::check(vkCreateSampler(ctx.device(), &sci, nullptr, &postSampler), "vkCreateSampler(post)");

    VkDescriptorPoolSize sizes[3] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, gpu::kFramesInFlight},
                                     {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 2 * gpu::kFramesInFlight},
                                     {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 5 * gpu::kFramesInFlight}};
    VkDescriptorPoolCreateInfo dpci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    dpci.maxSets = 2 * gpu::kFramesInFlight;
    dpci.poolSizeCount = 3;
    dpci.pPoolSizes = sizes;
    gpu::check(vkCreateDescriptorPool(ctx.device(), &dpci, nullptr, &pool), "vkCreateDescriptorPool(frame)");
    for (Frame& fr : frames) {
      fr.ubo = gpu::Buffer(ctx, sizeof(shader::FrameData), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, true);
      fr.featureState = gpu::Buffer(ctx, featureStates.rows().size() * sizeof(shader::FeatureState),
                                    VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, true);
      VkDescriptorSetLayout layouts[2] = {pipelines.frameSetLayout, pipelines.postSetLayout};
      VkDescriptorSet sets[2];
      VkDescriptorSetAllocateInfo ai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
      ai.descriptorPool = pool;
      ai.descriptorSetCount = 2;
      ai.pSetLayouts = layouts;
      gpu::check(vkAllocateDescriptorSets(ctx.device(), &ai, sets), "vkAllocateDescriptorSets(frame)");
      fr.frameSet = sets[0];
      fr.postSet = sets[1];
      fr.cmd = ctx.allocateCommandBuffer();
      gpu::ImageDesc sd;
      sd.width = sd.height = kShadowMapSize;
      sd.format = kDepthFormat;
      sd.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
      sd.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
      fr.targets.shadow = gpu::Image(ctx, sd);
    }
  }

  // Pipelines and targets for the requested MSAA sample count (clamped to what the device supports).
  void ensureSamples(uint32_t requested) {
    const VkSampleCountFlagBits want = ctx.maxSampleCount(static_cast<VkSampleCountFlagBits>(std::max(1u, requested)));
    if (want == pipelines.samples) return;
    vkDeviceWaitIdle(ctx.device());  // frames in flight use the old pipelines and targets
    setSampleCount(ctx, pipelines, want);
    for (Frame& fr : frames) fr.targets.width = fr.targets.height = 0;
  }

  void ensureTargets(Targets& targets, uint32_t width, uint32_t height) {
    if (targets.width == width && targets.height == height) return;
    // This frame's previous use has finished; the RAII objects defer destruction past any other user anyway.
    targets.width = width;
    targets.height = height;
    targets.samples = pipelines.samples;
    gpu::ImageDesc d;
    d.width = width;
    d.height = height;
    d.format = kHdrFormat;
    d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
    targets.hdr = gpu::Image(ctx, d);
    if (targets.samples != VK_SAMPLE_COUNT_1_BIT) {
      d.samples = targets.samples;
      d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
      targets.colorMs = gpu::Image(ctx, d);
    } else {
      targets.colorMs = gpu::Image();
    }
    d.format = kDepthFormat;
    d.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    d.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    targets.depthMs = gpu::Image(ctx, d);
    gpu::ImageDesc o;
    o.width = width;
    o.height = height;
    o.format = kOutputFormat;
    o.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    targets.output = gpu::Image(ctx, o);
    targets.readback = gpu::Buffer(ctx, VkDeviceSize(width) * height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true);
    targets.ids = gpu::Image();
    targets.idDepth = gpu::Image();
  }

  void ensureIdTargets(Targets& targets) {
    if (targets.ids) return;
    gpu::ImageDesc d;
    d.width = targets.width;
    d.height = targets.height;
    d.format = kIdFormat;
    d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    targets.ids = gpu::Image(ctx, d);
    d.format = kDepthFormat;
    d.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    d.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    targets.idDepth = gpu::Image(ctx, d);
  }

  // A timestamp query pool with room for `count` stamps (the frame's previous use has finished).
  void ensureTimestamps(Frame& fr, uint32_t count) {
    if (!ctx.properties().limits.timestampComputeAndGraphics || fr.timestampCapacity >= count) return;
    if (fr.timestamps) vkDestroyQueryPool(ctx.device(), fr.timestamps, nullptr);
    VkQueryPoolCreateInfo qci{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
    qci.queryType = VK_QUERY_TYPE_TIMESTAMP;
    qci.queryCount = count;
    gpu::check(vkCreateQueryPool(ctx.device(), &qci, nullptr, &fr.timestamps), "vkCreateQueryPool");
    fr.timestampCapacity = count;
  }

  void upload(Frame& fr) {
    featureStates.flush(static_cast<size_t>(&fr - frames), fr.featureState.mapped());
    // Light buffers never empty (descriptors need a range); the shader reads only what the counts say.
    auto put = [&](gpu::Buffer& buffer, const void* data, size_t bytes) {
      ensureBuffer(ctx, buffer, std::max<size_t>(bytes, 16), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
      if (bytes) std::memcpy(buffer.mapped(), data, bytes);
    };
    put(fr.lights, clusters.lights.data(), clusters.lights.size() * sizeof(shader::PointLightData));
    put(fr.clusterRanges, clusters.ranges.data(), clusters.ranges.size() * sizeof(glm::uvec2));
    put(fr.lightIndices, clusters.indices.data(), clusters.indices.size() * sizeof(uint32_t));
    const DrawList& list = fr.drawList;
    ensureBuffer(ctx, fr.instances, std::max<size_t>(1, list.instances.size()) * sizeof(shader::DrawData),
                 VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
    if (!list.instances.empty())
      std::memcpy(fr.instances.mapped(), list.instances.data(), list.instances.size() * sizeof(shader::DrawData));
    ensureBuffer(ctx, fr.indirect, std::max<size_t>(1, list.commands.size()) * sizeof(IndirectCommand),
                 VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT);
    if (!list.commands.empty())
      std::memcpy(fr.indirect.mapped(), list.commands.data(), list.commands.size() * sizeof(IndirectCommand));
  }

  void writeFrameSets(Frame& fr) {
    VkDescriptorBufferInfo bi{fr.ubo.handle(), 0, sizeof(shader::FrameData)};
    VkDescriptorImageInfo shadowInfo{shadowSampler, fr.targets.shadow.view(), VK_IMAGE_LAYOUT_DEPTH_READ_ONLY_OPTIMAL};
    VkDescriptorImageInfo hdrInfo{postSampler, fr.targets.hdr.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkDescriptorBufferInfo instInfo{fr.instances.handle(), 0, VK_WHOLE_SIZE};
    VkDescriptorBufferInfo stateInfo{fr.featureState.handle(), 0, VK_WHOLE_SIZE};
    VkDescriptorBufferInfo lightInfo[3] = {{fr.lights.handle(), 0, VK_WHOLE_SIZE},
                                           {fr.clusterRanges.handle(), 0, VK_WHOLE_SIZE},
                                           {fr.lightIndices.handle(), 0, VK_WHOLE_SIZE}};
    const VkWriteDescriptorSet w[8] = {
        gpu::descriptorWrite(fr.frameSet, 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, &bi, nullptr),
        gpu::descriptorWrite(fr.frameSet, 1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, nullptr, &shadowInfo),
        gpu::descriptorWrite(fr.postSet, 0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, nullptr, &hdrInfo),
        gpu::descriptorWrite(fr.frameSet, 2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, &instInfo, nullptr),
        gpu::descriptorWrite(fr.frameSet, 3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, &stateInfo, nullptr),
        gpu::descriptorWrite(fr.frameSet, 4, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, &lightInfo[0], nullptr),
        gpu::descriptorWrite(fr.frameSet, 5, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, &lightInfo[1], nullptr),
        gpu::descriptorWrite(fr.frameSet, 6, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, &lightInfo[2], nullptr)};
    vkUpdateDescriptorSets(ctx.device(), 8, w, 0, nullptr);
  }

  // Per-frame constants; the sun's shadow map covers what is visible (eye-relative `visible`), and its depth
  // range reaches every caster in the scene between it and the sun.
  shader::FrameData frameData(const Camera& cam, double aspect, const glm::dmat4& crop, const scene::Bounds& visible,
                              const Lighting& light, glm::dmat4& lightViewProj) const {
    shader::FrameData fd{};
    const scene::Bounds& b = scene.bounds;
    glm::dmat4 viewProj = crop * projection(cam, aspect, nearPlaneFor(cam, b)) * viewRotation(cam);
    fd.viewProj = glm::mat4(viewProj);
    fd.invViewProj = glm::mat4(glm::inverse(viewProj));
    const glm::dvec3 sun = glm::normalize(light.sunDirection);
    const scene::Bounds& fit = visible.empty() ? b : visible;
    glm::dvec3 center = visible.empty() ? (b.empty() ? glm::dvec3(0.0) : b.center() - cam.eye) : visible.center();
    double radius = std::max(fit.radius(), 1e-3);
    double sceneReach = b.empty() ? radius : glm::length(b.center() - cam.eye - center) + b.radius();
    double lightDistance = std::max(sceneReach, radius) + 1.0;
    glm::dvec3 up = std::abs(sun.y) > 0.99 ? glm::dvec3(0, 0, 1) : glm::dvec3(0, 1, 0);
    glm::dmat4 lightView = glm::lookAtRH(center + sun * lightDistance, center, up);
    glm::dmat4 lightProj = glm::orthoRH_ZO(-radius, radius, -radius, radius, 0.0, lightDistance + sceneReach + radius);
    lightViewProj = lightProj * lightView;
    fd.shadowViewProj = glm::mat4(lightViewProj);
    fd.sunDirection = glm::vec4(glm::vec3(sun), 0.0f);
    fd.sunColor = glm::vec4(light.sunColor, 1.0f);
    fd.skyZenith = glm::vec4(light.skyZenith, 1.0f);
    fd.skyHorizon = glm::vec4(light.skyHorizon, 1.0f);
    fd.groundColor = glm::vec4(light.groundColor, 1.0f);
    fd.params = glm::vec4(light.exposure, 0.0f, static_cast<float>(2.0 * radius / kShadowMapSize),
                          static_cast<float>(0.02 / std::max(b.radius(), 1e-3)));
    const float sunPeak = std::max({light.sunColor.r, light.sunColor.g, light.sunColor.b});
    fd.night = glm::vec4(std::clamp(light.night, 0.0f, 1.0f), sunPeak < 1e-4f ? 1.0f : 0.0f, 0.0f, 0.0f);
    return fd;
  }
};

Renderer::Renderer(gpu::Context& ctx, const scene::Scene& scene) : mImpl(std::make_unique<Impl>(ctx, scene)) {
  auto t0 = Clock::now();
  mImpl->createShared();
  mImpl->sceneTriangles = scene.triangleCount();
  mUploadMs = msSince(t0);
}

Renderer::~Renderer() {
  Impl& m = *mImpl;
  vkDeviceWaitIdle(m.ctx.device());
  for (auto& fr : m.frames) {
    m.ctx.freeCommandBuffer(fr.cmd);
    if (fr.timestamps) vkDestroyQueryPool(m.ctx.device(), fr.timestamps, nullptr);
  }
  vkDestroyDescriptorPool(m.ctx.device(), m.pool, nullptr);
  vkDestroySampler(m.ctx.device(), m.shadowSampler, nullptr);
  vkDestroySampler(m.ctx.device(), m.postSampler, nullptr);
  destroyPipelines(m.ctx, m.pipelines);
}

void Renderer::setFeatureStyle(uint32_t row, const FeatureStyle& style) { mImpl->featureStates.set(row, style); }

void Renderer::setFeatureStyles(uint32_t firstRow, const FeatureStyle* styles, size_t count) {
  mImpl->featureStates.set(firstRow, styles, count);
}

void Renderer::clearFeatureStyles() { mImpl->featureStates.clear(); }

void Renderer::setPointLights(const std::vector<PointLight>& lights) { mImpl->pointLights = lights; }

Lighting nightLighting() {
  Lighting l;
  l.sunDirection = glm::normalize(glm::dvec3(0.3, -0.5, 0.4));  // below the horizon
  l.sunColor = glm::vec3(0.0f);
  l.skyZenith = glm::vec3(0.004f, 0.008f, 0.030f);
  l.skyHorizon = glm::vec3(0.020f, 0.032f, 0.075f);
  l.groundColor = glm::vec3(0.010f, 0.010f, 0.014f);
  l.exposure = 2.5f;
  l.night = 1.0f;
  return l;
}

RgbaImage Renderer::render(const RenderSettings& settings) {
  Impl& m = *mImpl;
  auto t0 = Clock::now();
  uint32_t w = std::max(1u, settings.width), h = std::max(1u, settings.height);
  double aspect = double(w) / double(h);
  Camera cam = settings.camera ? *settings.camera : frameBounds(m.scene.bounds, aspect);

  Impl::Frame& fr = m.frames[m.frameIndex];
  m.frameIndex = (m.frameIndex + 1) % gpu::kFramesInFlight;
  m.ctx.waitFor(fr.done);  // this frame slot's previous use has finished
  const bool ids = settings.aov == Aov::Id;
  if (!ids) m.ensureSamples(settings.samples);  // the id pass draws one sample whatever the colour's count
  if (ids && settings.idRegion && (settings.idRegion->x >= w || settings.idRegion->y >= h)) return RgbaImage{};
  // Picking: only a rectangle of the view, through a projection cropped to it (culling sees just that part).
  glm::dmat4 crop(1.0);
  if (ids && settings.idRegion) {
    const uint32_t x0 = std::min(settings.idRegion->x, w - 1), y0 = std::min(settings.idRegion->y, h - 1);
    const uint32_t rw = std::clamp(settings.idRegion->width, 1u, w - x0),
                   rh = std::clamp(settings.idRegion->height, 1u, h - y0);
    crop[0][0] = double(w) / rw;
    crop[1][1] = double(h) / rh;
    crop[3][0] = -(2.0 * x0 + rw - w) / rw;
    crop[3][1] = -(2.0 * y0 + rh - h) / rh;
    w = rw;
    h = rh;
  }
  m.ensureTargets(fr.targets, w, h);
  if (ids) m.ensureIdTargets(fr.targets);
  DrawList& list = fr.drawList;
  list.clear();
  list.coarse = settings.coarse && !ids;
  glm::dmat4 viewProj = crop * projection(cam, aspect, nearPlaneFor(cam, m.scene.bounds)) * viewRotation(cam);
  // About a pixel: the angle one pixel row subtends at the centre of the view.
  const double pixelAngle =
      ids ? 0.0 : std::max(1.0, settings.minPixels) * 2.0 * std::tan(glm::radians(cam.fovyDegrees) * 0.5) / double(h);
  m.drawLists->buildView(cam.eye, viewProj, pixelAngle, list);
  glm::dmat4 lightViewProj;
  shader::FrameData fd = m.frameData(cam, aspect, crop, list.visible, settings.lighting, lightViewProj);
  fd.params.y = settings.background == Background::Sky ? 0.0f : 1.0f;
  {
    auto tb = Clock::now();
    const glm::dmat4 view = viewRotation(cam);
    const glm::dvec3 forward = -glm::dvec3(view[0][2], view[1][2], view[2][2]);
    ClusterView cv;
    cv.eye = cam.eye;
    cv.view = view;
    cv.tanHalfFovY = std::tan(glm::radians(cam.fovyDegrees) * 0.5);
    cv.aspect = aspect;
    // Depths of what is in view bound the slices (and cull lights that reach nothing visible).
    cv.nearPlane = nearPlaneFor(cam, m.scene.bounds);
    cv.farDepth = cv.nearPlane * 2.0;
    if (!list.visible.empty()) {
      double nearest = 1e300;
      for (int c = 0; c < 8; ++c) {
        const glm::dvec3 corner((c & 1 ? list.visible.max : list.visible.min).x,
                                (c & 2 ? list.visible.max : list.visible.min).y,
                                (c & 4 ? list.visible.max : list.visible.min).z);
        cv.farDepth = std::max(cv.farDepth, glm::dot(corner, forward));
        nearest = std::min(nearest, glm::dot(corner, forward));
      }
      cv.nearPlane = std::max(cv.nearPlane, std::min(nearest, cv.farDepth * 0.5));
    }
    cv.width = w;
    cv.height = h;
    if (!ids && settings.pointLights && !m.pointLights.empty()) {
      binLights(m.pointLights, cv, ClusterGrid::forViewport(w, h, 16, 8), m.clusters);
    } else {
      m.clusters.lights.clear();
      m.clusters.indices.clear();
      m.clusters.ranges.assign(1, glm::uvec2(0));
    }
    const LightClusters& lc = m.clusters;
    fd.viewForward = glm::vec4(glm::vec3(forward), static_cast<float>(2.0 * cv.tanHalfFovY / double(h)));
    fd.clusterParams = glm::vec4(lc.sliceNear, lc.sliceScale, float(w) / float(lc.grid.tilesX),
                                 float(h) / float(lc.grid.tilesY));
    fd.clusterGrid = glm::uvec4(lc.grid.tilesX, lc.grid.tilesY, lc.grid.slices, uint32_t(lc.lights.size()));
    mStats.lightsVisible = static_cast<uint32_t>(lc.lights.size());
    mStats.lightReferences = lc.indices.size();
    mStats.lightBinningMs = msSince(tb);
  }
  std::memcpy(fr.ubo.mapped(), &fd, sizeof fd);
  if (!ids && settings.shadows && fd.night.y < 0.5f) m.drawLists->buildShadow(cam.eye, lightViewProj, fd.params.z, list);
  list.numberCommands();
  const auto tu = Clock::now();
  m.upload(fr);
  mStats.uploadMs = msSince(tu);
  m.writeFrameSets(fr);
  FrameContext f;
  f.cmd = fr.cmd;
  f.scene = m.gpuScene.get();
  f.pipelines = &m.pipelines;
  f.targets = &fr.targets;
  f.frameSet = fr.frameSet;
  f.postSet = fr.postSet;
  f.opaque = &list.opaque;
  f.blended = &list.blended;
  f.casters = &list.casters;
  f.settings = &settings;
  f.indirect = fr.indirect.handle();
  f.maxDrawCount = m.ctx.maxDrawIndirectCount();
  uint32_t drawCalls = 0;
  f.drawCalls = &drawCalls;
  f.sunDark = fd.night.y > 0.5f;
  f.lightCount = fd.clusterGrid.w;
  f.postParams = glm::vec4(fd.params.x, static_cast<float>(settings.background), 0.0f, 0.0f);
  const glm::vec3& bg = settings.backgroundColor;
  f.postBackground = glm::vec4(srgbToLinear(bg.r), srgbToLinear(bg.g), srgbToLinear(bg.b), 1.0f);

  // The frame, in order.
  struct Pass {
    const char* name;
    void (*record)(const FrameContext&);
  };
  std::vector<Pass> passes;
  if (ids) passes = {{"id", recordIdPass}};
  else passes = {{"shadow", recordShadowPass}, {"scene", recordModelPass}, {"post", recordPostPass}};
  const auto stamps = static_cast<uint32_t>(passes.size() + 1);  // one before the passes and one after each
  m.ensureTimestamps(fr, stamps);

  vkResetCommandBuffer(fr.cmd, 0);
  VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  gpu::check(vkBeginCommandBuffer(fr.cmd, &bi), "vkBeginCommandBuffer");
  if (fr.timestamps) {
    vkCmdResetQueryPool(fr.cmd, fr.timestamps, 0, stamps);
    vkCmdWriteTimestamp2(fr.cmd, VK_PIPELINE_STAGE_2_NONE, fr.timestamps, 0);
  }
  for (uint32_t i = 0; i < passes.size(); ++i) {
    passes[i].record(f);
    if (fr.timestamps) vkCmdWriteTimestamp2(fr.cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, fr.timestamps, i + 1);
  }
  gpu::check(vkEndCommandBuffer(fr.cmd), "vkEndCommandBuffer");
  mStats.cpuRecordMs = msSince(t0);

  auto t1 = Clock::now();
  fr.done = m.ctx.submit(fr.cmd);
  m.ctx.waitFor(fr.done);
  mStats.gpuFrameMs = msSince(t1);
  mStats.passMs.clear();
  if (fr.timestamps) {
    std::vector<uint64_t> ticks(stamps);
    if (vkGetQueryPoolResults(m.ctx.device(), fr.timestamps, 0, stamps, ticks.size() * sizeof(uint64_t), ticks.data(),
                              sizeof(uint64_t), VK_QUERY_RESULT_64_BIT) == VK_SUCCESS) {
      const double period = m.ctx.properties().limits.timestampPeriod;  // ns per tick
      for (size_t i = 0; i < passes.size(); ++i)
        mStats.passMs.emplace_back(passes[i].name, double(ticks[i + 1] - ticks[i]) * period * 1e-6);
    }
  }
  mStats.drawCalls = drawCalls;
  mStats.drawCommands = static_cast<uint32_t>(list.commands.size());
  mStats.itemsVisible = list.viewInstances;
  mStats.trianglesSubmitted = m.sceneTriangles;
  mStats.trianglesDrawn = list.trianglesDrawn();

  RgbaImage out;
  out.width = w;
  out.height = h;
  out.pixels.resize(size_t(w) * h * 4);
  std::memcpy(out.pixels.data(), fr.targets.readback.mapped(), out.pixels.size());
  if (ids) {  // row + 1 as 24-bit little-endian RGB, opaque
    for (size_t i = 0; i < out.pixels.size(); i += 4) {
      uint32_t id;
      std::memcpy(&id, &out.pixels[i], 4);
      out.pixels[i] = id & 0xff;
      out.pixels[i + 1] = (id >> 8) & 0xff;
      out.pixels[i + 2] = (id >> 16) & 0xff;
      out.pixels[i + 3] = 255;
    }
  }
  return out;
}

}  // namespace ct::render
