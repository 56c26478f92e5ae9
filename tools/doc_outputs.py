"""Check (or refresh) the outputs shown after the Python examples of a Markdown document.

Usage: ``.venv/bin/python tools/doc_outputs.py docs/assessments.md [--write]``

Each ```python block is run on its own from the repository root; when the next block is a
```text block, it must hold exactly what the Python block printed. ``--write`` replaces the
text blocks with the real output.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

PAIR = re.compile(
    r"```python\n(?P<code>(?:(?!```).)*?)```\n(?P<gap>\n?)```text\n(?P<out>.*?)```", re.S
)


def main() -> int:
    path = Path(sys.argv[1])
    write = "--write" in sys.argv
    text = path.read_text(encoding="utf-8")
    stale = 0

    def run(match: re.Match[str]) -> str:
        nonlocal stale
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(match["code"], str(path), "exec"), {"__name__": "__doc__"})
        out = buffer.getvalue()
        if out != match["out"]:
            stale += 1
            print(f"--- stale output after:\n{match['code'][:200]}", file=sys.stderr)
        return f"```python\n{match['code']}```\n{match['gap']}```text\n{out}```"

    new = PAIR.sub(run, text)
    if write and new != text:
        path.write_text(new, encoding="utf-8")
    print(f"{path}: {stale} stale output block(s){' rewritten' if write and stale else ''}")
    return 1 if stale and not write else 0


if __name__ == "__main__":
    sys.exit(main())
