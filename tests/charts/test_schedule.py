"""Drivers, criticality, risk contributions and the outside view: names (not ids), the study's
colours, the catalogue's titles in both languages; they render offline and survive thin cases."""

from __future__ import annotations

import copy

import pytest
import yaml

import decisionkit as dk
from decisionkit import charts, i18n
from decisionkit.charts import PALETTE
from decisionkit.charts.schedule import KIND_COLOURS, KIND_GROUP
from tests.charts._helpers import mark as _mark
from tests.charts._helpers import offline as _offline
from tests.charts._helpers import title as _title
from tests.charts._helpers import units as _units
from tests.conftest import VALID_YAML

CHARTS = ("tornado", "criticality", "risk_contributions", "outside_view")


def _option_scale(spec):
    return next(
        u["encoding"]["color"]["scale"]
        for u in _units(spec)
        if u.get("encoding", {}).get("color", {}).get("field") == "option"
    )


def _case(**changes):
    data = yaml.safe_load(VALID_YAML)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def _edge(name):
    data = _case()
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
    return dk.Case.model_validate(data)


@pytest.fixture(
    scope="module", params=["one_option", "no_risks", "cost_only", "no_criteria", "identical"]
)
def edge(request):
    return request.param, dk.study(_edge(request.param), iterations=200, seed=2, smaa_draws=0)


@pytest.fixture(scope="module")
def mitigated():
    """The small case simulated with its mitigations: contributions before and after."""
    return dk.study(_edge("no_criteria"), iterations=300, seed=4, smaa_draws=0, mitigated=True)


# -- tornado -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("output", ["finish", "capex", "tco"])
def test_tornado_names_the_drivers_and_colours_them_by_kind(study, output, lang):
    facts = study.to_dict()
    best = next(o for o in facts["options"] if o["id"] == study.best)
    spec = charts.tornado(study, output=output, lang=lang).to_dict()
    bars, zero = _units(spec)
    assert (_mark(bars), _mark(zero)) == ("bar", "rule")
    rows = bars["data"]["values"]
    drivers = best["drivers"][output]
    assert [r["label"] for r in rows] == [
        i18n.t("label.input", lang, element=d["name"], kind=i18n.t(f"kind.{d['kind']}", lang))
        for d in drivers
    ]
    assert [r["spearman"] for r in rows] == [d["spearman"] for d in drivers]
    colour = bars["encoding"]["color"]
    kinds = [i18n.t(f"chart.tornado.kind.{k}", lang) for k in ("duration", "cost", "risk")]
    assert colour["scale"] == {"domain": kinds, "range": list(KIND_COLOURS)}
    assert not set(KIND_COLOURS) & set(PALETTE)  # never taken for an option
    groups = {KIND_GROUP[d["kind"]] for d in drivers}
    assert {r["kind"] for r in rows} == {i18n.t(f"chart.tornado.kind.{g}", lang) for g in groups}
    assert bars["encoding"]["y"]["sort"] == [r["input"] for r in rows]  # strongest first
    _offline(spec)


def test_tornado_title_names_the_strongest_driver(study):
    fr = charts.tornado(study, lang="fr").to_dict()
    assert _title(fr) == (
        "«\u202fProcédure d'appel d'offres ouvert\u202f» (durée) pèse le plus sur la date de fin "
        "de SIRH SaaS du marché"
    )
    assert fr["layer"][0]["encoding"]["x"]["title"] == "Corrélation de rang avec la date de fin"
    en = charts.tornado(study, "build", "capex", lang="en", top=3).to_dict()
    assert _title(en).endswith(
        "weighs most on the capex of Développement interne sur socle open source"
    )
    assert len(en["layer"][0]["data"]["values"]) == 3


def test_tornado_refuses_an_output_without_drivers(study):
    with pytest.raises(ValueError, match="output must be capex, tco or finish"):
        charts.tornado(study, output="go_live")


