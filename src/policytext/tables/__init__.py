"""Run-level tables built from records: pure functions (records in, row dicts out) with their PyArrow
schemas, for the run writer to write next to the per-record tables.

- ``places``: one row per place mention per article (``places.parquet``);
- ``persons``: one row per person across a run, and the ``person_id`` of each official
  (``persons.parquet``; ``officials.parquet`` gains ``person_id``);
- ``documents``: one row per document cited across a run (``documents.parquet``).
"""
