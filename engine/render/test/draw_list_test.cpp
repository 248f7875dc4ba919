// The draw list and the feature states without a GPU: culling, grouping into instanced draws, sorting, indirect
// command numbering, shadow casters, and the packing of feature styles, on a scene placed by hand.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include <glm/gtc/matrix_transform.hpp>

#include "draw_list.h"
#include "feature_states.h"

using namespace ct;
using namespace ct::render;

namespace {

scene::Primitive box(double half, int material) {
  scene::Primitive p;
  p.material = material;
  p.bounds.extend(glm::dvec3(-half));
  p.bounds.extend(glm::dvec3(half));
  return p;
}

scene::Instance at(int mesh, glm::dvec3 where, bool mirrored = false) {
  scene::Instance i;
  i.mesh = mesh;
  i.world = glm::translate(glm::dmat4(1.0), where);
  if (mirrored) i.world = glm::scale(i.world, glm::dvec3(-1.0, 1.0, 1.0));
  return i;
}

// Mesh 0: a 2 m box with an opaque and a blended primitive; mesh 1: a 2 mm box. The eye looks down -Z.
struct Fixture {
  scene::Scene scene;
  std::vector<std::vector<GpuPrimitive>> meshes;
  std::vector<scene::Material> materials;
  Fixture() {
    scene.meshes.resize(2);
    scene.meshes[0].primitives = {box(1.0, 0), box(1.0, 1)};
    scene.meshes[1].primitives = {box(0.001, 0)};
    scene.instances = {at(0, {0, 0, -10}),       at(0, {0, 0, -20}), at(0, {0, 0, 10}),  // the last behind the eye
                       at(0, {0, 0, -15}, true), at(1, {0, 0, -5}),  at(0, {40, 0, -10})};  // the last off to the right
    scene.computeBounds();
    meshes = {{{0, 36, 0, scene::Topology::Triangles, 0}, {36, 36, 0, scene::Topology::Triangles, 1}},
              {{72, 36, 0, scene::Topology::Triangles, 0}}};
    materials.resize(2);
    materials[1].alphaMode = scene::AlphaMode::Blend;
  }
  glm::dmat4 viewProj() const {
    return glm::perspectiveRH_ZO(glm::radians(90.0), 1.0, 0.1, 1000.0) *
           glm::lookAtRH(glm::dvec3(0.0), glm::dvec3(0, 0, -1), glm::dvec3(0, 1, 0));
  }
};

}  // namespace

TEST(DrawList, CullsGroupsAndSorts) {
  Fixture fx;
  DrawListBuilder builder(fx.scene, fx.meshes, fx.materials);
  DrawList list;
  builder.buildView(glm::dvec3(0.0), fx.viewProj(), 0.001, list);  // the 2 mm box at 5 m is under 1 mrad
  EXPECT_EQ(list.viewInstances, 3u);  // two plain boxes ahead and the mirrored one
  ASSERT_EQ(list.instances.size(), 3u);
  // Opaque: one instanced draw per (mesh, winding), plain winding first within the material.
  ASSERT_EQ(list.opaque.size(), 2u);
  EXPECT_EQ(list.opaque[0].primitive, &fx.meshes[0][0]);
  EXPECT_FALSE(list.opaque[0].mirrored);
  EXPECT_EQ(list.opaque[0].instanceCount, 2u);
  EXPECT_TRUE(list.opaque[1].mirrored);
  EXPECT_EQ(list.opaque[1].instanceCount, 1u);
  // Blended: back to front by each group's nearest instance (mirrored group at 15 m before the plain one at 10 m).
  ASSERT_EQ(list.blended.size(), 2u);
  EXPECT_EQ(list.blended[0].primitive, &fx.meshes[0][1]);
  EXPECT_TRUE(list.blended[0].mirrored);
  EXPECT_FLOAT_EQ(list.blended[0].distance, 15.0f);
  EXPECT_FLOAT_EQ(list.blended[1].distance, 10.0f);
  // Instance data is relative to the eye: the plain group's two instances at -10 and -20 along Z.
  const DrawItem& plain = list.opaque[0];
  std::vector<float> zs;
  for (uint32_t k = 0; k < plain.instanceCount; ++k) zs.push_back(list.instances[plain.firstInstance + k].model[3].z);
  std::sort(zs.begin(), zs.end());
  EXPECT_EQ(zs, (std::vector<float>{-20.0f, -10.0f}));
  EXPECT_FALSE(list.visible.empty());
  EXPECT_LT(list.visible.max.z, 0.0);  // nothing behind the eye counted as visible
}

