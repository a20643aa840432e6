#!/usr/bin/env bash
# The publish benchmarks, against the ghcr.io stand-in (loopback only).
#
# Default (issue 6): our `mvn deploy` against jib-maven-plugin's `jib:build`, both publishing the
# example's api service, cold and warm, side by side; then the same with two platforms. Tables in
# it/target/bench/results.md and results-two-platforms.md.
#
# --scale (issue 17): a generated reactor (image modules on scratch, 3 of them with dependency
# jars, two sharing them; 2 charts) published with `mvn -T 2 deploy` against `mvn -T 2 package
# jib:build` plus `helm push` of the chart packages: cold, warm no-op, one module changed; the
# growth series over the image counts with a PNG plot; a big dependency layer at -Xmx256m against
# `skopeo copy`. Tables, CSV, plot and per-run logs in it/target/bench/scale/.
#
# Usage: scripts/bench.sh [iterations]
#        scripts/bench.sh --scale [--iterations N] [--modules 1,2,4,8] [--jar-mb 40]
#                                 [--big-layer-mb 300]     (0 leaves the big layer out)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scale=false
iterations="${BENCH_ITERATIONS:-}"
modules=1,2,4,8
jar_mb=40
big_layer_mb=300
while (($# > 0)); do
  case "$1" in
    --scale) scale=true ;;
    --iterations) iterations="${2:?--iterations needs a number}"; shift ;;
    --modules) modules="${2:?--modules needs a list such as 1,2,4,8}"; shift ;;
    --jar-mb) jar_mb="${2:?--jar-mb needs a number}"; shift ;;
    --big-layer-mb) big_layer_mb="${2:?--big-layer-mb needs a number}"; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *)
      if [[ "$1" =~ ^[0-9]+$ ]] && [ "$scale" = false ]; then
        iterations="$1"
      else
        echo "unknown argument '$1'; see scripts/bench.sh --help" >&2
        exit 2
      fi
      ;;
  esac
  shift
done
if [ "$scale" = true ]; then
  iterations="${iterations:-3}"
else
  iterations="${iterations:-5}"
fi
if ! [[ "$iterations" =~ ^[1-9][0-9]*$ ]]; then
  echo "iterations must be a positive whole number, got '$iterations' (the issues ask for 5, or 3 with --scale)" >&2
  exit 2
fi
if ! [[ "$modules" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]]; then
  echo "--modules must be a comma-separated list of image counts such as 1,2,4,8, got '$modules'" >&2
  exit 2
fi
for value in "$jar_mb" "$big_layer_mb"; do
  if ! [[ "$value" =~ ^[0-9]+$ ]]; then
    echo "--jar-mb and --big-layer-mb take whole megabytes, got '$value'" >&2
    exit 2
  fi
done
jib_version="$(sed -n 's:.*<bench.jibVersion>\(.*\)</bench.jibVersion>.*:\1:p' it/pom.xml | head -n 1)"
if [ -z "$jib_version" ]; then
  echo "no <bench.jibVersion> in the bench profile of it/pom.xml" >&2
  exit 1
fi

started=$SECONDS
if [ "$scale" = true ]; then
  INSTALL_BENCH_TOOLS=1 scripts/install-tools.sh
else
  scripts/install-tools.sh
fi
./mvnw -B -q install -DskipTests
# The sample builds resolve Maven artifacts from the local repository only (a file: mirror), so
# jib-maven-plugin and its runtime dependencies must be there first.
./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
  -Dartifact="com.google.cloud.tools:jib-maven-plugin:${jib_version}"

if [ "$scale" = false ]; then
  ./mvnw -B -o -pl it -Pbench verify -Dit.test=PublishBenchmarkIT -Dbench.iterations="$iterations"
  echo
  cat it/target/bench/results.md
  echo
  cat it/target/bench/results-two-platforms.md
  echo "Benchmark done in $((SECONDS - started)) s; tables in it/target/bench/results.md and results-two-platforms.md"
  exit 0
fi

./mvnw -B -o -pl it -Pbench verify -Dit.test=ScaleBenchmarkIT -Dbench.iterations="$iterations" \
  -Dbench.scale.modules="$modules" -Dbench.scale.jarMb="$jar_mb" \
  -Dbench.scale.bigLayerMb="$big_layer_mb"
out=it/target/bench/scale
gnuplot -e "data='$out/growth.dat'; out='$out/growth.png'" scripts/bench-growth.gp
echo
cat "$out/results-scale.md"
echo "Scale benchmark done in $((SECONDS - started)) s; table in $out/results-scale.md, plot in $out/growth.png, logs in $out/logs"
