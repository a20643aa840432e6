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
#        [--values <file>] --set-json images=<images JSON>
#
# so the chart receives the immutable image references as the map `.Values.images`
# (e.g. `image: {{ .Values.images.api }}`). `--set-json` needs Helm 3.10 or later.
#
# Inputs are refused, and helm is not run, unless: the chart is a lowercase reference under
# oci://ghcr.io/<owner>/charts/ without tag or digest; the version is SemVer 2; the images JSON
# is an object whose every value is a ghcr.io reference pinned by sha256 digest.
#
# Environment:
#   DEPLOY_RELEASE      release name (default: the chart name)
#   DEPLOY_NAMESPACE    namespace (default: default)
#   DEPLOY_VALUES_FILE  extra values file passed with --values (optional)
#
# Needs bash, jq and helm (logged in to ghcr.io if the chart is private).
set -euo pipefail

readonly CHART_PATTERN='^oci://ghcr\.io/[a-z0-9]([a-z0-9-]*[a-z0-9])?/charts/[a-z0-9]([a-z0-9-]*[a-z0-9])?$'
readonly VERSION_PATTERN='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
# jq regexes (Oniguruma): logical names, and lowercase ghcr.io repository, optional tag,
# mandatory sha256 digest.
readonly NAME_PATTERN='^[A-Za-z0-9][A-Za-z0-9_.-]*$'
readonly IMAGE_PATTERN='^ghcr\.io/[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[0-9a-f]{64}$'

usage() {
  cat <<'EOF'
Usage: deploy-pytoya.sh --chart oci://ghcr.io/<owner>/charts/<chart> --chart-version <version> --images '<json>'

  --chart          chart reference on ghcr.io, lowercase, without tag or digest
  --chart-version  chart version (SemVer 2, e.g. 1.2.3 or 1.2.3-rc.1)
  --images         JSON object: logical name -> ghcr.io/<owner>/<repo>[:<tag>]@sha256:<64 hex>

Environment: DEPLOY_RELEASE (default: chart name), DEPLOY_NAMESPACE (default: default),
             DEPLOY_VALUES_FILE (optional values file)
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
values_file=${DEPLOY_VALUES_FILE:-}

helm_args=(upgrade --install "$release" "$chart" --version "$chart_version" --namespace "$namespace")
if [[ -n $values_file ]]; then
  [[ -f $values_file && -r $values_file ]] \
    || fail "DEPLOY_VALUES_FILE '$values_file' is not a readable file"
  helm_args+=(--values "$values_file")
fi
helm_args+=(--set-json "images=$(jq -cS . <<<"$images")")

command -v helm >/dev/null 2>&1 || fail "helm is not on PATH (Helm 3.10 or later is needed for --set-json)"

echo "deploy-pytoya.sh: helm ${helm_args[*]}"
exec helm "${helm_args[@]}"
