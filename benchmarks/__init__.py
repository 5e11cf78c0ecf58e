"""Speed measurements, run on demand with `make bench` (never in the test suite)."""
