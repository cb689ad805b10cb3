"""Print the annotation guideline with the themes' definitions as the taxonomy file states them.

    python benchmarks/gold/themes/guideline.py > packet-guideline.md
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from policytext.themes.taxonomy import default_taxonomy  # noqa: E402


def main() -> int:
    print((HERE / "GUIDELINE.md").read_text(encoding="utf-8"))
    print("## The themes (from src/policytext/resources/themes.yaml)\n")
    for theme in default_taxonomy().themes:
        print(f"### `{theme.id}`: {theme.label_vi} ({theme.label_en})\n")
        print(theme.definition + "\n")
        print("In: " + "; ".join(f"“{x}”" for x in theme.include))
        print("\nOut: " + "; ".join(theme.exclude) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
