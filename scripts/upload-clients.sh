#!/usr/bin/env bash
# Why big blob PUTs go over HttpsURLConnection (ghcr-core's StreamingPut): one PUT of a random
# file to a local TLS server, from a fresh JVM each time, with the JDK's HTTP client and with
# HttpsURLConnection, alternating. Prints each run and the median and range of the wall time and
# of the client process's CPU time. Needs only a JDK (17+).
#
# Usage: scripts/upload-clients.sh [runs, default 6] [size in MiB, default 40]
set -euo pipefail
runs="${1:-6}"
mib="${2:-40}"
here="$(cd "$(dirname "$0")" && pwd)/upload-clients"
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

keytool -genkeypair -alias upload -keyalg EC -groupname secp256r1 -dname CN=localhost \
  -ext san=dns:localhost -validity 1 -storepass changeit -storetype PKCS12 \
  -keystore "$work/keys.p12" >/dev/null 2>&1
head -c $((mib * 1024 * 1024)) /dev/urandom > "$work/blob"
javac -d "$work" "$here/UploadServer.java" "$here/UploadClients.java"
java -cp "$work" UploadServer "$work/keys.p12" "$port" &
server=$!
sleep 1.5

for ((i = 1; i <= runs; i++)); do
  for mode in client urlconnection; do
    java -cp "$work" UploadClients "$work/keys.p12" "$port" "$work/blob" "$mode" | tee -a "$work/results"
  done
done

summary() {
  sort -n | awk '{a[NR]=$1} END {printf "median %d ms (%d-%d)", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR]}'
}
for mode in client urlconnection; do
  wall="$(awk -v m="$mode" '$1==m {print $2}' "$work/results" | summary)"
  cpu="$(awk -v m="$mode" '$1==m {print $3}' "$work/results" | summary)"
  echo "$mode, ${mib} MiB PUT over TLS: wall $wall; process CPU $cpu; $runs runs"
done
