# Shortcuts; dev.py (standard library only) does the setting up.

.PHONY: bench

# The benchmark (docs/performance.md, "Benchmark"): make bench BENCH_ARGS="--articles 10000"
bench:
	python3 dev.py setup
	.venv/bin/python scripts/bench.py $(BENCH_ARGS)
