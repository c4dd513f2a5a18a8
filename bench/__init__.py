"""Vejviser's benchmarks: `make bench` writes bench/results/<name>.json and <name>.md."""
