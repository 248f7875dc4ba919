#!/usr/bin/env bash
# Installs every Debian 12 package that citytwin's build, tests and sample run need. Idempotent.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libvulkan-dev vulkan-validationlayers mesa-vulkan-drivers glslc vulkan-tools
  libtinygltf-dev nlohmann-json3-dev libstb-dev libdraco-dev libglm-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
