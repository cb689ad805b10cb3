"""Knowledge shipped as data (titles, organisations, document types, themes, ...).

Files here are YAML, loaded with ``yaml.safe_load``'s loader (never executed) and cached, so each is read
once per process however many articles run. libyaml's parser (``CSafeLoader``: the same safe constructors,
the same data) reads them about eight times faster than the pure-Python one, and the parsed data is kept
between processes by ``startcache`` (keyed by a hash of the file's text), so a warm start does not parse
or even import YAML.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from ..startcache import cached, decode_dates, encode_dates, text_key


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
    return cached(text_key("yaml", text), lambda: parse_yaml(text, name), encode=_encode, decode=_decode)


def _encode(data: Any) -> tuple[bool, Any]:
    """Files without dates (most) are stored as they are and come back without a walk over them."""
    encoded = encode_dates(data)
    return encoded != data, encoded


def _decode(stored: tuple[bool, Any]) -> Any:
    has_dates, data = stored
    return decode_dates(data) if has_dates else data


def parse_yaml(text: str, name: str) -> Any:
    """Safe-load YAML text (libyaml's parser when PyYAML has it); errors name the file."""
    import yaml  # only when the start-up cache does not have the file (~10 ms of import)

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # PyYAML built without libyaml: pure Python
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise ResourceError(f"{name}: {exc}") from exc
