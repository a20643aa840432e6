#!/usr/bin/env bash
# What each plugin costs a Maven run before it does anything: Maven resolving the plugin's
# dependencies and setting up its class realm, on the plugin's first goal in every run.
#
# Times `mvn validate` on an empty project, and one goal of each plugin run with its skip
# property (Maven sets the plugin up, configures the goal, and the goal returns at once), N times
# in turn; reports each goal's time over `validate` in the same iteration: median and range.
# jib-maven-plugin's `jib:build -Djib.skip` is the yardstick (it has no `help` goal), and
# maven-clean-plugin's `clean -Dmaven.clean.skip` the floor: what a run's first goal of any plugin
# costs Maven (a build of several plugins pays that once). A goal that fails stops the script: a
# failed run would time nothing.
#
# Usage: scripts/plugin-setup.sh [iterations]     (default 5)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
iterations="${1:-5}"
if ! [[ "$iterations" =~ ^[1-9][0-9]*$ ]]; then
  echo "iterations must be a whole number, got '$iterations'" >&2
  exit 2
fi
version="$(./mvnw -B -q help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null || true)"
version="${version:-0.1.0-SNAPSHOT}"
clean_version="$(sed -n 's:.*<maven-clean-plugin.version>\(.*\)</maven-clean-plugin.version>.*:\1:p' pom.xml | head -n 1)"
jib_version="$(sed -n 's:.*<bench.jibVersion>\(.*\)</bench.jibVersion>.*:\1:p' it/pom.xml | head -n 1)"

./mvnw -B -q install -DskipTests
./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
  -Dartifact="com.google.cloud.tools:jib-maven-plugin:${jib_version}"
./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
  -Dartifact="org.apache.maven.plugins:maven-clean-plugin:${clean_version}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>plugin-setup</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
</project>
POM

goals=(
  "io.github.ghcrtools:ghcr-publish-maven-plugin:${version}:build -Dghcr.build.skip"
  "io.github.ghcrtools:helm-oci-maven-plugin:${version}:package -Dhelm-oci.skip"
  "io.github.ghcrtools:deploy-signal-maven-plugin:${version}:signal -Ddeploy-signal.skip"
  "com.google.cloud.tools:jib-maven-plugin:${jib_version}:build -Djib.skip"
  "org.apache.maven.plugins:maven-clean-plugin:${clean_version}:clean -Dmaven.clean.skip"
)
names=(ghcr-publish helm-oci deploy-signal "jib-maven-plugin ${jib_version}"
  "maven-clean-plugin ${clean_version}")

ms() {
  local start end
  start=$(date +%s%N)
  if ! "$root/mvnw" -B -o -q -f "$work/pom.xml" "$@" > "$work/last.log" 2>&1; then
    echo "mvn $* failed:" >&2
    cat "$work/last.log" >&2
    return 1
  fi
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

declare -A over
for ((i = 1; i <= iterations; i++)); do
  base=$(ms validate) || exit 1
  line="#$i validate ${base} ms"
  for g in "${!goals[@]}"; do
    # shellcheck disable=SC2086 # a goal and its skip property, two words
    t=$(ms ${goals[$g]}) || exit 1
    over[$g]+="$((t - base)) "
    line+=", ${names[$g]} +$((t - base)) ms"
  done
  echo "$line"
done

echo
echo "| plugin | first goal of a run, over \`mvn validate\`: median (min–max), ms |"
echo "|---|---|"
for g in "${!goals[@]}"; do
  sorted=$(tr ' ' '\n' <<< "${over[$g]}" | grep -v '^$' | sort -n)
  n=$(wc -l <<< "$sorted")
  median=$(sed -n "$(((n + 1) / 2))p" <<< "$sorted")
  echo "| ${names[$g]} | ${median} ($(head -n 1 <<< "$sorted")–$(tail -n 1 <<< "$sorted")) |"
done
echo
echo "$iterations iterations on $(nproc) cores, $(./mvnw -B -v | head -n 1), $(java -version 2>&1 | head -n 1)"
