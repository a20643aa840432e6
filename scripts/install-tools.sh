#!/usr/bin/env bash
# Installs, with apt, the Debian packages the integration tests and the demo need, when missing:
# the registry behind the ghcr.io stand-in, an independent OCI client, and the runner-script tools.
set -euo pipefail

packages=(docker-registry skopeo shellcheck jq openssl)
# the growth plot of `scripts/bench.sh --scale` (scripts/bench-growth.gp)
if [ "${INSTALL_BENCH_TOOLS:-}" = "1" ]; then
  packages+=(gnuplot-nox)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Node >= 20.18 and npm run the ITs' independent CycloneDX validator (it/src/test/node). Any Node
# will do (NodeSource, setup-node); Debian's packages only when there is none.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]} > 0)); then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
  fi
  echo "Installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q "${missing[@]}"
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 18) ? 0 : 1)'; then
  echo "Node $(node --version) is too old: the integration tests need Node >= 20.18 (Debian 12 ships 18; install NodeSource's nodejs 20 or newer)" >&2
  exit 1
fi
