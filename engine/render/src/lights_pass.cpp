// Light halos: one camera-facing sprite per visible point light (halo.vert/frag), added over the scene inside
// the scene pass so that it is depth-tested against the multisampled depth, then resolved with it.
#include "frame.h"

namespace ct::render {

void recordLightHalos(const FrameContext& f) {
  if (f.lightCount == 0 || f.settings->aov != Aov::Color) return;
  VkCommandBuffer cmd = f.cmd;
  vkCmdSetCullMode(cmd, VK_CULL_MODE_NONE);
  vkCmdSetFrontFace(cmd, VK_FRONT_FACE_COUNTER_CLOCKWISE);
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, f.pipelines->halo);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, f.pipelines->modelLayout, 0, 1, &f.frameSet, 0,
                          nullptr);
  vkCmdDraw(cmd, 6, f.lightCount, 0, 0);  // two triangles per light
}

}  // namespace ct::render
