"""``decisionkit study CASE``: the whole decision study, summed up on one screen or saved.

The summary is the study's own sentences (``Study.sentences(lang)``) around its ranking;
``--json`` prints every fact (``Study.to_dict()``, schema ``decisionkit.study/1``) and
``--output`` saves them with the case (``Study.save``), for ``dk.load_study``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from decisionkit.cli._options import (
    Command,
    json_option,
    lang_option,
    mitigated_option,
    output_option,
    run_options,
    skills_gates_option,
    smaa_option,
)

__all__ = ["study"]


@click.command(cls=Command, help_key="cli.help.study")
@click.argument("case_file", type=click.Path(path_type=Path))
@run_options()
@mitigated_option
@skills_gates_option
@smaa_option
@json_option
@output_option("cli.help.output_study")
@lang_option
def study(case_file: Path, as_json: bool, output: Path | None, lang: str, **settings: Any) -> None:
    """Study CASE_FILE: simulation, assessment, ranking and robustness, as one set of facts."""
    from decisionkit.cli._common import console, dump_json, fail, paragraph, run_study, warn
    from decisionkit.i18n import t

    st, caught = run_study(case_file, lang, **settings)
    for message in caught:
        warn(lang, message)
    if output is not None:
        try:
            st.save(output)
        except OSError as exc:
            fail(lang, "cli.failed", file=str(output), reason=exc.strerror or str(exc))
    if as_json:
        click.echo(dump_json(st.to_dict()))
        if output is not None:
            paragraph(console(stderr=True), t("cli.study.saved", lang, file=str(output)))
        return
    out = console()
    print_study(out, st, lang)
    if output is not None:
        out.print()
        paragraph(out, t("cli.study.saved", lang, file=str(output)))


def print_study(out: Any, st: Any, lang: str) -> None:
    """One screen: the case, the headline, the ranking, each option's facts, robustness."""
    from decisionkit.cli._common import paragraph
    from decisionkit.cli._print import section
    from decisionkit.cli.score import print_ranking
    from decisionkit.i18n import t

    facts = st.to_dict()
    said = st.sentences(lang)
    case, ap = facts["case"], facts["appraisal"]
    paragraph(out, case["title"], style="bold")
    if case["organisation"]:
        paragraph(out, case["organisation"])
    if said.get("headline"):
        out.print()
        paragraph(out, said["headline"], style="bold")
    names = {o["id"]: o["name"] for o in facts["options"]}
    if ap is not None:
        section(out, t("cli.study.ranking", lang, method=t(f"method.{ap['method']}", lang)))
        print_ranking(out, facts, lang)
        order = [r["option"] for r in ap["ranking"]]
    else:
        order = list(names)
    for o in order:
        out.print()
        paragraph(out, names[o], style="bold")
        for part in (
            "cost_delay",
            "budget",
            "deadline",
            "joint",
            "main_risk",
            "footprint",
            "skills",
        ):
            text = said["options"][o].get(part)
            if text:
                paragraph(out, text, indent=2)
    robust = [said[k] for k in ("stability", "tipping", "swap") if said.get(k)]
    if robust:
        section(out, t("cli.study.robustness", lang))
        for text in robust:
            paragraph(out, text, indent=2)
    out.print()
    if facts["provenance"]["settings"]["mitigated"]:
        paragraph(out, t("cli.study.mitigated", lang), style="dim")
    paragraph(out, said["provenance"], style="dim")
