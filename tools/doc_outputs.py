"""Check (or refresh) the outputs shown in the examples of a Markdown document.

Usage: ``.venv/bin/python tools/doc_outputs.py docs/assessments.md [--write]``

Two kinds of examples are checked, from the repository root:

- a ```python block is run on its own; when the next block is a ```text block, it must hold
  exactly what the Python block printed;
- ```pycon blocks are interactive sessions (``>>>`` and ``...`` lines, then the expected
  output), run in order in one namespace per document, as doctest would: each statement's
  output (printed or displayed) must be what follows it. An expected exception is written
  ``Traceback (most recent call last):``, indented lines, then ``Type: message``; only the
  last line is compared. Trailing spaces are ignored; a blank output line is ``<BLANKLINE>``.

``--write`` replaces the outputs with the real ones.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
import traceback
from pathlib import Path

PAIR = re.compile(
    r"```python\n(?P<code>(?:(?!```).)*?)```\n(?P<gap>\n?)```text\n(?P<out>.*?)```", re.S
)
PYCON = re.compile(r"```pycon\n(?P<body>.*?)```", re.S)
TRACEBACK = "Traceback (most recent call last):"


def _statements(body: str) -> list[tuple[list[str], list[str]]]:
    """The (source lines, expected output lines) of each ``>>>`` statement of a session."""
    out: list[tuple[list[str], list[str]]] = []
    lines = body.split("\n")[:-1]  # the body ends with a newline
    i = 0
    while i < len(lines):
        if not lines[i].startswith(">>>"):
            raise ValueError(f"not a statement or its output: {lines[i]!r}")
        source = [lines[i]]
        i += 1
        while i < len(lines) and (lines[i].startswith("... ") or lines[i] == "..."):
            source.append(lines[i])
            i += 1
        want = []
        while i < len(lines) and not lines[i].startswith(">>>"):
            want.append(lines[i])
            i += 1
        out.append((source, want))
    return out


def _run(source: list[str], namespace: dict, path: Path) -> tuple[str, str | None]:
    """Run one statement: (what it printed or displayed, its exception line or None)."""
    code = "\n".join(line[4:] for line in source) + "\n"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        try:
            exec(compile(code, str(path), "single"), namespace)
        except Exception as exc:
            return buffer.getvalue(), traceback.format_exception_only(exc)[-1].rstrip("\n")
    return buffer.getvalue(), None


def _session(body: str, namespace: dict, path: Path) -> tuple[str, int]:
    """The session with its real outputs, and how many statements' outputs were stale."""
    stale = 0
    text: list[str] = []
    for source, want in _statements(body):
        printed, error = _run(source, namespace, path)
        got = [line.rstrip() or "<BLANKLINE>" for line in printed.split("\n")[:-1]]
        if error is not None:
            middle = [x for x in want[1:-1] if x.startswith(" ")] if want[:1] == [TRACEBACK] else []
            got += [TRACEBACK, *(middle or ["  ..."]), error]
        if [x.rstrip() for x in want] != got:
            stale += 1
            print(f"--- stale output after:\n{chr(10).join(source)[:200]}", file=sys.stderr)
            print("expected:\n" + "\n".join(want)[:600], file=sys.stderr)
            print("got:\n" + "\n".join(got)[:600], file=sys.stderr)
        text += [*source, *got]
    return "\n".join(text) + "\n", stale


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

    namespace: dict = {"__name__": "__doc__"}

    def session(match: re.Match[str]) -> str:
        nonlocal stale
        body, n = _session(match["body"], namespace, path)
        stale += n
        return f"```pycon\n{body}```"

    new = PYCON.sub(session, PAIR.sub(run, text))
    if write and new != text:
        path.write_text(new, encoding="utf-8")
    print(f"{path}: {stale} stale output block(s){' rewritten' if write and stale else ''}")
    return 1 if stale and not write else 0


if __name__ == "__main__":
    sys.exit(main())
