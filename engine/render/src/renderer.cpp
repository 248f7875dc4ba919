// The frame: draw list on the CPU (relative to the eye, in doubles), then shadow → scene (opaque, sky, blended)
// → post.
#include "render/renderer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>

#include <glm/gtc/matrix_transform.hpp>

#include "frame.h"
#include "gpu/pipeline.h"

namespace ct::render {
namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

float srgbToLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

}  // namespace

struct Renderer::Impl {
  gpu::Context& ctx;
  const scene::Scene& scene;
  Pipelines pipelines;
  std::unique_ptr<GpuScene> gpuScene;
  Targets targets;
  VkSampler shadowSampler = VK_NULL_HANDLE, postSampler = VK_NULL_HANDLE;
  gpu::Buffer featureState;  // one vec4 per feature row (FeatureStyle); frames are waited for, so one suffices
  VkDescriptorPool pool = VK_NULL_HANDLE;
  struct Frame {
    gpu::Buffer ubo;
    gpu::Buffer instances;  // per-draw instance data (shader::DrawData), grown as needed
    gpu::Buffer indirect;   // one VkDrawIndexedIndirectCommand per draw item, grown as needed
    VkDescriptorSet frameSet = VK_NULL_HANDLE, postSet = VK_NULL_HANDLE;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkQueryPool timestamps = VK_NULL_HANDLE;  // one before the passes and one after each
    uint64_t done = 0;  // timeline value of its last submission
  };
  static constexpr uint32_t kMaxTimestamps = 8;
  Frame frames[gpu::kFramesInFlight];
  uint32_t frameIndex = 0;
  uint64_t sceneTriangles = 0;

  Impl(gpu::Context& c, const scene::Scene& s) : ctx(c), scene(s) {}

  void createShared() {
    pipelines = createPipelines(ctx, ctx.maxSampleCount(VK_SAMPLE_COUNT_4_BIT));
    gpuScene = std::make_unique<GpuScene>(ctx, scene, pipelines.materialSetLayout);
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
                                     {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2 * gpu::kFramesInFlight}};
    VkDescriptorPoolCreateInfo dpci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    dpci.maxSets = 2 * gpu::kFramesInFlight;
    dpci.poolSizeCount = 3;
    dpci.pPoolSizes = sizes;
    gpu::check(vkCreateDescriptorPool(ctx.device(), &dpci, nullptr, &pool), "vkCreateDescriptorPool(frame)");
    for (Frame& fr : frames) {
      fr.ubo = gpu::Buffer(ctx, sizeof(shader::FrameData), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, true);
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
      if (ctx.properties().limits.timestampComputeAndGraphics) {
        VkQueryPoolCreateInfo qci{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        qci.queryType = VK_QUERY_TYPE_TIMESTAMP;
        qci.queryCount = kMaxTimestamps;
        gpu::check(vkCreateQueryPool(ctx.device(), &qci, nullptr, &fr.timestamps), "vkCreateQueryPool");
      }
    }
    featureState = gpu::Buffer(ctx, std::max<size_t>(1, scene.features.size()) * sizeof(glm::vec4),
                               VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, true);
    std::memset(featureState.mapped(), 0, featureState.size());
    gpu::ImageDesc sd;
    sd.width = sd.height = kShadowMapSize;
    sd.format = kDepthFormat;
    sd.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    sd.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
    targets.shadow = gpu::Image(ctx, sd);
  }

  // Pipelines and targets for the requested MSAA sample count (clamped to what the device supports).
  void ensureSamples(uint32_t requested) {
    const VkSampleCountFlagBits want = ctx.maxSampleCount(static_cast<VkSampleCountFlagBits>(std::max(1u, requested)));
    if (want == pipelines.samples) return;
    vkDeviceWaitIdle(ctx.device());  // frames in flight use the old pipelines and targets
    setSampleCount(ctx, pipelines, want);
    targets.width = targets.height = 0;
  }

