"""What every chart shares: the study's facts, one colour per option, the locale, rendering.

Charts read the facts of a study (:meth:`decisionkit.Study.to_dict`, live or loaded from a
saved study's JSON) and reshape them; they compute no statistic. Each chart carries its
locale in its Vega-Lite ``config.locale`` (numbers and dates in French or English), so it
renders the same in JupyterLab, in an exported page and through vl-convert, with nothing
fetched from a network.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import decisionkit.i18n as i18n

__all__ = [
    "PALETTE",
    "chart_to_html",
    "chart_to_png",
    "chart_to_svg",
    "display_offline",
    "facts_of",
    "finish",
    "label",
    "money_unit",
    "option_scale",
]

PALETTE = (
    "#0072B2",  # blue         (Okabe & Ito 2008, colour-blind safe)
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#882255",  # wine         (Tol's muted scheme, colour-blind safe)
    "#999933",  # olive
    "#44AA99",  # teal
)
"""One colour per option, in case order (ten options at most), the same in every chart."""

WIDTH = 560
TITLE_CHARS = 72  # a title line at 15 px stays within the chart's width
SUBTITLE_CHARS = 95
FONT = "Marianne, 'Source Sans 3', 'Segoe UI', Arial, sans-serif"


def facts_of(study: Any) -> dict[str, Any]:
    """The facts of a :class:`~decisionkit.Study`, or of its saved JSON already read."""
    if isinstance(study, Mapping):
        if study.get("schema") != "decisionkit.study/1":
            raise ValueError(
                f"charts read a study (decisionkit.study/1), got schema {study.get('schema')!r}"
            )
        return dict(study)
    to_dict = getattr(study, "to_dict", None)
    if to_dict is None:
        raise TypeError(f"charts read a Study or its facts, got {type(study).__name__}")
    return to_dict()


def option_scale(facts: Mapping[str, Any]) -> Any:
    """The colour scale of the options: their display names, in case order."""
    import altair as alt

    names = [o["name"] for o in facts["options"]]
    return alt.Scale(domain=names, range=list(PALETTE[: len(names)]))


def label(key: str, lang: str, **params: Any) -> str:
    """A chart text from the catalogue (``chart.*`` keys)."""
    return i18n.t(f"chart.{key}", lang, **params)


def money_unit(values: Any, currency: str, lang: str) -> tuple[float, str]:
    """The divisor and the unit label for amounts of this size: (1e6, "M€") or (1e3, "k€").

    Axes show millions or thousands with one decimal rather than long numbers.
    """
    finite = [abs(float(v)) for v in values if v is not None and math.isfinite(float(v))]
    top = max(finite, default=0.0)
    scale, key = (1e6, "chart.unit.millions") if top >= 1e6 else (1e3, "chart.unit.thousands")
    symbol = _symbol(currency, lang)
    return scale, i18n.t(key, lang, currency=symbol)


def co2_unit(kg: list[float], lang: str) -> tuple[float, str]:
    """Tonnes of CO2e on the axis, kilograms when every value is below a tonne."""
    top = max((abs(v) for v in kg if v is not None), default=0.0)
    if top >= 1000:
        return 1000.0, i18n.t("unit.tco2e", lang)
    return 1.0, i18n.t("unit.kgco2e", lang)


def _symbol(currency: str, lang: str) -> str:
    from babel.numbers import get_currency_symbol

    return get_currency_symbol(currency, locale={"fr": "fr_FR", "en": "en_001"}[lang])


def _locale(lang: str, currency: str) -> dict[str, Any]:
    import vl_convert as vlc

    lang = i18n.check_lang(lang)
    tag = {"fr": "fr-FR", "en": "en-GB"}[lang]
    number = dict(vlc.get_format_locale(tag))
    symbol = _symbol(currency, lang)
    number["currency"] = ["", "\u00a0" + symbol] if lang == "fr" else [symbol, ""]
    if lang == "fr":
        number["thousands"] = "\u202f"  # as babel writes French numbers
    return {"number": number, "time": vlc.get_time_format_locale(tag)}


def finish(
    chart: Any, facts: Mapping[str, Any], lang: str, *, title: str, subtitle: str = ""
) -> Any:
    """The chart with its title (wrapped, never cut), the study's locale and decisionkit's
    look."""
    import textwrap

    import altair as alt

    heading = alt.TitleParams(
        text=textwrap.wrap(title, TITLE_CHARS),
        subtitle=textwrap.wrap(subtitle, SUBTITLE_CHARS) if subtitle else alt.Undefined,
        anchor="start",
        fontSize=15,
        subtitleFontSize=12,
        subtitleColor="#444444",
        offset=10,
    )
    return (
        chart.properties(title=heading)
        .configure(locale=_locale(lang, facts["case"]["currency"]), font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=12, labelLimit=260, grid=True)
        .configure_legend(labelFontSize=11, titleFontSize=12, labelLimit=320, orient="bottom")
    )


def chart_to_svg(chart: Any, lang: str = "en") -> str:
    """Render a chart to SVG offline (vl-convert), with the numbers and dates of ``lang``."""
    import vl_convert as vlc

    tag = {"fr": "fr-FR", "en": "en-GB"}[i18n.check_lang(lang)]
    return vlc.vegalite_to_svg(
        chart.to_dict(), format_locale=tag, time_format_locale=tag, allowed_base_urls=[]
    )


def chart_to_png(chart: Any, lang: str = "en", scale: float = 2.0) -> bytes:
    """Render a chart to PNG offline (vl-convert), ``scale`` times its size."""
    import vl_convert as vlc

    tag = {"fr": "fr-FR", "en": "en-GB"}[i18n.check_lang(lang)]
    return vlc.vegalite_to_png(
        chart.to_dict(),
        scale=scale,
        format_locale=tag,
        time_format_locale=tag,
        allowed_base_urls=[],
    )


def chart_to_html(chart: Any, lang: str = "en") -> str:
    """A standalone HTML page of the chart, its Vega scripts inlined: it opens offline.

    The chart's own locale (numbers and dates of ``lang``) travels in its spec.
    """
    i18n.check_lang(lang)
    return chart.to_html(inline=True)


# -- helpers the chart modules share -------------------------------------------------------

GREY = "#555555"
LINES = "split(datum.label, '\\n')"  # an axis labelExpr: one line per \n


def best_option(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The recommended option's facts (the first one without criteria)."""
    best = facts["appraisal"]["ranking"][0]["option"] if facts["appraisal"] else None
    return next((o for o in facts["options"] if o["id"] == best), facts["options"][0])


