#!/usr/bin/env bash
# Reference runner-local deploy script, called by deploy-signal:signal as
#
#   deploy-pytoya.sh --chart oci://ghcr.io/<owner>/charts/<chart> \
#                    --chart-version <version> \
#                    --images '{"<name>":"ghcr.io/<owner>/<repo>:<tag>@sha256:<64 hex>", ...}'
#
# It installs or upgrades the chart release with
#
#   helm upgrade --install <release> <chart> --version <version> --namespace <namespace> \
#        [--atomic] [--wait] --timeout <duration> [--values <file>] --set-json images=<images JSON>
#
# so the chart receives the immutable image references as the map `.Values.images`
# (e.g. `image: {{ .Values.images.api }}`). `--set-json` needs Helm 3.10 or later.
#
# Inputs are refused, and helm is not run, unless: the chart is a lowercase reference under
# oci://ghcr.io/<owner>/charts/ without tag or digest; the version is SemVer 2; the images JSON
# is an object whose every value is a ghcr.io reference pinned by sha256 digest.
#
# Environment (an empty variable counts as unset):
#   DEPLOY_RELEASE      release name (default: the chart name)
#   DEPLOY_NAMESPACE    namespace (default: default)
#   DEPLOY_VALUES       the runner's own values file, passed with --values (optional; refused
#                       when it is not a readable file), e.g. global.imagePullSecrets: [ghcr-pull]
#   DEPLOY_VALUES_FILE  deprecated name of DEPLOY_VALUES, still read (with a warning) when
#                       DEPLOY_VALUES is unset; both set to different files is refused
#   DEPLOY_TIMEOUT      helm --timeout, a Go duration such as 90s, 10m or 1h30m (default: 5m)
#   DEPLOY_ATOMIC       true or false (default: true): pass --atomic, roll back a failed upgrade
#   DEPLOY_WAIT         true or false (default: true): pass --wait, wait until the release is ready;
#                       false needs DEPLOY_ATOMIC=false too, since helm's --atomic always waits
#
# Exit status: 0 when helm succeeded; 2 when the arguments or the environment are refused (helm
# is not run); otherwise helm's own. When helm could not read the chart from ghcr.io for want of
# credentials, helm's output is followed by a message naming the fix, `helm registry login ghcr.io`.
#
# Needs bash, jq and helm (logged in to ghcr.io if the chart is private).
set -euo pipefail

readonly CHART_PATTERN='^oci://ghcr\.io/[a-z0-9]([a-z0-9-]*[a-z0-9])?/charts/[a-z0-9]([a-z0-9-]*[a-z0-9])?$'
readonly VERSION_PATTERN='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
# jq regexes (Oniguruma): logical names, and lowercase ghcr.io repository, optional tag,
# mandatory sha256 digest.
readonly NAME_PATTERN='^[A-Za-z0-9][A-Za-z0-9_.-]*$'
readonly IMAGE_PATTERN='^ghcr\.io/[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[0-9a-f]{64}$'
# A Go duration as helm's --timeout parses it, without sign: one or more <number><unit>.
readonly DURATION_PATTERN='^([0-9]+(\.[0-9]+)?(h|m|s|ms|us|ns))+$'
# What helm prints, lowercased, when a registry refuses it for want of credentials: HTTP 401/403
# from the registry or its token service, OCI distribution error codes (`unauthorized: ...`,
# `denied: ...`). Kubernetes refusals ("is forbidden: User ...", "denied the request") differ.
readonly REGISTRY_AUTH_PATTERN='failed to authorize|pull access denied|insufficient_scope|status code 40[13]([^0-9]|$)|(^|[^0-9])40[13] (unauthorized|forbidden)|(^|[^a-z_])(unauthorized|denied): '

usage() {
  cat <<'EOF'
Usage: deploy-pytoya.sh --chart oci://ghcr.io/<owner>/charts/<chart> --chart-version <version> --images '<json>'

  --chart          chart reference on ghcr.io, lowercase, without tag or digest
  --chart-version  chart version (SemVer 2, e.g. 1.2.3 or 1.2.3-rc.1)
  --images         JSON object: logical name -> ghcr.io/<owner>/<repo>[:<tag>]@sha256:<64 hex>

Environment: DEPLOY_RELEASE (default: chart name), DEPLOY_NAMESPACE (default: default),
             DEPLOY_VALUES (optional values file; DEPLOY_VALUES_FILE is its deprecated name),
             DEPLOY_TIMEOUT (Go duration, default: 5m),
             DEPLOY_ATOMIC, DEPLOY_WAIT (true or false, default: true)
EOF
}

fail() {
  echo "deploy-pytoya.sh: $*" >&2
  exit 2
}

fail_usage() {
  echo "deploy-pytoya.sh: $*" >&2
  usage >&2
  exit 2
}

chart=''
chart_version=''
images=''
seen=' '

while (($# > 0)); do
  option=$1
  case "$option" in
    -h | --help)
      usage
      exit 0
      ;;
    --chart | --chart-version | --images)
      [[ $seen == *" $option "* ]] && fail_usage "$option is given more than once"
      (($# >= 2)) || fail_usage "$option needs a value"
      seen+="$option "
      case "$option" in
        --chart) chart=$2 ;;
        --chart-version) chart_version=$2 ;;
        --images) images=$2 ;;
      esac
      shift 2
      ;;
    *)
      fail_usage "unknown argument '$option'"
      ;;
  esac
