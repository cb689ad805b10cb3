"""Run-level tables built from many records (one row per document, …): pure functions and their PyArrow
schemas, written by the run writer."""