  void ensureTargets(uint32_t width, uint32_t height) {
    if (targets.width == width && targets.height == height) return;
    // Frames still in flight may use the old targets; their destruction is deferred by the RAII objects.
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

  void ensureIdTargets() {
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

  void uploadInstances(Frame& fr, const std::vector<shader::DrawData>& data) {
    const VkDeviceSize bytes = std::max<VkDeviceSize>(sizeof(shader::DrawData), data.size() * sizeof(shader::DrawData));
    if (!fr.instances || fr.instances.size() < bytes)  // the old buffer's destruction waits for its frames
      fr.instances = gpu::Buffer(ctx, bytes + bytes / 2, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, true);
    if (!data.empty()) std::memcpy(fr.instances.mapped(), data.data(), data.size() * sizeof(shader::DrawData));
  }

  // Numbers the items of every list in order and writes their indirect commands.
  void uploadCommands(Frame& fr, std::initializer_list<std::vector<DrawItem>*> lists) {
    std::vector<VkDrawIndexedIndirectCommand> commands;
    for (std::vector<DrawItem>* list : lists)
      for (DrawItem& d : *list) {
        d.command = static_cast<uint32_t>(commands.size());
        const GpuPrimitive& p = *d.primitive;
        commands.push_back({p.indexCount, d.instanceCount, p.firstIndex, p.vertexOffset, d.firstInstance});
      }
    const VkDeviceSize bytes = std::max<size_t>(1, commands.size()) * sizeof(VkDrawIndexedIndirectCommand);
    if (!fr.indirect || fr.indirect.size() < bytes)
      fr.indirect = gpu::Buffer(ctx, bytes + bytes / 2, VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT, true);
    if (!commands.empty()) std::memcpy(fr.indirect.mapped(), commands.data(), commands.size() * sizeof commands[0]);
  }

  void writeFrameSets(Frame& fr) {
    VkDescriptorBufferInfo bi{fr.ubo.handle(), 0, sizeof(shader::FrameData)};
    VkDescriptorImageInfo shadowInfo{shadowSampler, targets.shadow.view(), VK_IMAGE_LAYOUT_DEPTH_READ_ONLY_OPTIMAL};
    VkDescriptorImageInfo hdrInfo{postSampler, targets.hdr.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkDescriptorBufferInfo instInfo{fr.instances.handle(), 0, VK_WHOLE_SIZE};
    VkDescriptorBufferInfo stateInfo{featureState.handle(), 0, VK_WHOLE_SIZE};
    const VkWriteDescriptorSet w[5] = {
        gpu::descriptorWrite(fr.frameSet, 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, &bi, nullptr),
        gpu::descriptorWrite(fr.frameSet, 1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, nullptr, &shadowInfo),
        gpu::descriptorWrite(fr.postSet, 0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, nullptr, &hdrInfo),
        gpu::descriptorWrite(fr.frameSet, 2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, &instInfo, nullptr),
        gpu::descriptorWrite(fr.frameSet, 3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, &stateInfo, nullptr)};
    vkUpdateDescriptorSets(ctx.device(), 5, w, 0, nullptr);
  }

  // Per instance, computed once: world bounds (doubles), whether it mirrors, and the parts of its draw data
  // that do not depend on the eye (normal matrix, feature). Frames only fill in the eye-relative transform.
  struct InstanceInfo {
    scene::Bounds bounds;
    double size = 0.0;  // the middle of its three extents: what decides whether it covers a pixel
    bool mirrored = false;
    shader::DrawData data{};
  };
  std::vector<InstanceInfo> instanceInfo;
  void computeInstanceInfo() {
    instanceInfo.reserve(scene.instances.size());
    for (const scene::Instance& inst : scene.instances) {
      InstanceInfo info;
      for (const scene::Primitive& prim : scene.meshes[inst.mesh].primitives)
        info.bounds.extend(prim.bounds.transformed(inst.world));
      if (!info.bounds.empty()) {
        glm::dvec3 e = info.bounds.max - info.bounds.min;
        info.size = std::max(std::min(e.x, e.y), std::min(std::max(e.x, e.y), e.z));
      }
      const glm::dmat3 m(inst.world);
      info.mirrored = glm::determinant(m) < 0.0;
      const glm::dmat3 normal = glm::transpose(glm::inverse(m));
      for (int c = 0; c < 3; ++c) info.data.normalCols[c] = glm::vec4(glm::vec3(normal[c]), 0.0f);
      info.data.ids = glm::uvec4(inst.feature, 0u, 0u, 0u);
      instanceInfo.push_back(info);
    }
  }

  // One group per (mesh, mirrored): its visible instances become one instanced draw per primitive.
  struct Group {
    std::vector<shader::DrawData> data;
    double nearest = 1e300;
  };

  shader::DrawData drawData(size_t i, const glm::dvec3& eye) const {
    shader::DrawData d = instanceInfo[i].data;
    glm::dmat4 rel = scene.instances[i].world;
    rel[3] -= glm::dvec4(eye, 0.0);
    d.model = glm::mat4(rel);
    return d;
  }

  // Turns groups into draw items whose instance ranges are appended to `data`.
  void emit(std::map<std::pair<int, bool>, Group>& groups, std::vector<shader::DrawData>& data,
            std::vector<DrawItem>& opaque, std::vector<DrawItem>* blended, bool shadowCasters) {
    const auto& meshes = gpuScene->meshes();
    for (auto& [key, g] : groups) {
      const auto first = static_cast<uint32_t>(data.size());
      data.insert(data.end(), g.data.begin(), g.data.end());
      for (const GpuPrimitive& prim : meshes[key.first]) {
        const bool blend = gpuScene->material(prim.material).alphaMode == scene::AlphaMode::Blend;
        if (shadowCasters && (blend || prim.topology != scene::Topology::Triangles)) continue;
        DrawItem d;
        d.primitive = &prim;
        d.firstInstance = first;
        d.instanceCount = static_cast<uint32_t>(g.data.size());
        d.mirrored = key.second;
        d.distance = static_cast<float>(g.nearest);
        (blend && blended ? *blended : opaque).push_back(d);
      }
    }
    // By material (state changes are what cost on CPU devices: one indirect call per run of equal state), then
    // front to back within it so that early depth tests skip more hidden fragments.
    std::sort(opaque.begin(), opaque.end(), [](const DrawItem& a, const DrawItem& b) {
      if (a.primitive->material != b.primitive->material) return a.primitive->material < b.primitive->material;
      if (a.mirrored != b.mirrored) return a.mirrored < b.mirrored;
      return a.distance < b.distance;
    });
    if (blended)
      std::stable_sort(blended->begin(), blended->end(),
                       [](const DrawItem& a, const DrawItem& b) { return a.distance > b.distance; });
  }

  // The instances inside the view frustum (planes of the eye-relative viewProj), with transforms relative to
  // the eye computed in doubles. `visible` gets the union of their eye-relative bounds. Instances whose middle
  // extent seen from the eye is under `minAngle` (radians; about a pixel) are left out: they cannot cover a
  // pixel's worth of samples. The id image passes 0 so that it names everything there.
  void buildDrawList(const glm::dvec3& eye, const glm::dmat4& viewProj, double minAngle,
                     std::vector<shader::DrawData>& data, std::vector<DrawItem>& opaque,
                     std::vector<DrawItem>& blended, scene::Bounds& visible) {
    // Reverse-Z with an infinite far plane: left, right, top, bottom and near (w > z) planes.
    const glm::dmat4 m = glm::transpose(viewProj);
    const glm::dvec4 planes[5] = {m[3] + m[0], m[3] - m[0], m[3] + m[1], m[3] - m[1], m[3] - m[2]};
    const double sceneRadius = scene.bounds.radius();
    scene::Bounds visibleLarge;
    std::map<std::pair<int, bool>, Group> groups;
    for (size_t i = 0; i < scene.instances.size(); ++i) {
      const scene::Instance& inst = scene.instances[i];
      const scene::Bounds& wb = instanceInfo[i].bounds;
      if (wb.empty()) continue;
      glm::dvec3 lo = wb.min - eye, hi = wb.max - eye;
      bool outside = false;
      for (const glm::dvec4& pl : planes) {  // the box corner farthest along the plane's normal
        glm::dvec3 v(pl.x >= 0 ? hi.x : lo.x, pl.y >= 0 ? hi.y : lo.y, pl.z >= 0 ? hi.z : lo.z);
        if (glm::dot(glm::dvec3(pl), v) + pl.w < 0.0) {
          outside = true;
          break;
        }
      }
      if (outside) continue;
      if (minAngle > 0.0) {
        const double distance = glm::length(glm::clamp(glm::dvec3(0.0), lo, hi));
        if (instanceInfo[i].size < minAngle * distance) continue;
      }
      // The shadow map is fitted to what is in view; things as large as the scene (a ground plane, a
      // merged road network) would stretch it over everything, so they only count when nothing else does.
      scene::Bounds& fit = glm::length(hi - lo) < 0.5 * sceneRadius ? visible : visibleLarge;
      fit.extend(lo);
      fit.extend(hi);
      Group& g = groups[{inst.mesh, instanceInfo[i].mirrored}];
      g.data.push_back(drawData(i, eye));
      g.nearest = std::min(g.nearest, glm::length(0.5 * (lo + hi)));
    }
    if (visible.empty()) visible = visibleLarge;
    emit(groups, data, opaque, &blended, false);
  }

  // Shadow casters: opaque instances in the whole scene whose bounds reach the lit area (light-space x/y box)
  // and that are at least `minSize` (a shadow texel, in metres) across.
  void buildShadowList(const glm::dvec3& eye, const glm::dmat4& lightViewProj, double minSize,
                       std::vector<shader::DrawData>& data, std::vector<DrawItem>& casters) {
    std::map<std::pair<int, bool>, Group> groups;
    for (size_t i = 0; i < scene.instances.size(); ++i) {
      const scene::Instance& inst = scene.instances[i];
      const scene::Bounds& wb = instanceInfo[i].bounds;
      if (wb.empty() || instanceInfo[i].size < minSize) continue;
      scene::Bounds eyeRel{wb.min - eye, wb.max - eye};
      scene::Bounds light = eyeRel.transformed(lightViewProj);
      if (light.max.x < -1.0 || light.min.x > 1.0 || light.max.y < -1.0 || light.min.y > 1.0) continue;
      groups[{inst.mesh, false}].data.push_back(drawData(i, eye));
    }
    emit(groups, data, casters, nullptr, true);
  }

  // Per-frame constants; the sun's shadow map covers what is visible (eye-relative `visible`), and its depth
  // range reaches every caster in the scene between it and the sun.
  shader::FrameData frameData(const Camera& cam, double aspect, const scene::Bounds& visible,
                              glm::dmat4& lightViewProj) {
    shader::FrameData fd{};
    const scene::Bounds& b = scene.bounds;
    glm::dmat4 view = viewRotation(cam);
    glm::dmat4 viewProj = projection(cam, aspect, nearPlaneFor(cam, b)) * view;
    fd.viewProj = glm::mat4(viewProj);
    fd.invViewProj = glm::mat4(glm::inverse(viewProj));
    glm::dvec3 sun = glm::normalize(glm::dvec3(-0.45, 0.7, 0.6));  // ~44° high, from the camera's front left
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
    fd.sunColor = glm::vec4(glm::vec3(1.0f, 0.95f, 0.88f) * 4.2f, 1.0f);
    fd.skyZenith = glm::vec4(0.20f, 0.38f, 0.75f, 1.0f);
    fd.skyHorizon = glm::vec4(0.68f, 0.78f, 0.90f, 1.0f);
    fd.groundColor = glm::vec4(0.32f, 0.30f, 0.27f, 1.0f);
    fd.params = glm::vec4(1.0f, 0.0f, static_cast<float>(2.0 * radius / kShadowMapSize),
                          static_cast<float>(0.02 / std::max(b.radius(), 1e-3)));
    return fd;
  }
};

Renderer::Renderer(gpu::Context& ctx, const scene::Scene& scene) : mImpl(std::make_unique<Impl>(ctx, scene)) {
  auto t0 = Clock::now();
  mImpl->createShared();
  mImpl->computeInstanceInfo();
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

void Renderer::setFeatureStyle(uint32_t row, const FeatureStyle& style) {
  if (row >= mImpl->scene.features.size()) return;
  glm::vec4 v = style.tint;
  v.a = style.hidden ? -1.0f : std::clamp(v.a, 0.0f, 1.0f);
  std::memcpy(static_cast<glm::vec4*>(mImpl->featureState.mapped()) + row, &v, sizeof v);
}

void Renderer::clearFeatureStyles() {
  std::memset(mImpl->featureState.mapped(), 0, mImpl->featureState.size());
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
  m.ensureSamples(settings.samples);
  m.ensureTargets(w, h);
  const bool ids = settings.aov == Aov::Id;
  if (ids) m.ensureIdTargets();
  std::vector<DrawItem> opaque, blended, casters;
  std::vector<shader::DrawData> instanceData;
  scene::Bounds visible;
  glm::dmat4 viewProj = projection(cam, aspect, nearPlaneFor(cam, m.scene.bounds)) * viewRotation(cam);
  // About a pixel: the angle one pixel row subtends at the centre of the view.
  const double pixelAngle = ids ? 0.0 : 2.0 * std::tan(glm::radians(cam.fovyDegrees) * 0.5) / double(h);
  m.buildDrawList(cam.eye, viewProj, pixelAngle, instanceData, opaque, blended, visible);
  const size_t viewInstances = instanceData.size();
  glm::dmat4 lightViewProj;
  shader::FrameData fd = m.frameData(cam, aspect, visible, lightViewProj);
  fd.params.y = settings.background == Background::Sky ? 0.0f : 1.0f;
  std::memcpy(fr.ubo.mapped(), &fd, sizeof fd);
  if (settings.aov == Aov::Color) m.buildShadowList(cam.eye, lightViewProj, fd.params.z, instanceData, casters);
  m.uploadInstances(fr, instanceData);
  m.uploadCommands(fr, {&opaque, &blended, &casters});
  m.writeFrameSets(fr);
  FrameContext f;
  f.cmd = fr.cmd;
  f.scene = m.gpuScene.get();
  f.pipelines = &m.pipelines;
  f.targets = &m.targets;
  f.frameSet = fr.frameSet;
  f.postSet = fr.postSet;
  f.opaque = &opaque;
  f.blended = &blended;
  f.casters = &casters;
  f.settings = &settings;
  f.indirect = fr.indirect.handle();
  f.maxDrawCount = m.ctx.maxDrawIndirectCount();
  uint32_t drawCalls = 0;
  f.drawCalls = &drawCalls;
  f.postParams = glm::vec4(fd.params.x, static_cast<float>(settings.background), 0.0f, 0.0f);
  const glm::vec3& bg = settings.backgroundColor;
  f.postBackground = glm::vec4(srgbToLinear(bg.r), srgbToLinear(bg.g), srgbToLinear(bg.b), 1.0f);

  vkResetCommandBuffer(fr.cmd, 0);
  VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  gpu::check(vkBeginCommandBuffer(fr.cmd, &bi), "vkBeginCommandBuffer");
  // The frame, in order, with a timestamp after each pass.
  std::vector<const char*> passNames;
  if (fr.timestamps) {
    vkCmdResetQueryPool(fr.cmd, fr.timestamps, 0, Impl::kMaxTimestamps);
    vkCmdWriteTimestamp2(fr.cmd, VK_PIPELINE_STAGE_2_NONE, fr.timestamps, 0);
  }
  auto pass = [&](const char* name, void (*record)(const FrameContext&)) {
    record(f);
    passNames.push_back(name);
    if (fr.timestamps)
      vkCmdWriteTimestamp2(fr.cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, fr.timestamps,
                           static_cast<uint32_t>(passNames.size()));
  };
  if (ids) {
    pass("id", recordIdPass);
  } else {
    pass("shadow", recordShadowPass);
    pass("scene", recordModelPass);
    pass("post", recordPostPass);
  }
  gpu::check(vkEndCommandBuffer(fr.cmd), "vkEndCommandBuffer");
  mStats.cpuRecordMs = msSince(t0);

  auto t1 = Clock::now();
  fr.done = m.ctx.submit(fr.cmd);
  m.ctx.waitFor(fr.done);
  mStats.gpuFrameMs = msSince(t1);
  mStats.passMs.clear();
  if (fr.timestamps) {
    uint64_t ticks[Impl::kMaxTimestamps] = {};
    const auto count = static_cast<uint32_t>(passNames.size() + 1);
    if (vkGetQueryPoolResults(m.ctx.device(), fr.timestamps, 0, count, sizeof ticks, ticks, sizeof(uint64_t),
                              VK_QUERY_RESULT_64_BIT) == VK_SUCCESS) {
      const double period = m.ctx.properties().limits.timestampPeriod;  // ns per tick
      for (size_t i = 0; i < passNames.size(); ++i)
        mStats.passMs.emplace_back(passNames[i], double(ticks[i + 1] - ticks[i]) * period * 1e-6);
    }
  }
  mStats.drawCalls = drawCalls;
  mStats.drawCommands = static_cast<uint32_t>(opaque.size() + blended.size() + casters.size());
  mStats.itemsVisible = static_cast<uint32_t>(viewInstances);
  mStats.trianglesSubmitted = m.sceneTriangles;
  mStats.trianglesDrawn = 0;
  for (const auto* list : {&opaque, &blended, &casters})
    for (const DrawItem& d : *list)
      if (d.primitive->topology == scene::Topology::Triangles)
        mStats.trianglesDrawn += uint64_t(d.primitive->indexCount / 3) * d.instanceCount;

  RgbaImage out;
  out.width = w;
  out.height = h;
  out.pixels.resize(size_t(w) * h * 4);
  std::memcpy(out.pixels.data(), m.targets.readback.mapped(), out.pixels.size());
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
