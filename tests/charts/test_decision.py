"""Decision charts: ranking, SMAA, weight stability and profile read the study's appraisal and
robustness facts, in the study's colours, titles and locale; they render offline."""

from __future__ import annotations

import copy
import json

import pytest
import yaml

import decisionkit as dk
from decisionkit import charts, i18n
from decisionkit.charts import PALETTE
from decisionkit.charts.decision import CRITERION_PALETTE, TIPPING
from decisionkit.studies.sentences import weight_pair
from tests.conftest import VALID_YAML

CHARTS = {
    "ranking": charts.ranking,
    "smaa": charts.smaa,
    "weight_stability": charts.weight_stability,
    "profile": charts.profile,
}


def _study(edit=None, **settings):
    data = yaml.safe_load(VALID_YAML)
    if edit:
        edit(data)
    settings = {"iterations": 300, "seed": 3, "smaa_draws": 200, **settings}
    return dk.study(dk.Case.model_validate(data), **settings)


def _one_option(data):
    data["options"] = data["options"][:1]


def _cost_only(data):
    data["criteria"] = data["criteria"][:1]


def _no_criteria(data):
    del data["criteria"], data["method"]


def _identical(data):
    twin = copy.deepcopy(data["options"][0])
    twin.update(id="saas_bis", name="Solution SaaS bis")
    data["options"][1] = twin


def _no_risks(data):
    for option in data["options"]:
        option.pop("risks", None)
        option.pop("correlations", None)


@pytest.fixture(scope="module")
def edge():
    """Small studies of the edge cases (the case has no footprint, eco_design or skills)."""
    return {
        "one_option": _study(_one_option),
        "cost_only": _study(_cost_only),
        "no_criteria": _study(_no_criteria),
        "identical": _study(_identical),
        "no_risks": _study(_no_risks),
        "no_smaa": _study(smaa_draws=0),
        "vikor": _study(lambda d: d.update(method="vikor")),
    }


def _title(spec):
    return " ".join(spec["title"]["text"])


def _subtitle(spec):
    return " ".join(spec["title"]["subtitle"])


def _names(facts):
    return {o["id"]: o["name"] for o in facts["options"]}


def _criteria(facts):
    return [c["name"] for c in facts["appraisal"]["criteria"]]


# -- every chart --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", sorted(CHARTS))
def test_plain_data_with_the_locale_and_nothing_to_fetch(study, name, lang):
    spec = CHARTS[name](study, lang=lang).to_dict()
    assert spec["config"]["locale"]["number"]["decimal"] == ("," if lang == "fr" else ".")
    assert spec["title"]["text"]
    assert spec["title"]["subtitle"]
    fetchable = {k: v for k, v in spec.items() if k != "$schema"}  # $schema: a name only
    assert "http" not in json.dumps(fetchable)
    ids = {o["id"] for o in study.to_dict()["options"]} - set(_names(study.to_dict()).values())
    values = json.dumps([layer.get("data") for layer in spec["layer"]], ensure_ascii=False)
    assert not any(f'"{i}"' in values for i in ids)  # names, never ids


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_a_saved_study_draws_the_same_chart(study, saved, name):
    for lang in ("fr", "en"):
        assert CHARTS[name](study, lang=lang).to_dict() == CHARTS[name](saved, lang=lang).to_dict()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", sorted(CHARTS))
def test_renders_to_svg_and_png_offline(study, name, lang):
    chart = CHARTS[name](study, lang=lang)
    svg = charts.chart_to_svg(chart, lang)
    assert svg.startswith("<svg")
    assert charts.chart_to_png(chart, lang, scale=1)[:8] == b"\x89PNG\r\n\x1a\n"


# -- ranking ------------------------------------------------------------------------------


def test_ranking_stacks_the_points_of_each_criterion_in_rank_order(study):
    facts = study.to_dict()
    spec = charts.ranking(study, lang="en").to_dict()
    bars, notes = spec["layer"]
    assert bars["mark"]["type"] == "bar"
    enc = bars["encoding"]
    assert enc["x"] == {
        "aggregate": "sum",
        "field": "points",
        "type": "quantitative",
        "title": "Points (weight × normalised value)",
        "axis": {"format": ".2f"},
    }
    names = _names(facts)
    assert enc["y"]["sort"] == [names[r["option"]] for r in facts["appraisal"]["ranking"]]
    criteria = _criteria(facts)
    assert enc["color"]["field"] == "criterion"
    assert enc["color"]["scale"]["domain"] == criteria
    assert enc["color"]["scale"]["range"] == list(CRITERION_PALETTE[: len(criteria)])
    assert not set(CRITERION_PALETTE) & set(PALETTE)  # not to be read as options
    rows = bars["data"]["values"]
    assert len(rows) == len(facts["appraisal"]["contributions"])
    assert sorted(r["points"] for r in rows) == sorted(
        c["points"] for c in facts["appraisal"]["contributions"]
    )
    assert notes["mark"]["type"] == "text"
    texts = [n["note"] for n in notes["transform"][1]["from"]["data"]["values"]]
    first = facts["robustness"]["smaa"]["rank_acceptability"][
        facts["appraisal"]["ranking"][0]["option"]
    ][0]
    assert texts[0].endswith(f"P(first) {i18n.percent(first, 'en')}")