# -- criticality ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_criticality_draws_the_most_critical_tasks_in_the_option_colour(study, lang):
    facts = study.to_dict()
    spec = charts.criticality(study, "build", lang=lang, top=5).to_dict()
    units = _units(spec)
    assert [_mark(u) for u in units] == ["bar", "rule", "text"]
    rows = units[0]["data"]["values"]
    build = facts["options"][1]
    assert [r["name"] for r in rows] == [t["name"] for t in build["criticality"][:5]]
    assert {r["option"] for r in rows} == {build["name"]}
    names = [o["name"] for o in facts["options"]]
    assert _option_scale(spec) == {"domain": names, "range": list(PALETTE[:3])}
    assert units[0]["encoding"]["x"]["scale"]["domain"] == [0, 1]
    count = sum(t["criticality"] > 0.5 for t in build["criticality"])
    total = len(build["criticality"])
    if lang == "fr":
        assert _title(spec) == (
            f"{count} tâches sur {total} de Développement interne sur socle open source sont "
            "critiques dans plus de la moitié des itérations"
        )
        assert spec["title"]["subtitle"][0].startswith(
            f"Les 5 tâches les plus critiques sur {total}"
        )
    else:
        assert _title(spec).startswith(f"{count} of the {total} tasks of Développement interne")
    _offline(spec)


# -- risk contributions --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_risk_contributions_two_panels_cost_and_delay(study, lang):
    facts = study.to_dict()
    best = next(o for o in facts["options"] if o["id"] == study.best)
    before = best["risk_contributions"]["before_mitigation"]
    spec = charts.risk_contributions(study, lang=lang).to_dict()
    left, right = spec["hconcat"]
    bars = left["layer"][0]
    rows = bars["data"]["values"]
    assert [r["name"] for r in rows] == [r["name"] for r in before]
    assert [r["capex"] for r in rows] == pytest.approx([r["capex_p80"] / 1e3 for r in before])
    assert [r["finish"] for r in rows] == [r["finish_p80"] for r in before]
    assert bars["encoding"]["x"]["field"] == "capex"
    assert right["layer"][0]["encoding"]["x"]["field"] == "finish"
    assert right["layer"][0]["encoding"]["y"]["axis"]["labels"] is False  # the rows, once
    assert "yOffset" not in bars["encoding"]  # no mitigation in this study
    if lang == "fr":
        assert bars["encoding"]["x"]["title"] == "Hausse de l’investissement au P80 (k€)"
        assert (
            right["layer"][0]["encoding"]["x"]["title"] == "Retard de la fin au P80 (jours ouvrés)"
        )
        assert _title(spec).startswith(f"«\u202f{before[0]['name']}\u202f» ajoute le plus au P80")
    else:
        assert bars["encoding"]["x"]["title"] == "Increase of the P80 capex (€k)"
    _offline(spec)


def test_risk_contributions_before_and_after_mitigation(mitigated):
    facts = mitigated.to_dict()
    saas = facts["options"][0]
    spec = charts.risk_contributions(mitigated, "saas", lang="fr").to_dict()
    bars = spec["hconcat"][0]["layer"][0]
    phases = [r["phase"] for r in bars["data"]["values"]]
    assert phases == ["avant réduction", "après réduction"]
    assert bars["encoding"]["yOffset"]["field"] == "phase"
    assert bars["encoding"]["opacity"]["scale"]["domain"] == phases
    after = saas["risk_contributions"]["after_mitigation"][0]
    assert bars["data"]["values"][1]["finish"] == after["finish_p80"]
    assert "après réduction\u00a0: " in _title(spec)
    assert spec["title"]["subtitle"][0].startswith(
        "Hausse du P80 due à chaque risque, avant et après"
    )


def test_risk_contributions_say_why_there_are_none():
    st = dk.study(_edge("no_risks"), iterations=100, seed=1, smaa_draws=0)
    spec = charts.risk_contributions(st, lang="fr").to_dict()
    assert spec["data"]["values"] == [{"text": "Aucun risque modélisé pour cette option"}]
    off = dk.study(_edge("one_option"), iterations=100, seed=1, smaa_draws=0, contributions=False)
    spec = charts.risk_contributions(off, lang="en").to_dict()
    assert "contributions=False" in spec["data"]["values"][0]["text"]


