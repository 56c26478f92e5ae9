"""Competence catalogues: the shipped e-CF 4.0 and an organisation's own CSV."""

from __future__ import annotations

import pytest

import decisionkit as dk
from decisionkit.skills import Catalogue, catalogue_for, ecf_catalogue, load_catalogue
from decisionkit.skills.catalogue import levels_text, suggest_code
from tests.skills.conftest import build

HEADER = "code,area,name,levels\n"


def test_ecf_has_41_competences_in_5_areas():
    cat = ecf_catalogue()
    assert len(cat) == len(cat.codes) == 41
    assert cat.areas == ("A Plan", "B Build", "C Run", "D Enable", "E Manage")
    counts = {area: sum(cat.area(c) == area for c in cat.codes) for area in cat.areas}
    assert counts == {"A Plan": 10, "B Build": 6, "C Run": 5, "D Enable": 11, "E Manage": 9}
    assert cat.name("B.1") == "Application Development"
    assert cat.levels("A.1") == (4, 5)
    assert "E.9" in cat
    assert "E.10" not in cat
    assert ecf_catalogue() is cat  # cached


def test_unknown_code_raises_a_key_error_with_a_suggestion():
    with pytest.raises(KeyError, match=r"'B1' is not in the e-CF 4.0 \(did you mean 'B.1'"):
        ecf_catalogue().name("B1")


def test_suggestions_ignore_case_and_punctuation_then_match_titles():
    cat = ecf_catalogue()
    assert suggest_code("d11", cat) == " (did you mean 'D.11' (Needs Identification)?)"
    assert suggest_code("architecture", cat) == " (did you mean 'A.5' (Architecture Design)?)"
    assert suggest_code("zzzz", cat) == ""


def test_levels_text():
    assert levels_text([5, 4]) == "4-5"
    assert levels_text([1, 3, 5]) == "1, 3, 5"


def test_to_frame_round_trips_through_a_file(tmp_path):
    frame = ecf_catalogue().to_frame()
    assert list(frame.columns) == ["code", "area", "name", "levels"]
    assert frame.loc[frame.code == "A.1", "levels"].item() == "4;5"
    path = tmp_path / "ecf.csv"
    frame.to_csv(path, index=False)
    again = load_catalogue(path)
    assert again.entries == ecf_catalogue().entries
    assert again.source == str(path)


def test_own_catalogue_reads_bom_spaces_and_extra_columns(tmp_path):
    path = tmp_path / "own.csv"
    text = "\ufeffCode, Area ,name,levels,description\nX.1,X Data, Data stewardship ,3; 2,keep\n"
    path.write_text(text, encoding="utf-8")
    cat = load_catalogue(path)
    assert cat.entries == {"X.1": ("Data stewardship", "X Data", (2, 3))}


def errors_of(tmp_path, text: str) -> list[str]:
    path = tmp_path / "own.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(dk.CaseErrors) as info:
        load_catalogue(path)
    assert all(e.source == str(path) for e in info.value.errors)
    return [f"{e.location}: {e.path}: {e.rule}" for e in info.value.errors]


def test_bad_rows_are_all_reported_by_line_and_column(tmp_path):
    text = (
        HEADER
        + "X.1,X,One,3;4\n"  # line 2: fine
        + ",X,No code,3\n"  # line 3
        + "X.1,X,Again,3\n"  # line 4
        + "X.2,X,Six,4;6\n"  # line 5
        + "X.3,X,Words,three\n"  # line 6
        + "X.4,X,,\n"  # line 7
        + "X.5,X,Comma, unquoted,3\n"  # line 8
        + "\n"  # blank lines are skipped
    )
    assert errors_of(tmp_path, text) == [
        "3: code: empty code: every competence needs a code such as B.1",
        "4: code: duplicate code 'X.1' (already on line 2)",
        "5: levels: '6' in '4;6' is not a level: expected e-CF levels 1 to 5 separated by ';', "
        "e.g. 3;4;5",
        "6: levels: 'three' in 'three' is not a level: expected e-CF levels 1 to 5 separated "
        "by ';', e.g. 3;4;5",
        "7: levels: empty levels: expected e-CF levels 1 to 5 separated by ';', e.g. 3;4;5",
        "8: : 5 values for 4 columns: quote a text with a comma",
    ]


def test_missing_column_is_named_with_a_suggestion(tmp_path):
    (message,) = errors_of(tmp_path, "code,area,name,level\nX.1,X,One,3\n")
    assert message == (
        "1: : missing column 'levels' (did you mean 'level'?); "
        "expected the columns code, area, name, levels"
    )


def test_semicolon_separated_file_is_explained(tmp_path):
    (message,) = errors_of(tmp_path, "code;area;name;levels\nX.1;X;One;3\n")
    assert "separated by ';': save the file as CSV with commas" in message


def test_empty_files_are_refused(tmp_path):
    assert errors_of(tmp_path, "") == [
        "None: : empty file: expected the columns code, area, name, levels"
    ]
    assert errors_of(tmp_path, HEADER) == ["None: : the catalogue holds no competence"]


def test_not_utf8_and_missing_file(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "X.1,X,Compétence,3\n").encode("latin-1"))
    with pytest.raises(dk.CaseErrors, match=r"not UTF-8 text .* save the file as 'CSV UTF-8'"):
        load_catalogue(path)
    with pytest.raises(FileNotFoundError):
        load_catalogue(tmp_path / "nope.csv")


def test_catalogue_for_uses_the_case_competences_when_listed():
    own = build(
        None, competences=[{"code": "X.1", "name": "Data", "levels": [3, 2]}, {"code": "X.1"}]
    )
    cat = catalogue_for(own)
    assert cat.entries == {"X.1": ("Data", "", (2, 3))}  # the first row of a code wins
    assert cat.title("X.1") == "X.1 Data"
    assert cat.title("Y") == "Y"
    assert catalogue_for(build(None)) is ecf_catalogue()
    assert catalogue_for(build(None, competences=[])) is ecf_catalogue()


def test_catalogue_is_frozen():
    cat = Catalogue({"X.1": ("Data", "X", (1,))})
    with pytest.raises(AttributeError):
        cat.source = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        cat.entries["X.2"] = ("", "", (1,))  # type: ignore[index]
