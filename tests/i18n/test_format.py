"""Numbers, amounts, percentages and dates per language, against the issue's examples."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisionkit.i18n import LANGS, MISSING, date, days, money, number, percent, quantity, t

NBSP, NNBSP = "\u00a0", "\u202f"
NO_BREAK = {NBSP, NNBSP, "\u2007"}  # no-break, narrow no-break and figure spaces


def nb(text: str) -> str:
    """Write the examples readably: ``_`` stands for a no-break space, ``~`` a narrow one."""
    return text.replace("_", NBSP).replace("~", NNBSP)


@pytest.mark.parametrize(
    ("x", "compact", "fr", "en"),
    [
        (4_215_000, False, "4~215~000_€", "€4,215,000"),
        (4_215_000, True, "4,2_M€", "€4.2M"),
        (350_000, True, "350_k€", "€350K"),
        (12_300_000_000, True, "12,3_Md€", "€12.3B"),
        (-4_215_000, False, "-4~215~000_€", "-€4,215,000"),
        (-4_215_000, True, "-4,2_M€", "-€4.2M"),
        (0, False, "0_€", "€0"),
        (0, True, "0_€", "€0"),
        (-0.0, False, "0_€", "€0"),
        (-0.4, True, "0_€", "€0"),
        (999.5, False, "1~000_€", "€1,000"),
        (4_250_000, True, "4,3_M€", "€4.3M"),  # half away from zero, as people round
        (np.float64(1_800), False, "1~800_€", "€1,800"),
        (np.int64(1_800), False, "1~800_€", "€1,800"),
    ],
)
def test_money(x, compact, fr, en):
    assert money(x, "EUR", "fr", compact=compact) == nb(fr)
    assert money(x, "EUR", "en", compact=compact) == nb(en)


def test_money_in_other_currencies():
    assert money(4_215_000, "CHF", "fr") == nb("4~215~000_CHF")
    assert money(4_215_000, "CHF", "en") == nb("CHF_4,215,000")
    assert money(4_215_000, "CHF", "fr", compact=True) == nb("4,2_M_CHF")
    assert money(-5, "CHF", "en", compact=True) == nb("-CHF_5")


@pytest.mark.parametrize("missing", [math.nan, None, np.float64("nan")])
@pytest.mark.parametrize("lang", LANGS)
def test_missing_values(missing, lang):
    assert money(missing, "EUR", lang) == MISSING == "—"
    assert money(missing, "EUR", lang, compact=True) == MISSING
    assert number(missing, lang) == percent(missing, lang) == MISSING
    assert days(missing, lang) == quantity(missing, "tCO2e", lang) == MISSING
    assert date(None, lang) == MISSING


def test_dates():
    assert date(dt.date(2029, 3, 15), "fr") == "15 mars 2029"
    assert date(dt.date(2029, 3, 15), "en") == "15 March 2029"
    assert date(dt.date(2029, 3, 1), "fr") == "1 mars 2029"
    assert date(dt.datetime(2029, 3, 15, 17, 30), "en") == "15 March 2029"


@pytest.mark.parametrize(
    ("x", "digits", "fr", "en"),
    [
        (0.15, 0, "15~%", "15%"),
        (0.155, 1, "15,5~%", "15.5%"),
        (1, 0, "100~%", "100%"),
        (0, 0, "0~%", "0%"),
        (-0.001, 0, "0~%", "0%"),
        (-0.25, 0, "-25~%", "-25%"),
        (0.0333, 2, "3,33~%", "3.33%"),
    ],
)
def test_percent(x, digits, fr, en):
    assert percent(x, "fr", digits=digits) == nb(fr)
    assert percent(x, "en", digits=digits) == nb(en)


@pytest.mark.parametrize(
    ("x", "digits", "fr", "en"),
    [
        (1_234_567.891, 1, "1~234~567,9", "1,234,567.9"),
        (1_234_567.891, 0, "1~234~568", "1,234,568"),
        (2.5, 0, "3", "3"),
        (2.675, 2, "2,68", "2.68"),
        (-0.4, 0, "0", "0"),
        (-1234.5, 2, "-1~234,50", "-1,234.50"),
        (582, 0, "582", "582"),
    ],
)
def test_number(x, digits, fr, en):
    assert number(x, "fr", digits=digits) == nb(fr)
    assert number(x, "en", digits=digits) == nb(en)


def test_number_rejects_negative_digits():
    with pytest.raises(ValueError, match="digits"):
        number(1.0, "en", digits=-1)


@pytest.mark.parametrize(
    ("x", "fr", "en"),
    [
        (582, "582\u00a0jours ouvrés", "582\u00a0working days"),
        (1, "1\u00a0jour ouvré", "1\u00a0working day"),
        (0, "0\u00a0jour ouvré", "0\u00a0working days"),
        (1.4, "1\u00a0jour ouvré", "1\u00a0working day"),
        (2, "2\u00a0jours ouvrés", "2\u00a0working days"),
        (1_250.2, "1~250\u00a0jours ouvrés", "1,250\u00a0working days"),
    ],
)
def test_days(x, fr, en):
    assert days(x, "fr") == nb(fr)
    assert days(x, "en") == nb(en)


def test_quantity():
    assert quantity(12.34, t("unit.tco2e", "fr"), "fr") == nb("12,3_tCO2e")
    assert quantity(12.34, t("unit.tco2e", "en"), "en") == nb("12.3_tCO2e")
    assert quantity(1.5, t("unit.fte", "fr"), "fr", digits=2) == nb("1,50_ETP")
    assert quantity(4_200, "kgCO2e", "fr", digits=0) == nb("4~200_kgCO2e")


def test_formatting_checks_the_language():
    with pytest.raises(ValueError, match="language 'de'"):
        number(1, "de")
    assert money(1, "EUR", "fr_FR.UTF-8") == nb("1_€")


def breakable(text: str) -> set[str]:
    return {c for c in text if (c.isspace() or c == "\u200b") and c not in NO_BREAK}


@given(
    x=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    digits=st.integers(0, 4),
    lang=st.sampled_from(LANGS),
)
def test_a_number_never_splits(x, digits, lang):
    text = number(x, lang, digits=digits)
    assert not breakable(text), repr(text)
    assert text.lstrip("-")[0].isdigit()


@given(
    x=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e13, max_value=1e13),
    compact=st.booleans(),
    lang=st.sampled_from(LANGS),
)
def test_an_amount_never_splits(x, compact, lang):
    assert not breakable(money(x, "EUR", lang, compact=compact))
    assert not breakable(percent(x / 1e13, lang, digits=1))
