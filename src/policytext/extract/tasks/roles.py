"""Roles of a list's tasks: issued_by, actor, deadline, directive (filled in later steps)."""

from __future__ import annotations


def assign_roles(doc, listed) -> None:
    return None
