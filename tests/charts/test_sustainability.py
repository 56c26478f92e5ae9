"""Footprint, eco-design and skills charts: they draw the study's assessment facts, in the
study's colours, with the catalogue's titles and the locale's formats; they render offline."""

from __future__ import annotations

import copy
import json
import re

import pytest

import decisionkit as dk
from decisionkit import charts, i18n
from decisionkit.charts import PALETTE
from decisionkit.charts.sustainability import PART_COLOURS, ROUTE_COLOURS, ROUTES
from tests.conftest import ROOT

CHARTS = {
    "footprint": charts.footprint,
    "footprint_lines": charts.footprint_lines,
    "eco_design": charts.eco_design,
    "skills": charts.skills,
}
BLOCKS = ("footprint", "eco_design", "skills")


def _layers(spec):
    """Every unit spec of a chart (layers, and the layers of a facet), depth first."""
    inner = spec.get("spec", spec)
    if "layer" not in inner:
        return [inner]
    return [unit for layer in inner["layer"] for unit in _layers(layer)]


def _values(spec):
    """The rows of each unit spec (a facet's rows are at its top)."""
    top = spec.get("data", {}).get("values")
    return [unit.get("data", {}).get("values", top) for unit in _layers(spec)]


def _option_scales(spec):
    return [
        channel["scale"]
        for unit in _layers(spec)
        for name, channel in unit.get("encoding", {}).items()
        if name in ("color", "fill") and channel.get("field") == "option"
    ]


def _title(spec):
    return " ".join(spec["title"]["text"])


def _subtitle(spec):
    return " ".join(spec["title"].get("subtitle", []))


def _study(edit):
    data = dk.load_case(ROOT / "examples" / "si-rh.yaml").to_data()
    edit(data)
    settings = {"iterations": 200, "seed": 3, "smaa_draws": 0, "contributions": False}
    return dk.study(dk.Case.model_validate(data), **settings)


def _one_option(data):
    data["options"] = data["options"][:1]


def _without_blocks(data):  # the third option has no footprint, eco-design or skills
    for block in BLOCKS:
        del data["options"][2][block]
    data["criteria"] = [c for c in data["criteria"] if c["id"] not in ("carbone", "competences")]


def _no_blocks(data):
    for option in data["options"]:
        for block in BLOCKS:
            del option[block]
    del data["legacy_footprint"], data["carbon_price"]
    data["criteria"] = data["criteria"][:1]


def _identical(data):
    twin = copy.deepcopy(data["options"][0])
    twin.update(id="saas_bis", name="SIRH SaaS bis")
    data["options"][1:] = [twin]


def _no_risks(data):
    for option in data["options"]:
        option.pop("risks", None)
        option.pop("correlations", None)


def _cost_only(data):
    data["criteria"] = data["criteria"][:1]


def _no_criteria(data):
    del data["criteria"]


EDGES = {
    "one": _one_option,
    "without": _without_blocks,
    "none": _no_blocks,
    "identical": _identical,
    "no_risks": _no_risks,
    "cost_only": _cost_only,
    "no_criteria": _no_criteria,
}


@pytest.fixture(scope="module")
def edge():
    """Small studies of edited copies of si-rh, built once each."""
    built = {}

    def get(name):
        if name not in built:
            built[name] = _study(EDGES[name])
        return built[name]

    return get


# -- every chart ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", CHARTS)
def test_options_keep_their_colours_and_nothing_is_fetched(study, name, lang):
    spec = CHARTS[name](study, lang=lang).to_dict()
    names = [o["name"] for o in study.to_dict()["options"]]
    scales = _option_scales(spec)
    assert scales
    assert all(s == {"domain": names, "range": list(PALETTE[:3])} for s in scales)
    fetchable = {k: v for k, v in spec.items() if k != "$schema"}
    assert "http" not in json.dumps(fetchable)
    assert spec["config"]["locale"]["number"]["decimal"] == ("," if lang == "fr" else ".")
    assert all(values for values in _values(spec))  # summarised rows, never empty


@pytest.mark.parametrize("name", CHARTS)
def test_a_saved_study_draws_the_same_chart(study, saved, name):
    assert CHARTS[name](study, lang="fr").to_dict() == CHARTS[name](saved, lang="fr").to_dict()