def test_ranking_title_names_the_leader_or_the_tie(study, edge):
    facts = study.to_dict()
    leader = facts["robustness"]["leader"]
    names = _names(facts)
    fr = _title(charts.ranking(study, lang="fr").to_dict())
    en = _title(charts.ranking(study, lang="en").to_dict())
    if leader["tied"]:
        assert "à égalité de fait (TOPSIS)" in fr
        assert "effectively tied (TOPSIS)" in en
    else:
        assert "arrive en tête (TOPSIS)" in fr
        assert "ranks first (TOPSIS)" in en
    assert names[leader["option"]] in fr
    assert names[leader["runner_up"]] in fr
    scores = {r["option"]: r["score"] for r in facts["appraisal"]["ranking"]}
    assert i18n.number(scores[leader["option"]], "fr", digits=3) in fr  # enough to tell apart
    twins = charts.ranking(edge["identical"], lang="en").to_dict()
    assert " are effectively tied (TOPSIS)" in _title(twins)  # either may lead by noise
    alone = charts.ranking(edge["one_option"], lang="fr").to_dict()
    assert _title(alone).startswith("Solution SaaS est la seule option étudiée")
    assert "P(1re)" not in json.dumps(alone, ensure_ascii=False)  # no SMAA for one option


def test_ranking_without_smaa_notes_only_the_score(edge):
    spec = charts.ranking(edge["no_smaa"], lang="fr").to_dict()
    notes = spec["layer"][1]["transform"][1]["from"]["data"]["values"]
    assert all(n["note"].startswith("score ") and "P(" not in n["note"] for n in notes)
    assert "probabilité" not in _subtitle(spec)


# -- SMAA ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_smaa_heatmap_has_a_cell_per_option_and_rank(study, lang):
    facts = study.to_dict()
    spec = charts.smaa(study, lang=lang).to_dict()
    cells, text = spec["layer"]
    assert cells["mark"]["type"] == "rect"
    assert text["mark"]["type"] == "text"
    acceptability = facts["robustness"]["smaa"]["rank_acceptability"]
    names = _names(facts)
    rows = spec["data"]["values"]  # the layers share it
    assert {(r["option"], r["rank"]): r["share"] for r in rows} == {
        (names[o], k + 1): s for o, shares in acceptability.items() for k, s in enumerate(shares)
    }
    assert text["encoding"]["text"] == {"field": "share", "type": "quantitative", "format": ".0%"}
    colour = text["encoding"]["color"]  # light text on dark cells, dark text on light ones
    assert colour["condition"] == {"test": "datum.share > 0.5", "value": "white"}
    assert cells["encoding"]["color"]["scale"] == {"scheme": "blues", "domain": [0, 1]}
    top = max(acceptability, key=lambda o: acceptability[o][0])
    share = i18n.percent(acceptability[top][0], lang)
    words = "est première dans" if lang == "fr" else "ranks first in"
    assert _title(spec).startswith(f"{names[top]} {words} {share}")
    assert i18n.number(facts["robustness"]["smaa"]["draws"], lang) in _subtitle(spec)


# -- weight stability ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_weight_stability_marks_today_and_the_tipping_criterion(study, lang):
    facts = study.to_dict()
    stab = facts["robustness"]["stability"]
    spec = charts.weight_stability(study, lang=lang).to_dict()
    _track, bars, today = spec["layer"]
    rows = spec["data"]["values"]
    assert [(r["low"], r["high"], r["weight"]) for r in rows] == [
        (x["low"], x["high"], x["weight"]) for x in stab["intervals"]
    ]
    assert bars["mark"]["type"] == "bar"
    assert today["mark"]["shape"] == "diamond"
    assert bars["encoding"]["x"]["axis"]["format"] == ".0%"  # percentages
    assert bars["encoding"]["x2"] == {"field": "high"}
    assert today["encoding"]["x"]["field"] == "weight"
    names = dict(
        zip((c["id"] for c in facts["appraisal"]["criteria"]), _criteria(facts), strict=True)
    )
    tipping = stab["tipping"]
    marked = [
        r["criterion"] for r in rows if r["kind"] == bars["encoding"]["color"]["scale"]["domain"][0]
    ]
    assert marked == [names[tipping["criterion"]]]
    assert bars["encoding"]["color"]["scale"]["range"][0] == TIPPING
    old, new = weight_pair(tipping["from"], tipping["to"], lang)
    assert names[tipping["criterion"]] in _title(spec)
    assert _title(spec).endswith(f"{old} à {new}" if lang == "fr" else f"{old} to {new}")


