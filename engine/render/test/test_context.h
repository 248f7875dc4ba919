// The Vulkan context the render tests share (lavapipe in CI; validation on through CITYTWIN_VALIDATION).
#pragma once
#include <stdexcept>

#include "gpu/device.h"

namespace ct::test {

inline gpu::Context& renderContext() {
  static auto ctx = gpu::createContext({});
  if (!ctx.ok()) throw std::runtime_error(ctx.firstError());
  return *ctx.value();
}

}  // namespace ct::test