TEST(DrawList, IdImageKeepsWhatIsSmallerThanAPixel) {
  Fixture fx;
  DrawListBuilder builder(fx.scene, fx.meshes, fx.materials);
  DrawList list;
  builder.buildView(glm::dvec3(0.0), fx.viewProj(), 0.0, list);
  EXPECT_EQ(list.viewInstances, 4u);
  EXPECT_EQ(list.opaque.size(), 3u);
}

TEST(DrawList, EyeFarFromTheOriginCullsTheSame) {
  Fixture fx;
  const glm::dvec3 far(6378137.0, 0.0, 0.0);
  for (auto& inst : fx.scene.instances) inst.world[3] += glm::dvec4(far, 0.0);
  fx.scene.computeBounds();
  DrawListBuilder builder(fx.scene, fx.meshes, fx.materials);
  DrawList list;
  builder.buildView(far, fx.viewProj(), 0.001, list);
  EXPECT_EQ(list.viewInstances, 3u);
  EXPECT_FLOAT_EQ(list.instances[list.opaque[0].firstInstance].model[3].x, 0.0f);  // exact, relative to the eye
}

TEST(DrawList, ShadowCastersAndCommands) {
  Fixture fx;
  DrawListBuilder builder(fx.scene, fx.meshes, fx.materials);
  DrawList list;
  builder.buildView(glm::dvec3(0.0), fx.viewProj(), 0.001, list);
  // Light space = eye space scaled to +-30 m: everything but the box 40 m to the right; not the 2 mm box (under
  // the 1 cm texel); only opaque primitives; one group per mesh whatever the winding (shadows cull no faces).
  builder.buildShadow(glm::dvec3(0.0), glm::scale(glm::dmat4(1.0), glm::dvec3(1.0 / 30.0)), 0.01, list);
  ASSERT_EQ(list.casters.size(), 1u);
  EXPECT_EQ(list.casters[0].primitive, &fx.meshes[0][0]);
  EXPECT_EQ(list.casters[0].instanceCount, 4u);
  EXPECT_EQ(list.instances.size(), 3u + 4u);
  list.numberCommands();
  ASSERT_EQ(list.commands.size(), 5u);
  uint32_t expected = 0;
  for (const auto* items : {&list.opaque, &list.blended, &list.casters})
    for (const DrawItem& d : *items) {
      EXPECT_EQ(d.command, expected);
      const IndirectCommand& c = list.commands[expected++];
      EXPECT_EQ(c.firstIndex, d.primitive->firstIndex);
      EXPECT_EQ(c.indexCount, d.primitive->indexCount);
      EXPECT_EQ(c.firstInstance, d.firstInstance);
      EXPECT_EQ(c.instanceCount, d.instanceCount);
    }
  EXPECT_EQ(list.trianglesDrawn(), uint64_t(12) * (2 + 1 + 2 + 1 + 4));
}

TEST(DrawList, CoarseCommandsUseTheCoarseRangeWhereThereIsOne) {
  Fixture fx;
  fx.meshes[0][0].coarseFirstIndex = 1000;  // the box: 12 triangles, 4 of them coarse
  fx.meshes[0][0].coarseIndexCount = 12;
  DrawListBuilder builder(fx.scene, fx.meshes, fx.materials);
  DrawList list;
  builder.buildView(glm::dvec3(0.0), fx.viewProj(), 0.001, list);
  list.numberCommands();
  const uint64_t full = list.trianglesDrawn();
  list.coarse = true;
  list.numberCommands();
  size_t coarseDraws = 0;
  for (const auto* items : {&list.opaque, &list.blended})
    for (const DrawItem& d : *items) {
      const IndirectCommand& c = list.commands[d.command];
      const bool hasCoarse = d.primitive->coarseIndexCount > 0;
      coarseDraws += hasCoarse;
      EXPECT_EQ(c.firstIndex, hasCoarse ? 1000u : d.primitive->firstIndex);
      EXPECT_EQ(c.indexCount, hasCoarse ? 12u : d.primitive->indexCount);
      EXPECT_EQ(c.vertexOffset, d.primitive->vertexOffset);
    }
  ASSERT_GT(coarseDraws, 0u);
  EXPECT_LT(list.trianglesDrawn(), full);
  list.clear();
  EXPECT_FALSE(list.coarse) << "each frame says again whether it is coarse";
}

