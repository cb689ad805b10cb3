"""Whole runs that survive: numbered parts committed as they fill, resume after any interruption,
clean stops on signals, per-article limits, checks before any work.

``runner.execute`` does a run (``pipeline.run`` is the front door); ``layout`` says where
everything is in a run folder and how to read what is committed.
"""
