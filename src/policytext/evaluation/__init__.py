"""Scoring and training: what `policytext eval` and the benchmark scripts use, never the analysis path.

- ``extract``: officials, dates, legal references and tasks against a gold JSONL;
- ``themes``: theme labels against a theme gold (a split of the theme corpus);
- ``corpus``: the gold articles' texts, read from the shared dumps by (source, id);
- ``segmentation``: word segmentation against a CoNLL-U treebank;
- ``theme_training``: the theme model, trained on the theme corpus's train split
  (``benchmarks/train_theme_model.py``).
"""
