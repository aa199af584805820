"""Benchmarks run by `make bench` (pytest-benchmark); `make test` leaves them out."""
