#!/usr/bin/env bash
# The publish benchmark of issue 6: our `mvn deploy` against jib-maven-plugin's `jib:build`,
# both publishing the example's api service to the ghcr.io stand-in (loopback only), cold and
# warm, side by side; then the same with two platforms (linux/amd64 and linux/arm64). Prints the
# tables and writes them to it/target/bench/results.md and results-two-platforms.md.
#
# Usage: scripts/bench.sh [iterations]     (default 5; or set BENCH_ITERATIONS)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

iterations="${1:-${BENCH_ITERATIONS:-5}}"
if ! [[ "$iterations" =~ ^[1-9][0-9]*$ ]]; then
  echo "iterations must be a positive whole number, got '$iterations' (the issue asks for 5 or more)" >&2
  exit 2
fi
jib_version="$(sed -n 's:.*<bench.jibVersion>\(.*\)</bench.jibVersion>.*:\1:p' it/pom.xml | head -n 1)"
if [ -z "$jib_version" ]; then
  echo "no <bench.jibVersion> in the bench profile of it/pom.xml" >&2
  exit 1
fi

started=$SECONDS
scripts/install-tools.sh
./mvnw -B -q install -DskipTests
# The sample builds resolve Maven artifacts from the local repository only (a file: mirror), so
# jib-maven-plugin and its runtime dependencies must be there first.
./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
  -Dartifact="com.google.cloud.tools:jib-maven-plugin:${jib_version}"
./mvnw -B -o -pl it -Pbench verify -Dbench.iterations="$iterations"

echo
cat it/target/bench/results.md
echo
cat it/target/bench/results-two-platforms.md
echo "Benchmark done in $((SECONDS - started)) s; tables in it/target/bench/results.md and results-two-platforms.md"