def test_weight_stability_without_a_tipping_change_says_so(saved):
    facts = copy.deepcopy(saved)
    facts["robustness"]["stability"]["tipping"] = None  # no single change dethrones the winner
    spec = charts.weight_stability(facts, lang="en").to_dict()
    assert _title(spec).startswith("No change of a single weight costs")
    assert spec["layer"][1]["encoding"]["color"]["legend"]["values"] == ["Other criteria"]


# -- profile ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_profile_draws_one_line_per_option_in_the_option_colours(study, lang):
    facts = study.to_dict()
    spec = charts.profile(study, lang=lang).to_dict()
    lines, points = spec["layer"]
    assert lines["mark"]["type"] == "line"
    assert points["mark"]["type"] == "point"
    names = [o["name"] for o in facts["options"]]
    colour = lines["encoding"]["color"]
    assert colour["scale"] == {"domain": names, "range": list(PALETTE[: len(names)])}
    same = charts.s_curves(study, "capex", lang=lang).to_dict()["layer"][0]["encoding"]["color"]
    assert colour["scale"] == same["scale"]  # the same colour per option in every chart
    x = lines["encoding"]["x"]
    assert [s.replace("\n", " ") for s in x["sort"]] == _criteria(facts)
    assert max(len(line) for s in x["sort"] for line in s.split("\n")) <= 24  # wrapped
    assert x["axis"]["labelExpr"] == "split(datum.label, '\\n')"
    assert lines["encoding"]["y"]["scale"] == {"domain": [0, 1]}
    rows = spec["data"]["values"]
    assert sorted(r["normalised"] for r in rows) == sorted(
        c["normalised"] for c in facts["appraisal"]["contributions"]
    )
    assert _title(spec) == i18n.t("chart.profile.title.none", lang)  # si-rh: none dominated


def test_profile_names_a_dominated_option_and_a_lone_one(edge):
    facts = edge["cost_only"].to_dict()
    dominated = {o: by for o, by in facts["appraisal"]["dominated"].items() if by}
    names = _names(facts)
    title = _title(charts.profile(edge["cost_only"], lang="fr").to_dict())
    o, by = next(iter(dominated.items()))  # with one criterion, the cheaper one dominates
    assert title.startswith(f"{names[o]} est dominée\u00a0: {names[by[0]]} fait au moins")
    alone = charts.profile(edge["one_option"], lang="en").to_dict()
    assert _title(alone) == "Profile of Solution SaaS, the only option studied"


# -- edge cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_a_study_without_criteria_is_refused_by_name(edge, name):
    with pytest.raises(ValueError, match=r"needs the study's criteria.*appraisal is null"):
        CHARTS[name](edge["no_criteria"], lang="fr")


@pytest.mark.parametrize(
    ("case", "name", "missing"),
    [
        ("one_option", "smaa", "robustness.smaa"),
        ("no_smaa", "smaa", "robustness.smaa"),
        ("one_option", "weight_stability", "robustness.stability"),
        ("vikor", "weight_stability", "robustness.stability"),
    ],
)
def test_missing_smaa_or_stability_is_named(edge, case, name, missing):
    with pytest.raises(ValueError, match=rf"needs {missing}, but the study has no"):
        CHARTS[name](edge[case], lang="en")


EDGES = [
    (case, name)
    for case in ("one_option", "cost_only", "identical", "no_risks")
    for name in sorted(CHARTS)
    if not (case == "one_option" and name in ("smaa", "weight_stability"))  # refused above
]


@pytest.mark.parametrize(("case", "name"), EDGES)
def test_edge_cases_render(edge, case, name):
    study = edge[case]
    facts = study.to_dict()
    for lang in ("fr", "en"):
        chart = CHARTS[name](study, lang=lang)
        assert charts.chart_to_svg(chart, lang).startswith("<svg")
    if name == "ranking":
        spec = chart.to_dict()
        assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == _criteria(facts)