# -- outside view --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_outside_view_sets_each_option_beside_the_published_classes(study, lang):
    facts = study.to_dict()
    spec = charts.outside_view(study, lang=lang).to_dict()
    rows = spec["data"]["values"]
    names = [o["name"] for o in facts["options"]]
    assert _option_scale(spec) == {"domain": names, "range": list(PALETTE[:3])}
    panels = spec["facet"]["row"]["sort"]
    assert len(panels) == 4
    simulated = [r for r in rows if r["kind"] == "simulated"]
    assert len(simulated) == 4 * len(names)  # one bar per option and statistic
    saas = facts["options"][0]["outside_view"]
    mean_cost = next(r for r in saas if r["statistic"] == "mean cost overrun")
    first = next(r for r in simulated if r["option"] == names[0])
    assert first["value"] == mean_cost["simulated"]
    published = {r["value"] for r in rows if r["kind"] == "published"}
    assert published == {0.27, 2.0, 0.7, 0.108, 0.191}
    assert spec["resolve"]["scale"] == {"x": "independent", "y": "independent"}
    if lang == "fr":
        assert panels == [
            "Dépassement moyen du coût",
            "Dépassement moyen du délai",
            "Dépassement moyen du coût dans les 16,7\u202f% de cas les plus coûteux",
            "Dépassement moyen du délai dans les 16,7\u202f% de cas les plus coûteux",
        ]
        assert "Flyvbjerg et Budzier, 2011 (publié)" in {r["series"] for r in rows}
        title = _title(spec)
        assert title.startswith("SIRH SaaS du marché\u00a0: dépassement moyen du coût de ")
        assert "27\u202f% (Flyvbjerg et Budzier, 2011) et 10,8\u202f% (Panorama DINUM" in title
    else:
        assert panels[0] == "Mean cost overrun"
    _offline(spec)


def test_outside_view_keeps_an_unknown_statistic_as_given(study):
    facts = copy.deepcopy(study.to_dict())
    for o in facts["options"]:
        unknown = {"statistic": "median overrun", "statistic_id": "median_overrun"}
        o["outside_view"][0] = {**o["outside_view"][0], **unknown}
    spec = charts.outside_view(facts, lang="fr").to_dict()
    assert spec["facet"]["row"]["sort"][-1] == "median overrun"


# -- every chart -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", CHARTS)
def test_renders_to_svg_and_png_offline(study, name, lang):
    chart = getattr(charts, name)(study, lang=lang)
    assert charts.chart_to_svg(chart, lang).startswith("<svg")
    assert charts.chart_to_png(chart, lang, scale=1)[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", CHARTS)
def test_a_saved_study_draws_the_same_chart(study, saved, name):
    fn = getattr(charts, name)
    for lang in ("fr", "en"):
        assert fn(study, lang=lang).to_dict() == fn(saved, lang=lang).to_dict()


@pytest.mark.parametrize("name", CHARTS)
def test_the_charts_survive_the_edge_cases(edge, name):
    case, st = edge
    facts = st.to_dict()
    for lang in ("fr", "en"):
        chart = getattr(charts, name)(st, lang=lang)
        spec = chart.to_dict()
        assert _title(spec)
        _offline(spec)
        assert charts.chart_to_png(chart, lang, scale=1)[:4] == b"\x89PNG"
    if case == "identical" and name == "outside_view":
        series = {r["series"] for r in spec["data"]["values"] if r["kind"] == "simulated"}
        assert series == {"Solution SaaS (saas)", "Solution SaaS (saas2)"}  # none hidden
    if case == "one_option" and name != "outside_view":
        assert facts["options"][0]["name"] in _title(spec)


def test_an_unknown_option_is_named(study):
    for name in ("tornado", "criticality", "risk_contributions"):
        with pytest.raises(ValueError, match="no option 'cloud' in the study; have saas, build"):
            getattr(charts, name)(study, "cloud")
