# oir-analysis: `make report` (the main job) and `make test` (every test).
# The environment lives in .venv/ and is rebuilt only when pyproject.toml or requirements.lock change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: setup validate notebooks report test lint lab lock clean

setup: $(STAMP)

# uv where it is present (installed into the venv with pip if not), plain pip as the fallback.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@if command -v uv >/dev/null 2>&1; then uv=uv; \
	elif test -x $(BIN)/uv || $(BIN)/python -m pip install -q uv; then uv=$(BIN)/uv; \
	else uv=; fi; \
	if test -n "$$uv"; then \
		$$uv pip install -q --compile-bytecode --python $(BIN)/python -r requirements.lock && \
		$$uv pip install -q --python $(BIN)/python --no-deps -e . ; \
	else \
		$(BIN)/python -m pip install -q -r requirements.lock && \
		$(BIN)/python -m pip install -q --no-deps -e . ; \
	fi
	@# JupyterLab's news pop-up asks to fetch a feed from the network: off, for every notebook reader.
	@$(BIN)/jupyter labextension disable --level=sys_prefix \
		"@jupyterlab/apputils-extension:announcements" >/dev/null 2>&1
	@touch $(STAMP)

validate: $(STAMP)
	@$(BIN)/python -m oir_analysis validate

notebooks: $(STAMP)
	$(BIN)/python -m oir_analysis run-notebooks --in-place

report: validate
	$(BIN)/python -m oir_analysis run-notebooks
	$(BIN)/python -m oir_analysis export
	$(BIN)/python -m oir_analysis render-report

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -n auto -p no:cacheprovider tests
	@# --dist loadfile: a notebook's cells share one kernel, so all of them must run on one worker
	$(BIN)/python -m pytest -n auto --dist loadfile -p no:cacheprovider --nbval-lax notebooks

# JupyterLab on the notebooks, on this machine only, behind a token (printed with the address).
# Its kernels draw with the inline backend whatever MPLBACKEND says (Agg, exported above for the
# headless targets, would show no chart); `%matplotlib widget` in a notebook switches to zoomable
# charts. --allow-root lets root start it (a container, CI) and changes nothing for other users.
# JupyterLab asks for no announcements feed (nothing is fetched from the network).
# LAB_DIR and LAB_FLAGS (e.g. LAB_FLAGS=--port=9999) are for tests and for serving another folder.
LAB_DIR   ?= notebooks
LAB_FLAGS ?=
lab: $(STAMP)
	MPLBACKEND=module://matplotlib_inline.backend_inline $(BIN)/jupyter lab --ip=127.0.0.1 \
		--no-browser --allow-root --LabApp.news_url=None --ServerApp.root_dir=$(LAB_DIR) $(LAB_FLAGS)

lock:
	uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 -o requirements.lock

clean:
	rm -rf build
