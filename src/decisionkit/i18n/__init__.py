"""French and English texts, and numbers and dates written per language (layer 0).

Every label and sentence decisionkit shows (CLI tables and messages, ``explain()``, study
sentences, charts, memos) comes from a catalogue, one per language: ``fr.yaml`` and
``en.yaml`` beside this module. Frames and results stay language-neutral; a view picks the
language at the last moment::

    t("label.input", lang, element=task_name, kind=t("kind.duration", lang))
    t("output.tco", lang)                        # a column header
    money(4_215_000, "EUR", lang, compact=True)  # '4,2 M€' / '€4.2M'

Conventions of the catalogues (a test checks them, ``tests/i18n/test_catalogue.py``):

- a flat mapping: dotted message id -> text. The id's first part groups the messages
  (``output.``, ``unit.``, ``kind.``, ``part.``, ``close.``, ``method.``...); a sentence of a
  view gets its own id, never a concatenation of fragments;
- both files hold the same ids, and each message the same named placeholders (``{option}``,
  ``{p80_cost}``): plain identifiers, without format spec or index. Callers format numbers,
  amounts and dates first with :func:`number`, :func:`money`, :func:`percent`,
  :func:`date`, :func:`days`, :func:`quantity`; ``{{`` and ``}}`` write literal braces;
- plural forms are two ids, ``<id>.one`` and ``<id>.other`` (the CLDR categories both
  languages use), chosen by :func:`plural`;
- French typography: a no-break space (U+00A0) before ``:``, a narrow one (U+202F) before
  ``;``, ``!``, ``?`` and ``%``, and inside « » quotes.

To add a message: add its id to both files, in the same group, then run
``pytest tests/i18n``. :func:`t` rejects an unknown id, a missing placeholder and an
unexpected parameter, so a typo fails a test rather than reaching a reader.

The language comes from ``--lang`` or :func:`default_lang` (``LC_ALL``, ``LC_MESSAGES``,
``LANG``; English otherwise). babel is imported on the first formatting call only.
"""

from decisionkit.i18n._catalogue import LANGS, check_lang, default_lang, keys, placeholders, t
from decisionkit.i18n._format import (
    MISSING,
    date,
    days,
    listing,
    money,
    number,
    percent,
    plural,
    quantity,
    value,
)

__all__ = [
    "LANGS",
    "MISSING",
    "check_lang",
    "date",
    "days",
    "default_lang",
    "keys",
    "listing",
    "money",
    "number",
    "percent",
    "placeholders",
    "plural",
    "quantity",
    "t",
    "value",
]
