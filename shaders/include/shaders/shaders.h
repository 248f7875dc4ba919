// SPIR-V of every shader in shaders/, compiled by glslc at build time and embedded in the binary.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace ct::shaders {

// The SPIR-V words of shader `name` ("model.frag", "sky.frag", ...); empty if there is no such shader.
std::span<const uint32_t> get(std::string_view name);

}  // namespace ct::shaders
