"""The what-if panel: ipywidgets bound to a :class:`WhatIfModel` (a thin layer).

Every control calls one model method; every view shows what the new study says (its
sentences and charts, in the panel's language). Nothing here computes a fact.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import decisionkit.i18n as i18n
from decisionkit.studies import Study, study
from decisionkit.widgets._model import WhatIfModel

__all__ = ["WhatIf"]

CONFIDENCE = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


class WhatIf:
    """The what-if panel of a case or a study: controls on the left, the findings on the right.

    Parameters
    ----------
    case_or_study
        A :class:`~decisionkit.Study`, a case or the path of a case file.
    lang
        ``"fr"`` or ``"en"`` (default: the study's, else the environment's).
    iterations, seed
        The simulation's, when a case is given (10,000 iterations keep the panel quick).
    scenarios_file
        Where "save scenario" appends (default: ``scenarios.yaml`` beside the case file).

    Examples
    --------
    >>> import decisionkit as dk
    >>> panel = WhatIf("examples/si-rh.yaml", iterations=1_000, lang="en")  # doctest: +SKIP
    >>> panel  # in JupyterLab: the panel  # doctest: +SKIP
    """

    def __init__(
        self,
        case_or_study: Any,
        *,
        lang: str | None = None,
        iterations: int = 10_000,
        seed: int | None = None,
        scenarios_file: str | Path | None = None,
        debounce: float = 0.15,
    ) -> None:
        import ipywidgets as w

        import decisionkit.charts as charts

        charts.display_offline()  # the panel's charts as SVG: nothing fetched from a network

        if isinstance(case_or_study, Study):
            base = case_or_study
        else:
            base = study(
                case_or_study, iterations=iterations, seed=seed, lang=lang, contributions=False
            )
        self.lang = i18n.check_lang(lang or base.lang)
        self.model = WhatIfModel(base, debounce=debounce)
        source = Path(base.source)
        self.scenarios_file = Path(scenarios_file or source.with_name("scenarios.yaml"))
        t = self._t
        case = base.case
        self._quiet = False
        self.views: list[Any] = []
        layout = w.Layout(width="340px")
        style = {"description_width": "150px"}
        self.weights = {
            c.id: w.FloatSlider(
                value=c.weight,
                min=0.0,
                max=max(1.0, 3 * c.weight),
                step=0.01,
                description=c.name or c.id,
                continuous_update=True,
                readout_format=".2f",
                layout=layout,
                style=style,
            )
            for c in case.criteria
        }
        for cid, slider in self.weights.items():
            slider.observe(
                lambda change, cid=cid: self._act(self.model.set_weight, cid, change["new"]),
                "value",
            )
        self.method = w.Dropdown(
            options=[(i18n.t(f"method.{m}", self.lang), m) for m in _METHODS],
            value=case.method,
            description=t("method"),
            layout=layout,
            style=style,
        )
        self.method.observe(lambda c: self._act(self.model.set, "method", c["new"]), "value")
        self.confidence = w.SelectionSlider(
            options=[(f"P{round(100 * c)}", c) for c in CONFIDENCE],
            value=min(CONFIDENCE, key=lambda c: abs(c - case.confidence)),
            description=t("confidence"),
            layout=layout,
            style=style,
        )
        self.confidence.observe(
            lambda c: self._act(self.model.set, "confidence", c["new"]), "value"
        )
        self.mitigations: dict[tuple[str, str], Any] = {}
        for option in case.options:
            for risk in option.risks:
                if risk.mitigation is None:
                    continue
                box = w.Checkbox(
                    value=False,
                    description=f"{option.name or option.id} — {risk.name or risk.id}",
                    indent=False,
                    layout=w.Layout(width="340px"),
                )
                box.observe(
                    lambda c, o=option.id, r=risk.id: self._act(
                        self.model.set_mitigation, o, r, c["new"]
                    ),
                    "value",
                )
                self.mitigations[(option.id, risk.id)] = box
        self.scales: dict[tuple[str, str], Any] = {}
        for option in case.options:
            for what in ("duration", "cost"):
                slider = w.FloatSlider(
                    value=1.0,
                    min=0.5,
                    max=2.0,
                    step=0.05,
                    description=t(f"scale.{what}", option=option.name or option.id),
                    layout=layout,
                    style=style,
                )
                slider.observe(lambda c, o=option.id: self._scale(o), "value")
                self.scales[(option.id, what)] = slider
        self.budget = w.FloatText(
            value=case.budget or 0.0, description=t("budget"), layout=layout, style=style
        )
        self.budget.observe(
            lambda c: self._act(self.model.set, "budget", c["new"] or None), "value"
        )
        self.busy = w.HTML("")
        self.status = w.HTML("")
        self.name = w.Text(value="", placeholder=t("scenario_name"), layout=w.Layout(width="200px"))
        save = w.Button(description=t("save"), icon="save")
        save.on_click(lambda _: self._save())
        reset = w.Button(description=t("reset"), icon="undo")
        reset.on_click(lambda _: self._reset())
        self.summary = w.HTML("")
        self.ranking = w.HTML("")
        self.charts = w.Output()
        controls = w.VBox(
            [
                w.HTML(f"<b>{html.escape(t('weights'))}</b>"),
                *self.weights.values(),
                self.method,
                self.confidence,
                w.HTML(f"<b>{html.escape(t('mitigations'))}</b>"),
                *self.mitigations.values(),
                w.HTML(f"<b>{html.escape(t('estimates'))}</b>"),
                *self.scales.values(),
                self.budget,
                w.HBox([self.name, save, reset]),
                self.status,
            ],
            layout=w.Layout(width="380px"),
        )
        views = w.VBox([self.busy, self.summary, self.ranking, self.charts])
        self.widget = w.HBox([controls, views])
        self.model.on_result(self._show)
        self.model.on_busy(self._busy)
        self.model.on_error(lambda exc: self._message(str(exc), error=True))
        self._show(base)

    # -- binding ------------------------------------------------------------------------------
    def _t(self, key: str, **params: Any) -> str:
        return i18n.t(f"panel.{key}", self.lang, **params)

    def _act(self, method: Any, *args: Any) -> None:
        if self._quiet:  # controls being set back by reset: not a user's change
            return
        try:
            method(*args)
        except Exception as exc:  # a bad value: said in the panel, the study stays
            self._message(str(exc), error=True)
        else:
            self._message("")

    def _scale(self, option: str) -> None:
        duration = self.scales[(option, "duration")].value
        cost = self.scales[(option, "cost")].value
        self._act(
            lambda: self.model.set_scale(
                option,
                duration=None if duration == 1.0 else duration,
                cost=None if cost == 1.0 else cost,
            )
        )

    def _save(self) -> None:
        name = self.name.value.strip()
        if not name:
            self._message(self._t("name_needed"), error=True)
            return
        try:
            path = self.model.save_scenario(self.scenarios_file, name)
        except Exception as exc:
            self._message(str(exc), error=True)
            return
        self._message(self._t("saved", name=name, file=str(path)))

    def _reset(self) -> None:
        case = self.model.base.case
        self._quiet = True
        try:
            for cid, slider in self.weights.items():
                slider.value = next(c.weight for c in case.criteria if c.id == cid)
            for box in self.mitigations.values():
                box.value = False
            for slider in self.scales.values():
                slider.value = 1.0
            self.method.value = case.method
            self.budget.value = case.budget or 0.0
        finally:
            self._quiet = False
        self.model.reset()

    def _message(self, text: str, *, error: bool = False) -> None:
        colour = "#B00020" if error else "#1E5E3B"
        self.status.value = (
            f'<span style="color:{colour}">{html.escape(text)}</span>' if text else ""
        )

    def _busy(self, busy: bool) -> None:
        self.busy.value = f"<i>{html.escape(self._t('busy'))}</i>" if busy else ""

    # -- views --------------------------------------------------------------------------------
    def _show(self, st: Study) -> None:
        from IPython.display import display

        import decisionkit.charts as charts

        facts, said = st.to_dict(), st.sentences(self.lang)
        lines = [said.get("headline")] + [o["cost_delay"] for o in said["options"].values()]
        self.summary.value = "".join(f"<p>{html.escape(x)}</p>" for x in lines if x)
        self.ranking.value = _ranking_table(facts, said, self.lang)
        views = [charts.s_curves(st, "go_live", lang=self.lang)]
        if facts["robustness"] and facts["robustness"]["smaa"]:
            views.append(charts.smaa(st, lang=self.lang))
        if any(o["footprint"] for o in facts["options"]):
            views.append(charts.footprint(st, lang=self.lang))
        if any(o["skills"] for o in facts["options"]):
            views.append(charts.skills(st, lang=self.lang))
        self.views = views
        self.charts.clear_output(wait=True)
        with self.charts:
            for chart in views:
                display(chart)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


_METHODS = ("weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii")


def _ranking_table(facts: dict[str, Any], said: dict[str, Any], lang: str) -> str:
    """The ranking with P(first) and each option's explanation, as an HTML table."""
    ap = facts["appraisal"]
    if not ap:
        return ""
    smaa = (facts["robustness"] or {}).get("smaa") or {}
    firsts = {o: shares[0] for o, shares in smaa.get("rank_acceptability", {}).items()}
    names = {o["id"]: o["name"] for o in facts["options"]}
    head = "".join(
        f"<th>{html.escape(i18n.t(f'panel.column.{c}', lang))}</th>"
        for c in ("rank", "option", "score", "p_first", "why")
    )
    rows = []
    for r in ap["ranking"]:
        first = i18n.percent(firsts[r["option"]], lang) if r["option"] in firsts else "—"
        why = said.get("explanations", {}).get(r["option"], "")
        rows.append(
            f"<tr><td>{r['rank']}</td><td>{html.escape(names[r['option']])}</td>"
            f"<td>{html.escape(i18n.number(r['score'], lang, digits=3))}</td>"
            f"<td>{html.escape(first)}</td><td>{html.escape(why)}</td></tr>"
        )
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"
