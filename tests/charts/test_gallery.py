"""The gallery (tools/gallery.py, docs/charts.md) shows every chart, in both languages."""

from __future__ import annotations

import importlib.util

from decisionkit import charts
from tests.conftest import ROOT


def _gallery():
    spec = importlib.util.spec_from_file_location("gallery", ROOT / "tools" / "gallery.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.GALLERY


def test_the_gallery_draws_every_chart():
    drawn = {function for _, function, _, _ in _gallery()}
    helpers = ("PALETTE", "chart_to_html", "chart_to_png", "chart_to_svg", "display_offline")
    shown = {n for n in charts.__all__ if n not in helpers}
    assert drawn == shown


def test_the_charts_page_shows_each_image_in_french_and_english():
    page = (ROOT / "docs" / "charts.md").read_text(encoding="utf-8")
    for name, function, _, _ in _gallery():
        for lang in ("fr", "en"):
            image = f"images/{name}-{lang}.png"
            assert image in page, image
            assert (ROOT / "docs" / image).stat().st_size > 10_000  # a drawn chart, not empty
        assert f"charts.{function}(" in page
