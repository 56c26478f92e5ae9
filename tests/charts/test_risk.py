"""Risk charts: plain data with the study's colours, titles and locale; they render offline."""

from __future__ import annotations

import json

import pytest

from decisionkit import charts, i18n
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


# -- distribution and joint confidence --------------------------------------------------------

import copy  # noqa: E402

import yaml  # noqa: E402

import decisionkit as dk  # noqa: E402
from decisionkit.charts.risk import _calendar  # noqa: E402
from tests.charts._helpers import mark as _mark  # noqa: E402
from tests.charts._helpers import offline as _offline  # noqa: E402
from tests.charts._helpers import title as _title  # noqa: E402
from tests.charts._helpers import units as _units  # noqa: E402
from tests.conftest import VALID_YAML  # noqa: E402


def _colour_scale(spec):
    scales = [
        u["encoding"]["color"]["scale"]
        for u in _units(spec)
        if "color" in u.get("encoding", {}) and u["encoding"]["color"].get("field") == "option"
    ]
    assert scales, "no option colour"
    return scales[0]


@pytest.fixture(scope="module")
def small():
    """A small study of tests/conftest.py's case with a budget and a deadline (k€ amounts)."""
    data = yaml.safe_load(VALID_YAML)
    data.update(budget=900_000, deadline="2028-01-31")
    return dk.study(dk.Case.model_validate(data), iterations=300, seed=3, smaa_draws=0)


def _edge(name):
    data = yaml.safe_load(VALID_YAML)
    if name == "one_option":
        data["options"] = data["options"][:1]
        data["criteria"] = data["criteria"][:1]
    elif name == "no_risks":
        for o in data["options"]:
            o.pop("risks", None)
    elif name == "cost_only":
        data["criteria"] = [{"id": "cost", "from": "tco.p80", "direction": "min", "weight": 1}]
    elif name == "no_criteria":
        data.pop("criteria")
    elif name == "identical":  # the same option twice, under the same name
        twin = copy.deepcopy(data["options"][0])
        twin["id"] = "saas2"
        data["options"] = [data["options"][0], twin]
    elif name == "no_start":
        data.pop("start")
    return dk.Case.model_validate(data)


EDGES = ("one_option", "no_risks", "cost_only", "no_criteria", "identical", "no_start")


@pytest.fixture(scope="module", params=EDGES)
def edge(request):
    case = _edge(request.param)
    return request.param, dk.study(case, iterations=200, seed=2, smaa_draws=0)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("output", ["capex", "tco", "go_live", "finish"])
def test_distribution_has_a_row_of_bins_per_option_in_the_study_colours(study, output, lang):
    facts = study.to_dict()
    spec = charts.distribution(study, output, lang=lang).to_dict()
    names = [o["name"] for o in facts["options"]]
    assert spec["facet"]["row"]["field"] == "option"
    assert spec["facet"]["row"]["sort"] == names
    assert _colour_scale(spec) == {"domain": names, "range": list(PALETTE[:3])}
    marks = [_mark(u) for u in _units(spec)]
    assert marks == ["rect", "rect", "rule", "rule", "text"]  # band, bins, median, target
    bins = [r for r in spec["data"]["values"] if r["layer"] == "bin"]
    assert len(bins) == 40 * len(names)
    first = facts["options"][0]["outputs"][output]["histogram"]
    mine = [r for r in bins if r["option"] == names[0]]
    assert [r["share"] for r in mine] == pytest.approx(
        [c / sum(first["counts"]) for c in first["counts"]]
    )
    x = _units(spec)[1]["encoding"]["x"]
    if output in ("go_live", "finish"):  # the case has a start: dates
        assert x["type"] == "temporal"
        assert mine[0]["x"] == facts["options"][0]["outputs"][output]["s_curve"]["date"][0]
    else:
        assert x["type"] == "quantitative"
        assert x["title"].endswith("(M€)" if lang == "fr" else "(€M)")
    _offline(spec)


