"""The session report a client takes home: one HTML page that opens offline, and its PDF.

The report of one sample candidate is made once for the module, as the `workbook report`
command and the notebook's button make it (papermill runs the report notebook, nbconvert
exports it without code, Chromium prints the PDF); the tests read the page as a browser
would, and the PDF's pages as rendered images.
"""

from __future__ import annotations

import base64
import struct
import subprocess
import sys
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

import workbook
from workbook.report import ReportError, make_report
from workbook.sample import SAMPLE_NOW

CANDIDATE = "Marcus Okafor"  # often late: people still to thank, drafts waiting, advice
COACH_NOTE = 'Well done on "Tessellate" & the rest!\n<script>alert("not code")</script>\n\nSend the four notes tonight.'
#: The sections the report promises, in order (the coach's last, as one was given).
SECTIONS = [
    "Your follow-up habits, against the guideline",
    "How soon your notes went out",
    "Did everyone get a note?",
    "Are you getting better?",
    "What happened after on-time and late notes",
    "Still to thank",
    "Drafts waiting to be sent",
    "What to try next time",
    "A note from your coach",
]
#: The charts of notebook 04 it shows: hours to send, coverage, trend, outcomes.
CHARTS = 4


class Page(HTMLParser):
    """What a browser would fetch and show of an HTML page: its tags, headings, images and text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[str, str]] = []
        self.text_parts: list[str] = []
        self._heading: str | None = None
        self._skip = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3"):
            self._heading, self._heading_text = tag, []
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == self._heading:
            self.headings.append((tag, "".join(self._heading_text).strip()))
            self._heading = None
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if self._heading:
            self._heading_text.append(data)
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The sample candidate's report as HTML and as PDF, from a copy of the sample log."""
    folder = tmp_path_factory.mktemp("report")
    workbook.sample_log(folder / "log.sqlite").close()
    log_target = str(folder / "log.sqlite")
    html_file = make_report(log_target, CANDIDATE, folder / "report.html", as_of=SAMPLE_NOW, coach_note=COACH_NOTE)
    with workbook.open_log(log_target) as log:  # a Log works as well as its path
        pdf_file = make_report(log, CANDIDATE, folder / "report.pdf", as_of=SAMPLE_NOW, coach_note=COACH_NOTE)
    raw = html_file.read_text(encoding="utf-8")
    return SimpleNamespace(folder=folder, log_target=log_target, html_file=html_file, raw=raw,
                           page=Page(raw), pdf_file=pdf_file)


def test_the_report_is_written_where_asked(report):
    assert report.html_file == report.folder / "report.html" and report.html_file.stat().st_size > 0
    assert report.pdf_file.read_bytes()[:5] == b"%PDF-"


def test_it_names_the_candidate_and_every_section_under_a_heading(report):
    page = report.page
    assert page.headings[0] == ("h1", f"Session report: {CANDIDATE}")
    assert [text for tag, text in page.headings if tag == "h2"] == SECTIONS
    assert f"<title>Session report: {CANDIDATE}</title>" in report.raw
    # As of the instant asked, in the candidate's own time (their latest interview's zone).
    assert "as of Fri 20 Nov 2026 09:00 America/Los_Angeles" in page.text


def test_it_holds_the_candidates_own_numbers_people_drafts_and_advice(report):
    text = report.page.text
    # The habits summary beside the guideline.
    assert "Within 24 h 39% 100%: within 24 hours of the interview" in text
    # Everyone still to thank, with the time left, and the drafts waiting.
    for person in ("Amelia Lockhart", "Mateo Whitaker", "Ryan Brennan"):
        assert person in text
    assert "6 h left" in text and "overdue by 64 days 7 h" in text
    assert "“Following up on the Platform Engineer interview”" in text
    # No other candidate's people.
    assert "Keisha Valenzuela" not in text and "Ethan Brennan" not in text
    advice = [attrs for attrs in report.page.all("ul") if attrs.get("class") == "advice"]
    assert len(advice) == 1 and "never thanked" in text


def test_every_chart_is_embedded_as_an_image_in_the_page(report):
    images = report.page.all("img")
    assert len(images) == CHARTS
    for image in images:
        assert image["src"].startswith("data:image/png;base64,")
        width, height = png_size(base64.b64decode(image["src"].partition(",")[2]))
        assert width > 300 and height > 200


def test_the_page_opens_offline_and_shows_no_code(report):
    page, raw = report.page, report.raw
    fetched = [attrs.get("src") or attrs.get("href") or "" for tag, attrs in page.tags
               if tag in ("script", "link", "img", "iframe", "source", "embed")]
    assert not [url for url in fetched if not url.startswith("data:")], "the page fetches something"
    assert not page.all("script") and not page.all("link")
    assert "@import" not in raw and "url(http" not in raw
    # No code cell, no prompt, no traceback: only what the cells show.
    assert "input_area" not in raw and "In&nbsp;[" not in raw and "Out[" not in raw
    for code in ("import workbook", "sections.", "charts.", "log_target", "papermill"):
        assert code not in page.text
    assert "Traceback" not in raw and "Error" not in page.text


def test_the_coachs_note_is_shown_as_text_never_as_html(report):
    assert '&lt;script&gt;alert("not code")&lt;/script&gt;' in report.raw
    assert not report.page.all("script")
    assert 'Well done on "Tessellate" & the rest! <script>alert("not code")</script> Send the four notes tonight.' \
        in report.page.text


