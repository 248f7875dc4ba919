#!/usr/bin/env bash
# Installs every Debian 12 package that citytwin's build, tests and sample run need (apt-get update, then
# install; installing what is already there changes nothing). Needs root, or sudo.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libvulkan-dev vulkan-validationlayers mesa-vulkan-drivers glslc vulkan-tools
  libtinygltf-dev rapidjson-dev nlohmann-json3-dev libstb-dev libdraco-dev libglm-dev libmeshoptimizer-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  libgdal-dev libproj-dev libmosquitto-dev mosquitto mosquitto-clients
  libglfw3-dev libimgui-dev fonts-dejavu-core xvfb xauth
)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "setup: installing ${#packages[@]} Debian packages"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "setup: done"