def test_distribution_titles_state_the_p10_p90_range_in_both_languages(study):
    fr = _title(charts.distribution(study, "tco", lang="fr").to_dict())
    en = _title(charts.distribution(study, "tco", lang="en").to_dict())
    assert fr.startswith("Le coût complet de SIRH SaaS du marché se situe entre ")
    assert fr.endswith(" dans 80\u202f% des itérations")
    assert "\u00a0M€ et " in fr
    assert en.startswith("The total cost of SIRH SaaS du marché lies between €")
    go = _title(charts.distribution(study, "go_live", lang="fr").to_dict())
    assert go.startswith("La mise en service de SIRH SaaS du marché a lieu entre le ")
    spec = charts.distribution(study, "capex", lang="fr").to_dict()
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["title"]["subtitle"][0].startswith("Histogramme\u00a0: part des itérations")


def test_distribution_marks_the_budget_of_its_basis_and_the_deadline(study):
    facts = study.to_dict()
    spec = charts.distribution(study, "capex", lang="en").to_dict()
    targets = [r for r in spec["data"]["values"] if r["layer"] == "target"]
    assert [r["x"] for r in targets] == pytest.approx([facts["case"]["budget"] / 1e6] * 3)
    assert {r["text"] for r in targets} == {"Budget"}
    spec = charts.distribution(study, "tco", lang="en").to_dict()  # the budget is on capex
    assert not [r for r in spec["data"]["values"] if r["layer"] == "target"]
    spec = charts.distribution(study, "go_live", lang="fr").to_dict()
    targets = [r for r in spec["data"]["values"] if r["layer"] == "target"]
    assert {r["x"] for r in targets} == {facts["case"]["deadline"]}
    assert {r["text"] for r in targets} == {"Échéance"}


def test_the_calendar_gives_the_dates_of_the_facts(study):
    facts = study.to_dict()
    date = _calendar(facts)
    for o in facts["options"]:
        for output in ("finish", "go_live"):
            out = o["outputs"][output]
            curve = out["s_curve"]
            assert [date(v) for v in curve["value"]] == curve["date"]
            assert date(out["plan"]) == out["dates"]["plan"]
            assert date(out["histogram"]["edges"][0]) == curve["date"][0]


def test_distribution_without_a_start_counts_working_days():
    st = dk.study(_edge("no_start"), iterations=200, seed=2, smaa_draws=0, contributions=False)
    spec = charts.distribution(st, "go_live", lang="fr").to_dict()
    x = _units(spec)[1]["encoding"]["x"]
    assert x["type"] == "quantitative"
    assert x["title"] == "Mise en service (jours ouvrés)"
    assert "\u00a0jours ouvrés après le début " in _title(spec)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_joint_confidence_draws_the_sample_the_rules_and_the_jcl(study, lang):
    facts = study.to_dict()
    best = next(o for o in facts["options"] if o["id"] == study.best)
    spec = charts.joint_confidence(study, lang=lang).to_dict()
    units = _units(spec)
    points = next(u for u in units if _mark(u) == "circle")
    assert len(points["data"]["values"]) == len(best["joint"]["sample"]["capex"]) <= 1_000
    assert points["encoding"]["x"]["type"] == "temporal"
    assert points["encoding"]["color"]["scale"]["domain"] == [o["name"] for o in facts["options"]]
    rules = [u for u in units if _mark(u) == "rule"]
    assert len(rules) == 2  # budget and deadline
    jcl = i18n.percent(best["targets"]["joint"], lang)
    title = _title(spec)
    assert jcl in title
    if lang == "fr":
        assert title.startswith("SIRH SaaS du marché tient à la fois le budget et l’échéance")
        assert points["encoding"]["y"]["title"] == "Investissement (M€)"
    else:
        assert title.startswith("SIRH SaaS du marché meets both the budget and the deadline")
    texts = [u["data"]["values"][0]["text"] for u in units if _mark(u) == "text"]
    assert any(jcl in t for t in texts)  # printed in the shaded area
    _offline(spec)


