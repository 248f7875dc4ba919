// The CLI's exit codes (cli.h documents them for users); every command returns one of these.
#pragma once

namespace ct::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;     // no Vulkan device, cannot write output
inline constexpr int kExitBadInput = 2;    // unreadable or malformed input, bad option
inline constexpr int kExitValidation = 3;  // the Vulkan validation layers reported messages

}  // namespace ct::app