TEST(FeatureStates, StyleIsTheShaderRowByteForByte) {
  FeatureStyle style;
  style.tint = glm::vec4(1.0f, 0.5f, 0.0f, 0.75f);
  style.value = 42.5f;
  style.flags = kFeatureUnlit | kFeatureSelected;
  shader::FeatureState s = packFeatureStyle(style);
  EXPECT_EQ(s.tint, glm::vec4(1.0f, 0.5f, 0.0f, 0.75f));
  EXPECT_EQ(s.value, 42.5f);
  EXPECT_EQ(s.flags, 2u + 16u);
  EXPECT_FALSE(style.hidden());
  EXPECT_TRUE(FeatureStyle::makeHidden().hidden());
  EXPECT_EQ(packFeatureStyle(FeatureStyle::makeHidden()).flags, 1u);
}

TEST(FeatureStates, RowsDirtyRangesAndClear) {
  FeatureStates states(3, 2);
  FeatureStyle hidden = FeatureStyle::makeHidden();
  std::vector<shader::FeatureState> gpu0(3), gpu1(3);
  EXPECT_EQ(states.flush(0, gpu0.data()), 3u);  // a new buffer gets everything
  EXPECT_EQ(states.flush(0, gpu0.data()), 0u);
  EXPECT_TRUE(states.set(2, hidden));
  EXPECT_FALSE(states.set(3, hidden));  // past the table: ignored
  EXPECT_EQ(states.rows()[2].flags, kFeatureHidden);
  EXPECT_EQ(states.flush(0, gpu0.data()), 1u);
  EXPECT_EQ(gpu0[2].flags, kFeatureHidden);
  EXPECT_EQ(states.flush(1, gpu1.data()), 3u);  // the other frame still had the first upload to do
  EXPECT_EQ(gpu1[2].flags, kFeatureHidden);
  states.clear();
  EXPECT_EQ(states.rows()[2].flags, 0u);
  EXPECT_EQ(states.flush(1, gpu1.data()), 3u);
  EXPECT_EQ(gpu1[2].flags, 0u);
  FeatureStates none(0, 1);
  EXPECT_EQ(none.rows().size(), 1u);  // a buffer still has a row
  EXPECT_FALSE(none.set(0, hidden));
}

TEST(FeatureStates, BulkSetCopiesOnlyTheChangedRanges) {
  const size_t rows = 1000000;
  FeatureStates states(rows, 2);
  std::vector<shader::FeatureState> gpu(rows);
  states.flush(0, gpu.data());
  states.flush(1, gpu.data());
  std::vector<FeatureStyle> styles(rows);
  for (size_t i = 0; i < rows; ++i) styles[i].value = float(i);
  // Two disjoint ranges, one running past the table (clipped), then one row inside the first.
  EXPECT_EQ(states.set(10, styles.data() + 10, 5), 5u);
  EXPECT_EQ(states.set(rows - 3, styles.data(), 10), 3u);
  EXPECT_EQ(states.set(12, styles.data() + 500, 1), 1u);
  using R = std::pair<size_t, size_t>;
  EXPECT_EQ(states.pending(0), (std::vector<R>{{10, 15}, {rows - 3, rows}}));
  EXPECT_EQ(states.flush(0, gpu.data()), 8u);
  EXPECT_EQ(gpu[11].value, 11.0f);
  EXPECT_EQ(gpu[12].value, 500.0f);
  EXPECT_EQ(gpu[rows - 1].value, 2.0f);
  EXPECT_EQ(gpu[9].value, 0.0f);
  // A million rows changed: one memcpy in and one out, a few milliseconds.
  auto t0 = std::chrono::steady_clock::now();
  states.set(0, styles.data(), rows);
  EXPECT_EQ(states.flush(1, gpu.data()), rows);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(gpu[rows - 1].value, float(rows - 1));
  std::printf("1,000,000 feature rows set and uploaded in %.2f ms\n", ms);
  EXPECT_LT(ms, 60.0);  // generous for a shared, sanitised CI machine; ~5 ms here
}
