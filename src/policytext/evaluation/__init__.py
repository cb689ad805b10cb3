"""Scoring and training: what `policytext eval` and the benchmark scripts use, never the analysis path.

- ``extract``: officials, dates, legal references and tasks against a gold JSONL;
- ``themes``: theme labels against a theme gold;
- ``segmentation``: word segmentation against a CoNLL-U treebank;
- ``theme_training``: the weakly supervised theme model (``benchmarks/train_theme_model.py``).
"""