done

for required in --chart --chart-version --images; do
  [[ $seen == *" $required "* ]] || fail_usage "missing $required"
done

command -v jq >/dev/null 2>&1 || fail "jq is required to check --images (install it: apt-get install -y jq)"

[[ $chart =~ $CHART_PATTERN ]] \
  || fail "--chart '$chart' is not a lowercase chart reference oci://ghcr.io/<owner>/charts/<chart> (no tag, no digest)"

[[ $chart_version =~ $VERSION_PATTERN ]] \
  || fail "--chart-version '$chart_version' is not a SemVer 2 version such as 1.2.3 or 1.2.3-rc.1"

jq -e -s 'length == 1 and (.[0] | type == "object")' <<<"$images" >/dev/null 2>&1 \
  || fail "--images is not a JSON object of logical name -> ghcr.io/<owner>/<repo>[:<tag>]@sha256:<digest>"

bad_images=$(jq -r --arg name "$NAME_PATTERN" --arg image "$IMAGE_PATTERN" '
  to_entries[]
  | select((.key | test($name) | not) or (.value | type) != "string" or (.value | test($image) | not))
  | .key | @json' <<<"$images")
[[ -z $bad_images ]] \
  || fail "--images entries not pinned as ghcr.io/<owner>/<repo>[:<tag>]@sha256:<64 hex>: ${bad_images//$'\n'/, }"

release=${DEPLOY_RELEASE:-${chart##*/}}
namespace=${DEPLOY_NAMESPACE:-default}
timeout=${DEPLOY_TIMEOUT:-5m}
atomic=${DEPLOY_ATOMIC:-true}
wait=${DEPLOY_WAIT:-true}

values_file=${DEPLOY_VALUES:-}
values_variable=DEPLOY_VALUES
if [[ -n ${DEPLOY_VALUES_FILE:-} ]]; then
  if [[ -z $values_file ]]; then
    values_file=$DEPLOY_VALUES_FILE
    values_variable=DEPLOY_VALUES_FILE
    echo "deploy-pytoya.sh: warning: DEPLOY_VALUES_FILE is deprecated, set DEPLOY_VALUES instead" >&2
  elif [[ $DEPLOY_VALUES_FILE != "$values_file" ]]; then
    fail "DEPLOY_VALUES '$values_file' and the deprecated DEPLOY_VALUES_FILE '$DEPLOY_VALUES_FILE' differ: set DEPLOY_VALUES only"
  fi
fi
if [[ -n $values_file ]]; then
  [[ -f $values_file && -r $values_file ]] \
    || fail "$values_variable '$values_file' does not exist or is not a readable file"
fi

[[ $timeout =~ $DURATION_PATTERN ]] \
  || fail "DEPLOY_TIMEOUT '$timeout' is not a Go duration such as 90s, 10m or 1h30m"
[[ $timeout =~ [1-9] ]] || fail "DEPLOY_TIMEOUT '$timeout' is zero: give helm time, e.g. 5m"
[[ $atomic == true || $atomic == false ]] || fail "DEPLOY_ATOMIC '$atomic' is neither true nor false"
[[ $wait == true || $wait == false ]] || fail "DEPLOY_WAIT '$wait' is neither true nor false"
[[ $wait == true || $atomic == false ]] \
  || fail "DEPLOY_WAIT=false needs DEPLOY_ATOMIC=false as well: helm's --atomic always waits"

helm_args=(upgrade --install "$release" "$chart" --version "$chart_version" --namespace "$namespace")
[[ $atomic == true ]] && helm_args+=(--atomic)
[[ $wait == true ]] && helm_args+=(--wait)
helm_args+=(--timeout "$timeout")
[[ -n $values_file ]] && helm_args+=(--values "$values_file")
helm_args+=(--set-json "images=$(jq -cS . <<<"$images")")

command -v helm >/dev/null 2>&1 || fail "helm is not on PATH (Helm 3.10 or later is needed for --set-json)"

echo "deploy-pytoya.sh: helm ${helm_args[*]}"

# helm's stdout goes straight through; its stderr is passed through line by line and kept, to
# tell a registry login problem from any other failure.
status=0
{
  helm_errors=$(helm "${helm_args[@]}" 2>&1 1>&3 3>&- \
    | while IFS= read -r line || [[ -n $line ]]; do
      printf '%s\n' "$line" >&2
      printf '%s\n' "$line"
    done)
} 3>&1 || status=$?

if ((status != 0)) && [[ ${helm_errors,,} =~ $REGISTRY_AUTH_PATTERN ]]; then
  cat >&2 <<EOF
deploy-pytoya.sh: helm could not read $chart from ghcr.io: the runner is not logged in there,
or its token may not read this package. Log the runner's helm in once, as the user this script
runs as, with a token that may only read packages (a classic personal access token with the
read:packages scope, nothing else):
  helm registry login ghcr.io --username <user> --password-stdin
EOF
fi
exit "$status"
