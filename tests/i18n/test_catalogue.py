"""The fr and en catalogues: same ids, same placeholders, and the errors of t()."""

from __future__ import annotations

import re
import string

import pytest

from decisionkit import i18n
from decisionkit.i18n import LANGS, check_lang, default_lang, keys, placeholders, plural, t
from decisionkit.i18n._catalogue import _catalogue as messages

FR, EN = keys("fr"), keys("en")
ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")


def test_public_api_is_sorted():
    assert i18n.__all__ == sorted(i18n.__all__)
    assert all(hasattr(i18n, name) for name in i18n.__all__)


def test_both_catalogues_have_the_same_ids():
    assert sorted(FR - EN) == [], "only in fr.yaml"
    assert sorted(EN - FR) == [], "only in en.yaml"


@pytest.mark.parametrize("key", sorted(FR | EN))
def test_same_placeholders_in_both_languages(key):
    assert placeholders("fr", key) == placeholders("en", key)


@pytest.mark.parametrize("lang", LANGS)
def test_messages_are_well_formed(lang):
    for key, text in messages(lang).items():
        assert ID.fullmatch(key), f"{lang}: message id {key!r} is not a lower-case dotted id"
        assert text.strip(), f"{lang}: {key} is empty"
        assert text == text.strip(), f"{lang}: {key} has leading or trailing spaces"
        for _, field, spec, conversion in string.Formatter().parse(text):
            if field is None:
                continue
            assert field.isidentifier(), f"{lang}: {key}: {{{field}}} is not a plain name"
            assert not spec, f"{lang}: {key}: {{{field}:{spec}}}: format the value in the code"
            assert conversion is None, f"{lang}: {key}: {{{field}!{conversion}}}"


def test_plural_ids_come_in_pairs():
    for lang in LANGS:
        stems = {k.rsplit(".", 1)[0] for k in keys(lang) if k.endswith((".one", ".other"))}
        for stem in stems:
            assert {f"{stem}.one", f"{stem}.other"} <= keys(lang), stem


def test_french_typography():
    for key, text in messages("fr").items():
        for m in re.finditer(r"[:;!?%»]", text):
            before = text[m.start() - 1 : m.start()]
            wanted = {"\u00a0", "\u202f"} if m.group() == ":" else {"\u202f"}
            assert before in wanted, f"fr: {key}: the space before {m.group()!r}"
        for m in re.finditer("«", text):
            assert text[m.end() : m.end() + 1] == "\u202f", f"fr: {key}: the space after «"
        assert "'" not in text, f"fr: {key}: use the typographic apostrophe ’"


def test_the_issue_labels():
    assert t("output.capex", "fr") == "Investissement (capex)"
    assert t("output.tco", "fr") == "Coût complet (TCO)"
    assert t("output.finish", "fr") == "Fin du projet"
    assert t("output.go_live", "fr") == "Mise en service"
    assert [t(f"output.{k}", "en") for k in ("capex", "tco", "finish", "go_live")] == [
        "Capex",
        "Total cost of ownership (TCO)",
        "Finish",
        "Go-live",
    ]
    assert t("label.input", "en", element="Migration", kind=t("kind.cost_per_day", "en")) == (
        "Migration — daily cost"
    )


def test_labels_cover_the_ids_of_the_engines():
    from decisionkit.mcda import METHODS
    from decisionkit.sustainability.footprint import PARTS

    for lang in LANGS:
        assert {f"method.{m}" for m in METHODS} <= keys(lang)
        assert {f"part.{p}" for p in (*PARTS, "total")} <= keys(lang)
        assert {f"close.{c}" for c in ("in_house", "train", "recruit", "contract")} <= keys(lang)
        assert {f"lang.{code}" for code in LANGS} <= keys(lang)


def test_t_rejects_an_unknown_id():
    with pytest.raises(KeyError, match=r"output\.nope"):
        t("output.nope", "fr")


def test_t_rejects_a_missing_placeholder():
    with pytest.raises(ValueError, match=r"'label\.input'.*missing kind"):
        t("label.input", "en", element="Migration")


def test_t_rejects_an_unknown_parameter():
    with pytest.raises(ValueError, match=r"'label\.input'.*unknown knd"):
        t("label.input", "en", element="Migration", kind="cost", knd="x")
    with pytest.raises(ValueError, match=r"'output\.tco' takes no parameter: unknown option"):
        t("output.tco", "en", option="saas")


def test_t_inserts_values_as_given():
    assert t("label.input", "fr", element="{x}", kind=3) == "{x} — 3"


def test_placeholders_of_an_unknown_id():
    with pytest.raises(KeyError, match="nope"):
        placeholders("en", "nope")


def test_plural():
    assert plural("count.working_days", "fr", 1, n="1") == "1\u00a0jour ouvré"
    assert plural("count.working_days", "fr", 2, n="2") == "2\u00a0jours ouvrés"
    assert plural("count.working_days", "en", 1.0, n="1") == "1\u00a0working day"
    assert plural("count.working_days", "en", 1.5, n="1.5") == "1.5\u00a0working days"
    assert plural("count.working_days", "fr", 1_000_000, n="x") == "x\u00a0jours ouvrés"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "fr"), ("FR", "fr"), ("fr_FR", "fr"), ("fr-CA", "fr"), ("en_GB.UTF-8", "en")],
)
def test_check_lang(lang, expected):
    assert check_lang(lang) == expected


@pytest.mark.parametrize("lang", ["de", "", "C", None])
def test_check_lang_rejects(lang):
    with pytest.raises(ValueError, match=r"language .* is not available: use fr or en"):
        check_lang(lang)


def test_check_lang_message():
    with pytest.raises(ValueError, match=r"^language 'de' is not available: use fr or en$"):
        t("output.tco", "de")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr"}, "fr"),
        ({"LANG": "fr_CA"}, "fr"),
        ({"LANG": "fr_BE@euro"}, "fr"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LC_ALL": "", "LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_GB"}, "fr"),
        ({"LC_ALL": "C", "LC_MESSAGES": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LC_CTYPE": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_default_lang(environ, expected):
    assert default_lang(environ) == expected


def test_importing_i18n_does_not_import_babel():
    import subprocess
    import sys

    code = (
        "import sys, decisionkit.i18n as i; i.t('output.tco', 'fr'); "
        "print('babel' in sys.modules, 'babel.numbers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
