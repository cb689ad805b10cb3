"""Theme taxonomy (data, validation, merging) and the optional statistical layer."""

from .taxonomy import Taxonomy, TaxonomyError, Term, Theme, format_taxonomy, load_taxonomy, parse_taxonomy

__all__ = ["Taxonomy", "TaxonomyError", "Term", "Theme", "format_taxonomy", "load_taxonomy", "parse_taxonomy"]
