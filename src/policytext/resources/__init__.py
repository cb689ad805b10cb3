"""Knowledge shipped as data (titles, organisations, document types, themes, ...).

Files here are YAML, loaded with ``yaml.safe_load``'s loader (never executed) and cached, so each is read
once per process however many articles run. libyaml's parser (``CSafeLoader``: the same safe constructors,
the same data) reads them about eight times faster than the pure-Python one, which is most of what
``policytext analyze`` on one article used to spend starting up.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # PyYAML built without libyaml: pure Python


class ResourceError(ValueError):
    """A knowledge file is missing or malformed; the message names the file and what is wrong."""


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Parse ``policytext/resources/<name>`` once and return its data."""
    path = resources.files(__name__).joinpath(name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"resource file not found: {name}") from exc
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise ResourceError(f"{name}: {exc}") from exc
