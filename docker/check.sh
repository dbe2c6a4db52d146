#!/usr/bin/env bash
# Build the image without a Docker daemon and run its smoke test: `make docker-check`.
#
# Uses buildah (apt-get install buildah) with chroot isolation and vfs storage, kept under
# $DOCKER_WORK (default /work/docker-work, outside the repository). When the base image cannot be
# pulled (BASE_IMAGE unset), a stand-in is made once with debootstrap (apt-get install
# debootstrap): Debian bookworm with python3.11, as the python:3.11-slim image has.
# The CPU torch wheel is fetched on the host, through TORCH_INDEX_URL, into the build context.
# vfs storage keeps a full copy of the tree per layer, so by default no layer cache is kept
# (LAYERS=1 keeps one, at several GB per step) and intermediate images are pruned at the end.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${DOCKER_WORK:-/work/docker-work}
TAG=${IMAGE_TAG:-localhost/newsqa:check}
TORCH_VERSION=${TORCH_VERSION:-2.13.0}
TORCH_INDEX_URL=${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cpu}
STANDIN=localhost/newsqa-base:bookworm
mkdir -p "$WORK"
B=(buildah --root "$WORK/storage" --runroot "$WORK/run" --storage-driver vfs)

step() { printf '\n== %s\n' "$*"; }
for tool in buildah tar; do
    command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 1; }
done

BASE=${BASE_IMAGE:-}
if [ -z "$BASE" ]; then
    BASE=$STANDIN
    if ! "${B[@]}" images --quiet "$STANDIN" 2>/dev/null | grep -q .; then
        command -v debootstrap >/dev/null || { echo "error: debootstrap is not installed" >&2; exit 1; }
        if [ ! -x "$WORK/rootfs/usr/bin/python3" ]; then
            step "stand-in base: debootstrap bookworm (minbase + python3) into $WORK/rootfs"
            rm -rf "$WORK/rootfs"
            debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
                bookworm "$WORK/rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
        fi
        step "stand-in base: import as $STANDIN"
        rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
        ln -sf /usr/bin/python3 "$WORK/rootfs/usr/local/bin/python"
        tar -C "$WORK/rootfs" -cf "$WORK/base.tar" .
        ctr=$("${B[@]}" from scratch)
        "${B[@]}" add "$ctr" "$WORK/base.tar" /
        "${B[@]}" config --env PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin \
            --env LANG=C.UTF-8 --cmd python3 "$ctr"
        "${B[@]}" commit --rm "$ctr" "$STANDIN"
        rm -f "$WORK/base.tar"
    fi
fi

step "build context: the repository's files and the CPU torch wheel"
CTX="$WORK/context"
rm -rf "$CTX" && mkdir -p "$CTX"
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) \
    | tar -C "$CTX" -xf -
mkdir -p "$CTX/docker/wheels" "$CTX/docker/certs"
# pip on this host may trust a CA of its own (a TLS-inspecting proxy): the build stage gets it.
CERT=${PIP_CERT:-$(python3 -m pip config get global.cert 2>/dev/null || true)}
if [ -n "$CERT" ] && [ -s "$CERT" ]; then cp "$CERT" "$CTX/docker/certs/ca.crt"; fi
python3 -m pip download --quiet --no-deps --only-binary :all: --python-version 3.11 \
    --platform manylinux_2_28_x86_64 --dest "$CTX/docker/wheels" \
    --index-url "$TORCH_INDEX_URL" "torch==$TORCH_VERSION"
ls "$CTX/docker/wheels"

step "build $TAG from $BASE"
LAYER_ARGS=()
[ "${LAYERS:-0}" = 1 ] && LAYER_ARGS=(--layers)
"${B[@]}" bud --isolation chroot --pull=never --format docker "${LAYER_ARGS[@]}" \
    --build-arg BASE_IMAGE="$BASE" --build-arg TORCH_VERSION="$TORCH_VERSION" \
    --build-arg TORCH_INDEX_URL="$TORCH_INDEX_URL" -t "$TAG" "$CTX"

step "smoke test: index the bundled samples and ask, inside the image, as its user"
ctr=$("${B[@]}" from --pull=never "$TAG")
trap '"${B[@]}" rm "$ctr" >/dev/null 2>&1 || true' EXIT
run() { "${B[@]}" run --isolation chroot --workingdir /app "$ctr" -- "$@"; }
run id -un
run newsqa --version
# One run: each `buildah run` gets a fresh /data volume.
out=$(run sh -c 'newsqa index examples/articles && newsqa ask "What did Zakharova say?"')
printf '%s\n' "$out"
grep -q "Sources:" <<<"$out" || { echo "error: the answer cites no source" >&2; exit 1; }
grep -q "Zakharova" <<<"$out" || { echo "error: the answer does not name Zakharova" >&2; exit 1; }
run sh -c 'pip list 2>/dev/null | grep -i -E "^(torch|nvidia)" || true'
run python -c "import torch; assert torch.version.cuda is None, torch.version.cuda; print('torch', torch.__version__, 'CPU')"

step "image size"
"${B[@]}" images --format '{{.Name}}:{{.Tag}} {{.Size}}' "$TAG"
printf 'health check: %s\n' "$("${B[@]}" inspect --type image --format '{{.Docker.Config.Healthcheck.Test}}' "$TAG")"
if [ "${LAYERS:-0}" != 1 ]; then "${B[@]}" rmi --prune >/dev/null 2>&1 || true; fi
echo "docker-check: ok"
