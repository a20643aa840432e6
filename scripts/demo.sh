#!/usr/bin/env bash
# The demo: builds the plugin suite, starts the local ghcr.io stand-in (a real registry behind TLS,
# basic auth and a CONNECT proxy that only lets ghcr.io:443 through), runs `mvn deploy` of
# examples/pytoya as a GitHub Actions tag push would, and prints what was pushed and what the
# deploy script received. Nothing on the host is changed; everything runs on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-tools.sh
echo "== building the plugin suite (unit tests skipped; ./mvnw -B verify runs them all)"
./mvnw -B -q install -DskipTests
echo "== running the example's publish-and-signal flow against the ghcr.io stand-in"
./mvnw -B -pl it verify -Dit.test=ExampleDemoIT -Dsurefire.failIfNoSpecifiedTests=false
