"""The report for funders as a PDF, read back: our letterhead and logo, the period, the
figures and their charts, hidden counts, the report's language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.services.documents.content import Letterhead
from app.services.documents.report_chart import ColumnChart
from app.services.documents.report_pdf import export_report_pdf, render_report
from app.services.profile import ProfileData
from app.services.registry import Services
from app.services.reports.period import Period
from app.services.reports.report_document import report_content
from tests.pdf_checks import qpdf_check
from tests.services.report_export_helpers import PERIOD, add_programme, png
from tests.services.test_report_tables import report_data

STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def with_profile(services: Services, language: str = "en") -> None:
    services.profile.save(
        ProfileData(
            name="Red de Entidades de Valladolid",
            municipality="Valladolid",
            logo=png(),
            document_colour="#7A3E9D",
            default_language=language,
        )
    )


def test_the_report_shows_our_letterhead_the_period_and_the_figures(
    services: Services, tmp_path: Path
) -> None:
    with_profile(services)
    add_programme(services)
    report = services.reports.build(Period(*PERIOD))
    path = tmp_path / "report.pdf"
    pages = export_report_pdf(services.db, report, path)
    reader = PdfReader(path)
    assert pages == len(reader.pages) >= 2
    text = text_of(path)
    assert "Red de Entidades de Valladolid" in text
    assert "From January 1, 2025 to December 31, 2025" in text
    assert reader.metadata.title == "Programme report: From January 1, 2025 to December 31, 2025"
    for title in ("Participants by gender", "Participants by age band", "Mentoring"):
        assert title in text
    assert "Organisations reached, by territory" in text and "Valladolid" in text
    assert "Unique participants" in text and "Person-hours received" in text
    # the chart repeats the categories of the table beside it, with a legend of two series
    assert text.count("Training capsule") >= 2 and text.count("Non-binary") >= 2
    assert "hidden" not in text
    assert f"Page 1 of {pages}" in text
    assert len(reader.pages[0].images) == 1  # the logo
    for page in reader.pages:
        for font in page["/Resources"].get_object()["/Font"].values():
            font = font.get_object()
            assert not str(font["/BaseFont"]).lstrip("/").startswith(STANDARD_14)
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    qpdf_check(path)


def test_hidden_counts_are_printed_hidden_with_the_threshold(
    services: Services, tmp_path: Path
) -> None:
    add_programme(services)
    report = services.reports.build(Period(*PERIOD), suppress_below=3)
    path = tmp_path / "report.pdf"
    export_report_pdf(services.db, report, path, language="en")
    text = text_of(path)
    assert "Counts under 3 are shown as “hidden”, so that nobody can be identified." in text
    assert text.count("hidden") >= 6


def test_the_language_is_the_one_asked_for_else_the_profiles(
    services: Services, tmp_path: Path
) -> None:
    with_profile(services, language="es")
    report = services.reports.build(Period.year(2025))
    spanish, english = tmp_path / "es.pdf", tmp_path / "en.pdf"
    export_report_pdf(services.db, report, spanish)
    export_report_pdf(services.db, report, english, language="en")
    assert "Página 1 de" in text_of(spanish) and "1 de enero de 2025" in text_of(spanish)
    assert "Page 1 of" in text_of(english)


def test_without_a_profile_the_report_still_prints(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    export_report_pdf(services.db, services.reports.build(Period.year(2025)), path, "en")
    text = text_of(path)
    assert "Programme report" in text and "Nothing to show in this period" in text
    assert len(PdfReader(path).pages[0].images) == 0


def test_a_long_list_of_territories_flows_over_pages(tmp_path: Path) -> None:
    places = {f"Municipio número {n}": 100 - n for n in range(90)}
    data = report_data()
    data["organisations"] = {**data["organisations"], "by_territory": places}
    content = report_content(data, "en", Letterhead(name="Red"), today=date(2025, 4, 2))
    path = tmp_path / "report.pdf"
    pages = render_report(content, path)
    text = text_of(path)
    assert pages >= 4
    assert "Municipio número 0" in text and "Municipio número 89" in text
    assert "Made on April 2, 2025 with Tejido." in text.replace("\n", " ")
    qpdf_check(path)


class Recorder:
    """A canvas that keeps what was drawn: bars (rectangles) and words."""

    def __init__(self) -> None:
        self.bars: list[tuple[float, float]] = []  # (x, height)
        self.words: list[str] = []

    def rect(self, x: float, y: float, width: float, height: float, **_kw: object) -> None:
        self.bars.append((x, height))

    def drawCentredString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self.words.append(text)

    drawString = drawRightString = drawCentredString  # noqa: N815

    def __getattr__(self, name: str) -> object:
        return lambda *args, **kwargs: None


def drawn(bars: list[tuple[str, tuple[int | None, ...]]], series: int = 1) -> Recorder:
    from app.i18n import document_words
    from app.services.documents import drawing

    names = ["Participants", "Completed"][:series]
    chart = ColumnChart(bars, names, drawing.colour("#336699"), document_words("en"), 200)
    chart.canv = Recorder()
    chart.draw()
    return chart.canv


def test_bars_are_as_tall_as_their_values_and_hidden_ones_are_not_drawn() -> None:
    canvas = drawn([("Woman", (30,)), ("Man", (15,)), ("Non-binary", (None,)), ("Other", (0,))])
    heights = [height for _x, height in canvas.bars]
    assert len(heights) == 2  # no bar for the hidden count nor for zero
    assert heights[0] == pytest.approx(2 * heights[1])
    assert ["30", "15", "0"] == [w for w in canvas.words if w.isdigit()]
    assert "hidden" in canvas.words
    assert {"Woman", "Man", "Non-binary", "Other"} <= set(canvas.words)


def test_two_series_have_a_legend_and_nothing_to_show_says_so() -> None:
    canvas = drawn([("Woman", (30, 12)), ("Man", (None, None))], series=2)
    assert len(canvas.bars) == 2 + 2  # two bars and the two squares of the legend
    assert {"Participants", "Completed"} <= set(canvas.words)
    assert canvas.words.count("hidden") == 1  # once for the category, not once per series
    empty = drawn([("Woman", (0,)), ("Man", (None,))])
    assert "Nothing to show in this period" in empty.words and empty.bars == []
