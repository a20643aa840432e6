#!/usr/bin/env bash
# Why registry calls go over HttpsURLConnection (ghcr-core's UrlConnectionClient), not the JDK's
# HTTP client: against a local TLS server, from a fresh JVM each time, with each client in turn,
# either one PUT of a random file (a big layer) or, with --small, many small requests (HEADs and
# 700-byte PUTs, two at a time, as a release sends them). Prints each run and the median and range
# of the wall time and of the client process's CPU time. Needs only a JDK (17+).
#
# Usage: scripts/upload-clients.sh [runs, default 6] [size in MiB, default 40]
#        scripts/upload-clients.sh --small [runs, default 6] [requests, default 370]
set -euo pipefail
small=false
if [[ "${1:-}" == --small ]]; then
  small=true
  shift
fi
runs="${1:-6}"
if $small; then mib="${2:-370}"; else mib="${2:-40}"; fi # MiB, or requests with --small
here="$(cd "$(dirname "$0")" && pwd)/upload-clients"
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

keytool -genkeypair -alias upload -keyalg EC -groupname secp256r1 -dname CN=localhost \
  -ext san=dns:localhost -validity 1 -storepass changeit -storetype PKCS12 \
  -keystore "$work/keys.p12" >/dev/null 2>&1
javac -d "$work" "$here/UploadServer.java" "$here/UploadClients.java" "$here/SmallRequests.java"
# the server's log warns about each HEAD's length; the runs print the results
java -cp "$work" UploadServer "$work/keys.p12" "$port" 2>/dev/null &
server=$!
sleep 1.5

if $small; then
  what="${mib} small requests"
else
  what="${mib} MiB PUT over TLS"
  head -c $((mib * 1024 * 1024)) /dev/urandom > "$work/blob"
fi
for ((i = 1; i <= runs; i++)); do
  for mode in client urlconnection; do
    if $small; then
      java -cp "$work" SmallRequests "$work/keys.p12" "$port" "$mode" "$mib"
    else
      java -cp "$work" UploadClients "$work/keys.p12" "$port" "$work/blob" "$mode"
    fi | tee -a "$work/results"
  done
done

summary() {
  sort -n | awk '{a[NR]=$1} END {printf "median %d ms (%d-%d)", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR]}'
}
for mode in client urlconnection; do
  wall="$(awk -v m="$mode" '$1==m {print $2}' "$work/results" | summary)"
  cpu="$(awk -v m="$mode" '$1==m {print $3}' "$work/results" | summary)"
  echo "$mode, $what: wall $wall; process CPU $cpu; $runs runs"
done
