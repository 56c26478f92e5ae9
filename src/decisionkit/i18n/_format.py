"""Numbers, amounts, percentages and dates written the way each language writes them (babel).

babel is imported on first use, so that ``import decisionkit.i18n`` stays cheap. Rounding is
half away from zero (2.5 -> 3, as people round), and a value that rounds to zero has no sign.
Missing values (None, NaN) are written as an em dash. Numbers keep babel's no-break spaces
(U+00A0, U+202F): a terminal or a page never splits one across two lines.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from decisionkit.i18n._catalogue import check_lang, t

__all__ = [
    "MISSING",
    "date",
    "days",
    "listing",
    "money",
    "number",
    "percent",
    "plural",
    "plural_form",
    "quantity",
    "value",
]

MISSING = "—"
"""How a missing value (None, NaN) is written, in every language."""

# babel's locale per language: "en_001" is CLDR's international English (day month year,
# €4.2M), which suits European readers better than en_US (March 15, 2029).
_BABEL = {"fr": "fr_FR", "en": "en_001"}
_NBSP, _NNBSP = "\u00a0", "\u202f"


@cache
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(_BABEL[check_lang(lang)])


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, numbers.Real) and math.isnan(x))


def _rounded(x: numbers.Real, digits: int) -> decimal.Decimal:
    """``x`` rounded half away from zero to ``digits`` decimals; zero without its sign."""
    if isinstance(x, numbers.Integral):
        value = decimal.Decimal(int(x))
    elif math.isinf(x):
        return decimal.Decimal(x)
    else:
        value = decimal.Decimal(repr(float(x)))  # the shortest repr: 2.675 stays 2.675
    if digits < 0:
        raise ValueError(f"digits must be 0 or more, not {digits}")
    q = value.quantize(decimal.Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)
    return q if q else abs(q)


def _pattern(pattern: str, digits: int) -> str:
    """A babel pattern with exactly ``digits`` decimals (``#,##0.00 ¤`` -> ``#,##0 ¤``)."""
    decimals = "." + "0" * digits if digits else ""
    return re.sub(r"#,##0(?:\.[0#]+)?", lambda _: "#,##0" + decimals, pattern)


def plural_form(count: float, lang: str) -> str:
    """Return the CLDR plural category of ``count`` in ``lang``: ``"one"`` or ``"other"``.

    Examples
    --------
    >>> plural_form(1, "en"), plural_form(1.5, "en"), plural_form(1.5, "fr")
    ('one', 'other', 'one')
    """
    if _missing(count):
        return "other"
    value = _rounded(count, 6).normalize()  # 1.0 counts as 1
    form = _locale(lang).plural_form(value)
    return "one" if form == "one" else "other"  # the catalogues carry one and other only


def plural(key: str, lang: str, count: float, /, **params: Any) -> str:
    """Return the message ``key.one`` or ``key.other`` in ``lang``, as ``count`` asks.

    The CLDR plural rules decide: French takes the singular for 0, 1 and 1.5, English for
    exactly 1. The count only chooses the form: pass it formatted among ``params`` if the
    message shows it (see :func:`decisionkit.i18n.t` for the errors).

    Examples
    --------
    >>> print(plural("count.working_days", "fr", 0, n="0"))
    0 jour ouvré
    >>> print(plural("count.working_days", "en", 0, n="0"))
    0 working days
    """
    return t(f"{key}.{plural_form(count, lang)}", lang, **params)


def number(x: float | None, lang: str, *, digits: int = 0) -> str:
    """Return ``x`` with ``digits`` decimals, grouped the way ``lang`` groups digits.

    Examples
    --------
    >>> number(1234567.891, "fr", digits=1)
    '1\\u202f234\\u202f567,9'
    >>> number(1234567.891, "en", digits=1)
    '1,234,567.9'
    """
    lang = check_lang(lang)
    if _missing(x):
        return MISSING
    from babel.numbers import format_decimal

    loc = _locale(lang)
    return format_decimal(_rounded(x, digits), format=_pattern("#,##0", digits), locale=loc)


def percent(x: float | None, lang: str, *, digits: int = 0) -> str:
    """Return the fraction ``x`` (0.15) as a percentage (``15 %`` in French, ``15%``).

    French puts a narrow no-break space before ``%``.

    Examples
    --------
    >>> percent(0.15, "fr"), percent(0.155, "en", digits=1)
    ('15\\u202f%', '15.5%')
    """
    lang = check_lang(lang)
    if _missing(x):
        return MISSING
    from babel.numbers import format_percent

    loc = _locale(lang)
    pattern = _pattern(loc.percent_formats[None].pattern, digits)
    text = format_percent(_rounded(x * 100, digits) / 100, format=pattern, locale=loc)
    return re.sub(r"[\s\u00a0]%", _NNBSP + "%", text)


def money(x: float | None, currency: str, lang: str, *, compact: bool = False) -> str:
    """Return an amount in ``currency`` (ISO code), in whole units or compact.

    Full: ``4 215 000 €`` in French, ``€4,215,000`` in English. Compact (one decimal at
    most): ``4,2 M€``, ``350 k€`` in French, ``€4.2M``, ``€350K`` in English.

    Examples
    --------
    >>> money(4_215_000, "EUR", "en"), money(4_215_000, "EUR", "en", compact=True)
    ('€4,215,000', '€4.2M')
    """
    lang = check_lang(lang)
    if _missing(x):
        return MISSING
    from babel.numbers import format_compact_currency, format_currency, get_currency_symbol

    loc = _locale(lang)
    value = _rounded(x, 0)
    if compact:
        with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
            text = format_compact_currency(value, currency, locale=loc, fraction_digits=1)
    else:
        pattern = _pattern(loc.currency_formats["standard"].pattern, 0)
        text = format_currency(value, currency, format=pattern, locale=loc, currency_digits=False)
    symbol = get_currency_symbol(currency, loc)
    if compact and not any(c.isalpha() for c in symbol):
        # French writes "4,2 M€", "350 k€": the multiplier and a sign-like symbol stick together
        text = re.sub(rf"(?<=[^\W\d_])[\s\u00a0\u202f]+{re.escape(symbol)}", symbol, text)
    if symbol[-1:].isalpha():
        # a symbol made of letters before the number needs a space: "CHF 4,215,000"
        text = re.sub(rf"{re.escape(symbol)}(?=[\d-])", symbol + _NBSP, text)
    return text


def date(d: dt.date | None, lang: str) -> str:
    """Return a date in full: ``15 mars 2029``, ``15 March 2029``.

    Examples
    --------
    >>> date(dt.date(2029, 3, 15), "fr")
    '15 mars 2029'
    """
    lang = check_lang(lang)
    if d is None:
        return MISSING
    from babel.dates import format_date

    return format_date(d, "long", locale=_locale(lang))


def value(x: float | None, unit: str, lang: str, *, currency: str = "EUR") -> str:
    """A value in its unit as decisionkit's results name them, for ``lang``.

    Amounts in ``currency`` (compact from 10,000), ``working days``, ``kgCO2e`` (in tCO2e from
    one tonne), ``share`` (a percentage); any other unit, as the case writes it, after the
    number.

    Examples
    --------
    >>> print(value(10_426_733, "EUR", "fr"), "|", value(639, "working days", "en"))
    10,4 M€ | 639 working days
    >>> print(value(4, "", "fr"), "|", value(3.25, "ETP", "fr"))
    4 | 3,25 ETP
    """
    if _missing(x):
        return MISSING
    if unit == currency:
        return money(x, currency, lang, compact=abs(x) >= 10_000)
    if unit == "working days":
        return days(x, lang)
    if unit == "kgCO2e":
        if abs(x) >= 1000:
            return quantity(x / 1000, t("unit.tco2e", lang), lang, digits=1)
        return quantity(x, t("unit.kgco2e", lang), lang, digits=0)
    if unit == "share":
        return percent(x, lang)
    digits = 0 if abs(x) >= 100 or float(x).is_integer() else (1 if abs(x) >= 10 else 2)
    text = number(x, lang, digits=digits)
    return f"{text}{_NBSP}{unit}" if unit else text


def listing(items: Sequence[str], lang: str) -> str:
    """Join texts as a list in the language: ``a, b et c`` / ``a, b, and c``.

    Examples
    --------
    >>> listing(["coût", "délai", "carbone"], "fr")
    'coût, délai et carbone'
    """
    lang = check_lang(lang)
    if not items:
        return MISSING
    from babel.lists import format_list

    return format_list(list(items), style="standard", locale=_locale(lang))


def days(x: float | None, lang: str) -> str:
    """Return a number of working days, rounded: ``582 jours ouvrés``, ``1 working day``
    (a no-break space between the number and its unit: they never wrap apart).

    Examples
    --------
    >>> print(days(582, "fr"), "|", days(1, "en"))
    582 jours ouvrés | 1 working day
    """
    lang = check_lang(lang)
    if _missing(x):
        return MISSING
    n = int(_rounded(x, 0))
    return plural("count.working_days", lang, n, n=number(n, lang))


def quantity(x: float | None, unit: str, lang: str, *, digits: int = 1) -> str:
    """Return a value with its unit (``12,3 tCO2e``), joined by a no-break space.

    ``unit`` is written as given: translate it first (``t("unit.tco2e", lang)``).

    Examples
    --------
    >>> quantity(12.34, "tCO2e", "en")
    '12.3\\xa0tCO2e'
    """
    lang = check_lang(lang)
    if _missing(x):
        return MISSING
    return t("format.quantity", lang, value=number(x, lang, digits=digits), unit=unit)
