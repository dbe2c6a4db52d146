# Two commands get a newcomer going: `make demo` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install demo test lint bot bench clean docker-check

$(PY):
	python3 -m venv $(VENV)

# Installs once; again only when pyproject.toml changes. torch first, pinned to the CPU build.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/newsqa index examples/articles
	$(VENV)/bin/newsqa ask "What did Zakharova say?"

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check retrieval bot tests benchmarks
	$(VENV)/bin/mypy retrieval bot

bot: $(STAMP)
	$(VENV)/bin/newsqa bot

bench: $(STAMP)
	$(PY) -m benchmarks.run

# Builds the Docker image with buildah (no daemon needed) and runs its smoke test. Slow; not in
# `make test`. Needs buildah and, for the stand-in base image, debootstrap (apt-get install).
docker-check:
	nice bash docker/check.sh

clean:
	rm -rf $(VENV) data .pytest_cache
