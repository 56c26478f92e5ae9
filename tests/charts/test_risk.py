"""Risk charts: plain data with the study's colours, titles and locale; they render offline."""

from __future__ import annotations

import json

import pytest

from decisionkit import charts
from decisionkit.charts import PALETTE


def _layers(spec):
    return spec.get("layer", [spec])


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("output", ["capex", "tco", "go_live", "finish"])
def test_s_curves_have_one_line_per_option_in_the_study_colours(study, output, lang):
    spec = charts.s_curves(study, output, lang=lang).to_dict()
    names = [o["name"] for o in study.to_dict()["options"]]
    line = _layers(spec)[0]
    assert line["mark"]["type"] == "line"
    assert line["encoding"]["color"]["scale"] == {"domain": names, "range": list(PALETTE[:3])}
    values = line["data"]["values"]
    assert {r["option"] for r in values} == set(names)
    assert len(values) == 101 * len(names)
    fetchable = {k: v for k, v in spec.items() if k != "$schema"}  # $schema: a name only
    assert "http" not in json.dumps(fetchable)  # no data or image to fetch


def test_the_title_states_the_finding_in_the_language(study):
    facts = study.to_dict()
    best = next(o for o in facts["options"] if o["id"] == study.best)
    fr = charts.s_curves(study, "go_live", lang="fr").to_dict()
    title = " ".join(fr["title"]["text"])
    assert title.startswith(best["name"] + " est en service au plus tard le ")
    assert "avec 80\u202f% de confiance" in title
    en = charts.s_curves(study, "capex", lang="en").to_dict()
    assert " costs at most €" in " ".join(en["title"]["text"])
    assert fr["config"]["locale"]["number"]["decimal"] == ","
    assert fr["config"]["locale"]["time"]["months"][2] == "mars"


def test_budget_and_deadline_rules_follow_the_case(study):
    spec = charts.s_curves(study, "capex", lang="en").to_dict()
    rules = [layer for layer in _layers(spec) if "layer" in layer]
    assert rules  # the budget (capex basis) as a rule with its label
    budget = study.to_dict()["case"]["budget"]
    scale = 1e6
    assert rules[0]["layer"][0]["mark"]["type"] == "rule"
    assert rules[0]["data"]["values"][0]["x"] == pytest.approx(budget / scale)
    no_target = charts.s_curves(study, "tco", lang="en").to_dict()  # the budget is capex
    assert all("layer" not in layer for layer in _layers(no_target))


def test_a_saved_study_draws_the_same_chart(study, saved):
    live = charts.s_curves(study, "go_live", lang="fr").to_dict()
    loaded = charts.s_curves(saved, "go_live", lang="fr").to_dict()
    assert live == loaded


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_renders_to_svg_and_png_offline(study, lang):
    chart = charts.s_curves(study, "go_live", lang=lang)
    svg = charts.chart_to_svg(chart, lang)
    assert svg.startswith("<svg")
    assert ("juil." if lang == "fr" else "Jul") in svg
    png = charts.chart_to_png(chart, lang, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_output_is_named(study):
    with pytest.raises(ValueError, match="output must be capex, tco, finish or go_live"):
        charts.s_curves(study, "cost")