def test_the_pdf_has_readable_pages_and_every_chart_whole_on_one_page(report):
    pdfium = pytest.importorskip("pypdfium2")  # a test dependency: pip install -e '.[test]'
    from pypdfium2 import raw as pdfium_c

    shown = sorted(png_size(base64.b64decode(i["src"].partition(",")[2])) for i in report.page.all("img"))
    pdf = pdfium.PdfDocument(str(report.pdf_file))
    drawn, text = [], []
    try:
        assert len(pdf) >= 1
        for number in range(len(pdf)):
            page = pdf[number]
            width, height = page.get_size()
            # Not blank: a rendered page has ink, well beyond a stray line.
            pixels = page.render(scale=0.5, grayscale=True).to_numpy()
            assert (pixels < 200).mean() > 0.01, f"page {number + 1} looks blank"
            textpage = page.get_textpage()
            text.append(textpage.get_text_bounded())
            textpage.close()
            # Each chart is drawn once, whole, inside one page: a chart cut at a page break would be
            # drawn on two pages, each time reaching past the page's edge.
            for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
                left, bottom, right, top = image.get_bounds()
                assert 0 <= left < right <= width and 0 <= bottom < top <= height, f"a chart is cut on page {number + 1}"
                assert (right - left) > width / 3, "a chart is printed too small to read"
                drawn.append(image.get_px_size())
                image.close()
            page.close()
    finally:
        pdf.close()
    assert sorted(drawn) == shown
    assert f"Session report: {CANDIDATE}" in text[0]
    assert "A note from your coach" in " ".join(" ".join(text).split())


def test_an_unknown_candidate_is_refused_in_one_line_before_anything_runs(report, tmp_path):
    out = tmp_path / "report.html"
    with pytest.raises(ReportError) as raised:
        make_report(report.log_target, "Nobody Here", out, as_of=SAMPLE_NOW)
    message = str(raised.value)
    assert "'Nobody Here'" in message and "Priya Raman" in message and "\n" not in message
    assert isinstance(raised.value, workbook.WorkbookError) and not out.exists()


def test_a_file_that_is_neither_html_nor_pdf_is_refused(report, tmp_path):
    with pytest.raises(ReportError, match=r"report\.docx: a report is written as \.html or \.pdf"):
        make_report(report.log_target, CANDIDATE, tmp_path / "report.docx", as_of=SAMPLE_NOW)


def test_a_pdf_without_chromium_says_how_to_get_one(report, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser on it
    with pytest.raises(ReportError, match="no Chromium found .* or write the report as .html"):
        make_report(report.log_target, CANDIDATE, tmp_path / "report.pdf", as_of=SAMPLE_NOW)
    assert not (tmp_path / "report.pdf").exists()


def test_a_notebook_that_stops_gives_one_line_not_its_traceback(report, tmp_path, monkeypatch):
    import nbformat

    from workbook import report as report_module

    broken = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("log_target = candidate = as_of = coach_note = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("from workbook.errors import InvalidValueError\n"
                                  "raise InvalidValueError('the log holds no outcomes for\\nthis candidate')"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    notebook = tmp_path / "broken.ipynb"
    nbformat.write(broken, notebook)
    monkeypatch.setattr(report_module, "REPORT_NOTEBOOK", notebook)
    out = tmp_path / "report.html"
    with pytest.raises(ReportError) as raised:
        make_report(report.log_target, CANDIDATE, out, as_of=SAMPLE_NOW)
    assert str(raised.value) == (f"the report for {CANDIDATE} could not be made: the log holds no outcomes for; "
                                 "this candidate")
    assert raised.value.__cause__ is None and not out.exists()


def test_importing_the_report_loads_neither_papermill_nor_nbconvert():
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, workbook, workbook.report; "
         "print(sorted(m for m in ('papermill', 'nbconvert', 'nbclient', 'matplotlib') if m in sys.modules))"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_the_drafts_written_on_the_reports_day_come_first_and_say_today(log):
    """Each draft says when it was written, on its interview's clock: "today" (the report's
    day) first, then older ones; a note saved before the log kept that time says it is unknown."""
    from workbook.report import sections

    from .conftest import run_sql

    log.add_candidate("Maya Okafor", email="maya@example.com")
    interview = log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst", "2026-11-18T10:00",
                                  "2026-11-18T11:00", "America/New_York")
    ana, bo, cy = (log.add_interviewer(interview, name) for name in ("Ana Lima", "Bo Chen", "Cy Diaz"))
    for person, saved in ((ana, "2026-11-18T20:00:00+00:00"), (bo, "2026-11-20T15:00:00+00:00"),
                          (cy, "2026-11-19T12:00:00+00:00")):
        with log.write(now=saved) as w:
            w.add("notes", {"interviewer_id": person, "channel": "email", "body": f"Dear {person}"})
    run_sql(log, "UPDATE notes SET written_at = NULL WHERE interviewer_id = :cy", {"cy": cy})
    # 02:00 UTC on the 21st is still the 20th in New York.
    now = "2026-11-21T02:00:00+00:00"
    table = sections.drafts_waiting(log, workbook.followups(log, now=now), "Maya Okafor", now)
    assert table[["Person", "Written"]].values.tolist() == [
        ["Bo Chen", "today"], ["Ana Lima", "Wed 18 Nov 2026"], ["Cy Diaz", "—"]]