def distinct_facts(study: Any) -> dict[str, Any]:
    """The study's facts, each option under a distinct name: two options sharing a name are
    told apart by their ids ("Solution SaaS (saas2)"), so neither hides the other."""
    facts = facts_of(study)
    names = [o["name"] for o in facts["options"]]
    shared = {n for n in names if names.count(n) > 1}
    if not shared:
        return facts
    options = [
        {**o, "name": f"{o['name']} ({o['id']})"} if o["name"] in shared else o
        for o in facts["options"]
    ]
    return {**facts, "options": options}


def pick_option(facts: Mapping[str, Any], option: str | None) -> dict[str, Any]:
    """One option's facts, by id or name; ``None``: the recommended option."""
    if option is None:
        return best_option(facts)
    for o in facts["options"]:
        if option in (o["id"], o["name"]):
            return o
    have = ", ".join(o["id"] for o in facts["options"])
    raise ValueError(f"no option {option!r} in the study; have {have}")


def wrap_label(text: str, width: int = 44) -> str:
    """A long axis label on several lines (the axis splits it at ``\\n``)."""
    import textwrap

    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")  # never alone at a line end
    return "\n".join(textwrap.wrap(text, width)) or text


def money_format(scale: float) -> str:
    """The d3 format of amounts on an axis: one decimal in millions, none in thousands."""
    return ",.1f" if scale >= 1e6 else ",.0f"


def notice(facts: Mapping[str, Any], lang: str, *, title: str, text: str) -> Any:
    """A chart that says, in words, why there is nothing to draw."""
    import altair as alt

    chart = (
        alt.Chart(alt.Data(values=[{"text": text}]))
        .mark_text(align="left", baseline="middle", x=0, y=18, fontSize=13, color="#444444")
        .encode(text="text:N")
        .properties(width=WIDTH, height=36)
    )
    return finish(chart, facts, lang, title=title)


def row_header() -> Any:
    """The header of a facet's rows: bold, on top, from the left."""
    import altair as alt

    return alt.Header(
        title=None,
        labelAngle=0,
        labelOrient="top",
        labelAnchor="start",
        labelAlign="left",
        labelFontSize=12,
        labelFontWeight="bold",
        labelLimit=WIDTH,
    )


def options_with(facts: Mapping[str, Any], block: str) -> tuple[list[dict], list[str]]:
    """The options with the block, and the names of those without; none at all is an error."""
    shown = [o for o in facts["options"] if o.get(block) is not None]
    if not shown:
        raise ValueError(
            f"none of the study's options has the `{block}` block: add `{block}:` to an option "
            "of the case to chart it"
        )
    return shown, [o["name"] for o in facts["options"] if o.get(block) is None]


def missing_subtitle(chart: str, missing: list[str], lang: str, **params: Any) -> str:
    """The chart's subtitle, naming the options left out for want of the block."""
    if missing:
        options = i18n.listing(missing, lang)
        return label(f"{chart}.subtitle.missing", lang, options=options, **params)
    return label(f"{chart}.subtitle", lang, **params)


def extreme_options(
    shown: list[dict], text: Callable[[dict], str], key: Callable[[dict], float], best: Any
) -> list[dict]:
    """The options at the extreme of ``key``; ties are the options written the same."""
    top = best(shown, key=key)
    return [o for o in shown if text(o) == text(top)]


def display_offline() -> None:
    """Show charts in notebooks as SVG drawn here (vl-convert), with nothing to fetch.

    JupyterLab 4 renders Vega-Lite 5 natively, not the Vega-Lite 6 that altair 6 writes; its
    fallback page loads Vega from a CDN, which an offline machine cannot reach. The SVG keeps
    each chart's locale; it has no tooltips.
    """
    import altair as alt

    alt.renderers.enable("svg")
