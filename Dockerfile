# coachbot as one image for every role: `run` (all in one), `web`, `scheduler`, `db upgrade`.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PORT=3000 \
    DATABASE_URL=sqlite:////data/coachbot.db

WORKDIR /app
COPY pyproject.toml README.md LICENSE manifest.yml ./
COPY bot ./bot
COPY handlers ./handlers
COPY jobs ./jobs
RUN pip install ".[postgres]" \
    && useradd --system --create-home --home-dir /home/coachbot coachbot \
    && mkdir -p /data && chown coachbot /data

USER coachbot
VOLUME ["/data"]
EXPOSE 3000

# 200 while the database answers; the scheduler role serves no HTTP, so compose turns it off.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"3000\")}/healthz', timeout=4)"

ENTRYPOINT ["coachbot"]
CMD ["run"]