@pytest.mark.parametrize("name", CHARTS)
def test_renders_to_svg_and_png_offline(study, name):
    for lang in ("fr", "en"):
        svg = charts.chart_to_svg(CHARTS[name](study, lang=lang), lang)
        assert svg.startswith("<svg")
    png = charts.chart_to_png(CHARTS[name](study, lang="fr"), "fr", scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


# -- footprint --------------------------------------------------------------------------------
def test_footprint_stacks_the_mean_of_each_part_with_the_p10_p90_range(study):
    facts = study.to_dict()
    spec = charts.footprint(study, lang="fr").to_dict()
    bars, whisker, *_ = _layers(spec)
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["x"]["stack"] == "zero"
    assert whisker["mark"]["type"] == "errorbar"
    assert whisker["encoding"]["x2"]["field"] == "high"
    assert bars["encoding"]["x"]["title"] == "Émissions de gaz à effet de serre (tCO2e)"
    parts = bars["encoding"]["color"]["scale"]
    assert "Terminaux des utilisateurs" in parts["domain"]  # parts by their catalogue names
    assert set(parts["range"]) <= set(PART_COLOURS.values())
    saas = next(o for o in facts["options"] if o["id"] == "saas")
    fp = saas["footprint"]["parts"]
    row = next(r for r in _values(spec)[0] if r["part"] == "Terminaux des utilisateurs")
    assert row["option"] == saas["name"]
    assert row["x"] == pytest.approx(fp["devices"]["mean"] / 1000)
    rng = _values(spec)[1][0]
    assert (rng["low"], rng["high"]) == pytest.approx(
        (fp["total"]["p10"] / 1000, fp["total"]["p90"] / 1000)
    )
    assert rng["text"] == i18n.value(fp["total"]["mean"], "kgCO2e", "fr")
    lowest = min(facts["options"], key=lambda o: o["footprint"]["parts"]["total"]["mean"])
    assert _title(spec).startswith(f"{lowest['name']} a l’empreinte carbone la plus faible\u00a0:")
    en = charts.footprint(study, lang="en").to_dict()
    assert _title(en).startswith(f"{lowest['name']} has the lowest carbon footprint: ")
    assert _layers(en)[0]["encoding"]["x"]["title"] == "Greenhouse gas emissions (tCO2e)"
    assert "User devices" in _layers(en)[0]["encoding"]["color"]["scale"]["domain"]


def test_footprint_lines_show_the_largest_lines_of_the_recommended_option(study):
    facts = study.to_dict()
    best = next(o for o in facts["options"] if o["id"] == study.best)
    spec = charts.footprint_lines(study, lang="en", top=3).to_dict()
    bars, values = _layers(spec)
    rows = _values(spec)[0]
    lines = best["footprint"]["lines"][:3]
    assert [r["x"] for r in rows] == pytest.approx([line["kgco2e"] / 1000 for line in lines])
    assert {r["option"] for r in rows} == {best["name"]}
    label_expr = bars["encoding"]["y"]["axis"]["labelExpr"]
    assert lines[0]["line"].split()[0] in label_expr  # names, wrapped, on the axis
    assert values["mark"]["type"] == "text"
    top = lines[0]
    assert _title(spec).startswith(f"The largest source of emissions of {best['name']}: “")
    assert i18n.value(top["kgco2e"], "kgCO2e", "en") in _title(spec)
    assert _subtitle(spec).startswith("The 3 largest lines of the inventory")
    one = charts.footprint_lines(study, "build", lang="fr", top=1).to_dict()
    assert _subtitle(one).startswith("La plus grande ligne de l’inventaire")
    assert "Développement interne" in _title(one)


def test_footprint_lines_tell_apart_two_lines_of_the_same_equipment(study):
    spec = charts.footprint_lines(study, "build", lang="fr").to_dict()
    rows = _values(spec)[0]
    named = [r["line"] for r in rows if r["line"].startswith("Serveurs neufs")]
    assert len(named) == 2
    assert len(set(named)) == 2  # « … (Fabrication des équipements) », « … (Énergie consommée) »


def test_footprint_lines_reject_an_unknown_option_or_top(study):
    with pytest.raises(ValueError, match="no option 'cloud' in the study; options: saas"):
        charts.footprint_lines(study, "cloud")
    with pytest.raises(ValueError, match="top must be 1 or more"):
        charts.footprint_lines(study, top=0)


# -- eco-design -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_eco_design_shows_each_family_and_not_applicable_rather_than_zero(study, lang):
    facts = study.to_dict()
    spec = charts.eco_design(study, lang=lang).to_dict()
    bars, _, empty = _layers(spec)
    assert bars["mark"]["type"] == "bar"
    rows = _values(spec)[0]
    families = [f["family"] for f in facts["options"][0]["eco_design"]["families"]]
    overall = "Score global" if lang == "fr" else "Overall score"
    assert bars["encoding"]["y"]["sort"] == [overall, *families]  # French names, in both
    assert "9 Algorithmie" in families
    algo = [r for r in rows if r["family"] == "9 Algorithmie"]
    assert {r["score"] for r in algo} == {None}  # not 0
    assert {r["text"] for r in algo} == {"sans objet" if lang == "fr" else "not applicable"}
    assert empty["transform"] == [{"filter": "datum.score === null"}]
    build = next(o for o in facts["options"] if o["id"] == "build")
    row = next(r for r in rows if r["option"] == build["name"] and r["family"] == "1 Stratégie")
    assert row["score"] == build["eco_design"]["families"][0]["score"]
    assert row["text"] == i18n.number(row["score"], lang)
    best = max(facts["options"], key=lambda o: o["eco_design"]["score"])
    score = i18n.number(best["eco_design"]["score"], lang)
    expected = {
        "fr": f"{best['name']} est la plus écoconçue\u00a0: score RGESN de {score} sur 100",
        "en": f"{best['name']} is the most eco-designed: RGESN score of {score} out of 100",
    }
    assert _title(spec) == expected[lang]


# -- skills -----------------------------------------------------------------------------------
def test_skills_stack_each_need_by_the_way_it_is_met(study):
    facts = study.to_dict()
    spec = charts.skills(study, lang="fr").to_dict()
    assert spec["facet"]["row"]["field"] == "option"
    assert spec["resolve"]["scale"]["y"] == "independent"
    stacked, _ = _layers(spec)
    routes = stacked["encoding"]["color"]["scale"]
    assert routes == {
        "domain": ["Équipe interne", "Formation", "Recrutement", "Prestation externe"],
        "range": list(ROUTE_COLOURS),
    }
    rows = spec["data"]["values"]
    build = next(o for o in facts["options"] if o["id"] == "build")
    need = build["skills"]["lines"][1]  # B.1: trained and contracted
    key = sum(len(o["skills"]["lines"]) for o in facts["options"][:1]) + 1
    assert facts["options"][1]["id"] == "build"
    got = {r["route"]: r["fte"] for r in rows if r.get("route") and r["need"] == key}
    labels = routes["domain"]
    assert got == {lab: need[field] for lab, field in zip(labels, ROUTES.values(), strict=True)}
    assert "B.1 Application Development (projet)" in stacked["encoding"]["y"]["axis"]["labelExpr"]
    end = next(r for r in rows if r.get("route") is None and r["need"] == key)
    assert end["text"] == "6\u00a0ETP"
    worst = max(facts["options"], key=lambda o: o["skills"]["totals"]["gap_fte"])
    assert _title(spec).startswith(
        f"{worst['name']} manque le plus de compétences\u00a0: 13\u00a0ETP"
    )
    en = charts.skills(study, lang="en").to_dict()
    assert "(run)" in _layers(en)[0]["encoding"]["y"]["axis"]["labelExpr"]
    assert _title(en).endswith("13\u00a0FTE to find outside the in-house team")


def test_skills_title_when_the_team_covers_everything(saved):
    facts = copy.deepcopy(saved)
    for option in facts["options"]:
        option["skills"]["totals"]["gap_fte"] = 0.0
    title = _title(charts.skills(facts, lang="en").to_dict())
    assert title == "The in-house team covers every skills need of the options"


# -- edge cases -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", CHARTS)
def test_one_option(edge, name):
    st = edge("one")
    spec = CHARTS[name](st, lang="fr").to_dict()
    assert _option_scales(spec)[0] == {"domain": ["SIRH SaaS du marché"], "range": [PALETTE[0]]}
    assert _title(spec).startswith(("SIRH SaaS du marché", "Plus grande source"))
    charts.chart_to_svg(CHARTS[name](st, lang="en"), "en")


def test_one_option_titles(edge):
    st = edge("one")
    footprint = _title(charts.footprint(st, lang="fr").to_dict())
    largest = "dont [0-9]+\u202f% pour le poste «\u202fTerminaux des utilisateurs\u202f»"
    assert re.search(largest, footprint)
    eco = _title(charts.eco_design(st, lang="en").to_dict())
    assert eco.startswith("SIRH SaaS du marché: RGESN eco-design score of ")
    assert _title(charts.skills(st, lang="en").to_dict()) == (
        "SIRH SaaS du marché: 3\u00a0FTE to find outside the in-house team"
    )


@pytest.mark.parametrize("name", ["footprint", "eco_design", "skills"])
def test_an_option_without_the_block_is_left_out_and_named(edge, name):
    st = edge("without")
    left_out = st.to_dict()["options"][2]["name"]
    spec = CHARTS[name](st, lang="fr").to_dict()
    rows = [row for values in _values(spec) for row in values]
    assert left_out not in {r.get("option") for r in rows}
    assert _subtitle(spec).endswith(f"\u00a0: {left_out}")
    en = CHARTS[name](st, lang="en").to_dict()
    assert _subtitle(en).endswith(f": {left_out}")
    assert "no " in _subtitle(en)
    charts.chart_to_svg(CHARTS[name](st, lang="fr"), "fr")


def test_footprint_lines_of_an_option_without_a_footprint(edge):
    st = edge("without")
    with pytest.raises(ValueError, match="option 'extend' has no footprint block"):
        charts.footprint_lines(st, "extend")


@pytest.mark.parametrize("name", CHARTS)
def test_no_block_at_all_is_a_clear_error(edge, name):
    block = {"footprint_lines": "footprint"}.get(name, name)
    with pytest.raises(ValueError, match=f"none of the study's options has the `{block}` block"):
        CHARTS[name](edge("none"))


def test_identical_options_are_level(edge):
    st = edge("identical")
    eco = _title(charts.eco_design(st, lang="fr").to_dict())
    assert eco.startswith("SIRH SaaS du marché et SIRH SaaS bis sont à égalité en écoconception")
    footprint = _title(charts.footprint(st, lang="en").to_dict())
    assert "has the lowest mean carbon footprint" in footprint  # by a Monte Carlo hair
    assert re.search(r"but SIRH SaaS (du marché|bis) is close: ", footprint)
    skills = _title(charts.skills(st, lang="en").to_dict())
    assert skills.startswith("SIRH SaaS du marché and SIRH SaaS bis lack as many skills: 3")
    for chart in CHARTS.values():
        charts.chart_to_svg(chart(st, lang="fr"), "fr")


@pytest.mark.parametrize("case", ["no_risks", "cost_only", "no_criteria"])
def test_no_risks_and_few_or_no_criteria(edge, case):
    st = edge(case)
    for name, chart in CHARTS.items():
        spec = chart(st, lang="en").to_dict()
        assert _title(spec), name
        charts.chart_to_svg(chart(st, lang="en"), "en")
    if case == "no_criteria":  # no ranking: the first option's lines
        title = _title(charts.footprint_lines(st, lang="en").to_dict())
        assert title.startswith("The largest source of emissions of SIRH SaaS du marché: ")


def test_footprint_lines_of_an_empty_inventory(saved):
    facts = copy.deepcopy(saved)
    facts["options"][0]["footprint"]["lines"] = []
    chart = charts.footprint_lines(facts, "saas", lang="fr")
    title = _title(chart.to_dict())
    assert title == "SIRH SaaS du marché\u00a0: l’inventaire de l’empreinte n’a aucune ligne"
    assert charts.chart_to_svg(chart, "fr").startswith("<svg")
