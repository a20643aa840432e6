#!/usr/bin/env bash
# Installs, with apt, the Debian packages the integration tests and the demo need, when missing:
# the registry behind the ghcr.io stand-in, an independent OCI client, and the runner-script tools.
set -euo pipefail

packages=(docker-registry skopeo shellcheck jq openssl)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
echo "Installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q "${missing[@]}"
