"""Enumerations: markers of one style numbered 1, 2, 3 … (bullets: consecutive lines), and which of them
are sub-lists of another.

A new 1 starts a new list; a marker out of sequence is no item; two items never stand more than
``max_item_gap`` characters apart. "Cuối cùng" closes the open list of ordinal words, "là" words, numbers,
steps or sequence words it follows (within ``last_word_reach``). An ordinal word goes on a list of sequence
words ("Đầu tiên, … Thứ hai, …"), and an ordinal after a noun ("Cách thứ hai, …": rule named-ordinals) only
continues a list, never opens one. In nested lists ("1. … a) … b) … 2. …", "Cách 1: Bước 1 … Bước 2 …") the
outer enumeration is the list and its items span their sub-items.
"""

from __future__ import annotations

from dataclasses import replace

from .lexicon import Lexicon
from .markers import Marker

# how deep a style usually sits: a list of a deeper style inside an item of a shallower one is its sub-list
RANK = {"way": -1, "ordinal": 0, "la": 0, "sequence": 0, "step": 0, "option": 0, "numbered_name": 0, "number": 0,
        "paren": 1, "letter": 2, "bullet": 3}
# how far (characters) a list may start after its parent's last marker to be its sub-list when the words
# between end with a colon ("Cách 2: Đăng ký … một phần: Bước 1: …" in a text without line breaks)
_UNDER_LAST_REACH = 300
# the styles a "Cuối cùng" may close
_CLOSED_BY_LAST = ("ordinal", "la", "sequence", "number", "step")


def line_end(norm: str, position: int) -> int:
    end = norm.find("\n", position)
    return len(norm) if end < 0 else end


def rank(run: list[Marker]) -> int:
    first = run[0]
    return RANK[first.style] + (1 if first.style == "bullet" and first.key == "+" else 0)


def enumerations(markers: list[Marker], norm: str, lex: Lexicon) -> list[list[Marker]]:
    """Lists of at least ``min_items`` markers, each numbered 1, 2, 3 … (ordinals filled in), by start."""
    gap, reach = lex.number("max_item_gap"), lex.number("last_word_reach")
    done: list[list[Marker]] = []
    open_runs: dict[tuple[str, str], list[Marker]] = {}
    for marker in markers:
        if marker.style == "last":
            candidates = [run for (style, _), run in open_runs.items()
                          if style in _CLOSED_BY_LAST and 0 < marker.start - run[-1].start <= reach]
            if candidates:
                run = max(candidates, key=lambda r: r[-1].start)  # the list just before it
                run.append(replace(marker, ordinal=run[-1].ordinal + 1, key=run[0].key))
                done.append(run)
                del open_runs[(run[0].style, run[0].key)]
            continue
        if marker.style == "ordinal_named":  # continues an open list of ordinal or sequence words, if any
            for slot in (("ordinal", ""), ("sequence", "")):
                run = open_runs.get(slot)
                if run and marker.ordinal == run[-1].ordinal + 1 and marker.start - run[-1].start <= gap:
                    run.append(marker)
                    break
            continue
        slot = (marker.style, marker.key)
        run = open_runs.get(slot)
        if marker.style == "ordinal" and marker.ordinal and marker.ordinal > 1:
            sequence = open_runs.get(("sequence", ""))
            if sequence and sequence[-1].ordinal == marker.ordinal - 1 and (
                    not run or run[-1].ordinal != marker.ordinal - 1) and marker.start - sequence[-1].start <= gap:
                sequence.append(marker)  # "Đầu tiên, … Thứ hai, …"
                continue
        if marker.style == "bullet":
            if run and not norm[line_end(norm, run[-1].start):marker.start].strip():
                run.append(replace(marker, ordinal=len(run) + 1))  # the next line of the same bullet
            else:
                if run:
                    done.append(run)
                open_runs[slot] = [replace(marker, ordinal=1)]
            continue
        if marker.ordinal == 1 or marker.style == "ordinal" and marker.ordinal == 2 and not run:
            # (an unmarked first item: "…, chúng tôi tổ chức tuyên truyền … Thứ hai, sẽ kiểm tra … Thứ ba, …"
            # lists its marked items from "Thứ hai"; GUIDELINE.md R4-1)
            if run:
                done.append(run)
            open_runs[slot] = [marker]
        elif run and marker.start - run[-1].start <= gap and (
                marker.ordinal == run[-1].ordinal + 1 or marker.ordinal is None and marker.style == "sequence"):
            run.append(replace(marker, ordinal=run[-1].ordinal + 1))
    done.extend(open_runs.values())
    runs = [run for run in done if len(run) >= lex.number("min_items") + (run[0].ordinal != 1)]  # from "Thứ hai": 3
    return sorted(runs, key=lambda run: run[0].start)


def nested_in(outer: list[Marker], inner: list[Marker], norm: str) -> bool:
    """Is ``inner`` a sub-list of ``outer``: inside one of its items, or right under its last one?"""
    if inner is outer or inner[0].start <= outer[0].start:
        return False
    if rank(inner) > rank(outer):
        if inner[0].start < outer[-1].start:
            return True
        # right under the last item, when that item's line announces it ("2. Tổ chức tiêm vắc xin:"), or
        # shortly after it when the words between end with a colon (a text without line breaks)
        last_line = line_end(norm, outer[-1].end)
        if norm[:last_line].rstrip().endswith(":") and not norm[last_line:inner[0].start].strip():
            return True
        between = norm[outer[-1].end:inner[0].start]
        if len(between) > _UNDER_LAST_REACH or "\n" in between:
            return False
        # steps shortly after the last way are its steps, wherever its colon is ("Cách 2: … cổng tuyển sinh tại địa
        # chỉ: https://… Bước 1: …")
        return between.rstrip().endswith(":") or outer[0].style == "way" and inner[0].style == "step"
    if rank(inner) == rank(outer):  # "Thứ nhất … Thứ hai" inside item 1 of "1. … 2. …"
        return any(a.start < inner[0].start and inner[-1].start < b.start for a, b in zip(outer, outer[1:]))
    return False


def outer_lists(runs: list[list[Marker]], norm: str) -> list[tuple[list[Marker], list[list[Marker]]]]:
    """Each list that is no sub-list of another, with its sub-lists."""
    out = []
    for run in runs:
        if any(nested_in(other, run, norm) for other in runs if other is not run):
            continue
        out.append((run, [other for other in runs if nested_in(run, other, norm)]))
    return out