def test_joint_confidence_of_a_named_option(study):
    spec = charts.joint_confidence(study, "build", lang="en").to_dict()
    assert _title(spec).startswith("Développement interne sur socle open source meets both")
    assert charts.joint_confidence(study, "Développement interne sur socle open source").to_dict()
    with pytest.raises(ValueError, match="no option 'nope' in the study; have saas, build, extend"):
        charts.joint_confidence(study, "nope")


def test_joint_confidence_draws_the_go_live_frontier_of_the_facts(study, saved):
    facts = copy.deepcopy(study.to_dict())
    best = next(o for o in facts["options"] if o["id"] == study.best)
    spec = charts.joint_confidence(facts, lang="fr").to_dict()
    (line,) = _lines(spec)
    drawn = [p for p in best["joint"]["go_live_frontier"] if p["capex"] is not None]
    assert len(line["data"]["values"]) == len(drawn)
    assert "courbe\u00a0: investissement et date tenus ensemble avec 80\u202f% de confiance" in (
        " ".join(spec["title"]["subtitle"])
    )
    best["joint"]["go_live_frontier"] = []  # a study without one: no curve, the rest drawn
    assert not _lines(charts.joint_confidence(facts, lang="en").to_dict())
    assert charts.joint_confidence(saved, lang="fr").to_dict() == spec


def _lines(spec):
    return [u for u in _units(spec) if _mark(u) == "line"]


def test_joint_confidence_in_thousands_with_a_small_budget(small):
    spec = charts.joint_confidence(small, "saas", lang="en").to_dict()
    points = next(u for u in _units(spec) if _mark(u) == "circle")
    assert points["encoding"]["y"]["title"] == "Capex (€k)"
    assert points["encoding"]["y"]["axis"]["format"] == ",.0f"


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["distribution", "joint_confidence"])
def test_the_new_risk_charts_render_to_svg_and_png_offline(study, name, lang):
    chart = getattr(charts, name)(study, lang=lang)
    svg = charts.chart_to_svg(chart, lang)
    assert svg.startswith("<svg")
    png = charts.chart_to_png(chart, lang, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", ["distribution", "joint_confidence"])
def test_a_saved_study_draws_the_same_new_risk_charts(study, saved, name):
    fn = getattr(charts, name)
    assert fn(study, lang="fr").to_dict() == fn(saved, lang="fr").to_dict()


@pytest.mark.parametrize("name", ["distribution", "joint_confidence"])
def test_the_new_risk_charts_survive_the_edge_cases(edge, name):
    case, st = edge
    facts = st.to_dict()
    names = [o["name"] for o in facts["options"]]
    for lang in ("fr", "en"):
        chart = getattr(charts, name)(st, lang=lang)
        spec = chart.to_dict()
        domain = _colour_scale(spec)["domain"]
        assert len(set(domain)) == len(names)  # twins told apart, never merged
        assert charts.chart_to_png(chart, lang, scale=1)[:4] == b"\x89PNG"
    if case == "identical":
        assert domain == ["Solution SaaS (saas)", "Solution SaaS (saas2)"]


def test_distribution_refuses_an_unknown_output(study):
    with pytest.raises(ValueError, match="output must be capex, tco, finish or go_live"):
        charts.distribution(study, "cost")


def test_a_standalone_page_loads_nothing_from_a_network(study):
    import re

    page = charts.chart_to_html(charts.s_curves(study, "go_live", lang="fr"), "fr")
    assert "<script" in page
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?https?://""", page)
    assert '"months": ["janvier"' in page  # the locale travels in the spec


def test_notebooks_show_charts_as_svg_drawn_here(study):
    import altair as alt

    before = alt.renderers.active
    try:
        charts.display_offline()
        bundle = charts.s_curves(study, "go_live", lang="fr")._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        assert list(bundle) == ["image/svg+xml"]
        assert "juil." in bundle["image/svg+xml"]
    finally:
        alt.renderers.enable(before)
