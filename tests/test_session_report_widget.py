"""The "Make the session report" button of notebook 04: the report made, saved and offered
as a download; what went wrong said in the widget."""

from __future__ import annotations

import base64
import html

from workbook.report import ReportError
from workbook.report.sections import NO_DRAFTS, NOBODY_WAITING
from workbook.sample import SAMPLE_NOW
from workbook.ui.session_report import NO_CANDIDATES, SessionReport

from .conftest import capture_display, displayed, widget_tree


def download(widget) -> tuple[str, bytes]:
    """The file name and the bytes the widget's download link gives."""
    link = widget.controls["link"].value
    name = html.unescape(link.split('download="', 1)[1].split('"', 1)[0])
    data = link.split('href="data:text/html;base64,', 1)[1].split('"', 1)[0]
    return name, base64.b64decode(data)


def test_the_button_makes_the_chosen_candidates_report_and_offers_it(sample_log, tmp_path):
    widget = SessionReport(sample_log, candidate="Marcus Okafor", now=SAMPLE_NOW, folder=tmp_path, display=False)
    assert widget.controls["candidate"].options == ("Priya Raman", "Marcus Okafor", "Elena Vasquez", "Dana Whitfield")
    assert widget.controls["candidate"].value == "Marcus Okafor"  # the notebook's candidate
    widget.controls["candidate"].value = "Priya Raman"
    widget.controls["coach_note"].value = "Keep writing them the same day <3"
    widget.controls["make"].click()

    assert widget.error is None, widget.controls["message"].value
    assert widget.path == tmp_path / "session-report-priya-raman-2026-11-20.html"
    page = widget.path.read_text(encoding="utf-8")
    assert "Session report: Priya Raman" in page and "Keep writing them the same day &lt;3" in page
    assert NOBODY_WAITING in page and NO_DRAFTS in page  # she has thanked everyone
    assert "session-report-priya-raman-2026-11-20.html" in widget.controls["message"].value
    name, offered = download(widget)
    assert name == widget.path.name and offered == widget.path.read_bytes()


def test_what_went_wrong_is_said_in_the_widget(sample_log, tmp_path):
    widget = SessionReport(sample_log, now=SAMPLE_NOW, folder=tmp_path / "gone", display=False)
    widget.controls["make"].click()  # the folder to save in is missing: refused before anything runs
    assert isinstance(widget.error, ReportError) and widget.path is None
    message = widget.controls["message"].value
    assert "The report could not be made" in message and "does not exist" in message and "⚠" in message
    assert widget.controls["link"].value == ""


def test_an_empty_log_offers_nothing_to_press(log):
    widget = SessionReport(log, now=SAMPLE_NOW, display=False)
    assert NO_CANDIDATES in widget.controls["message"].value
    assert all(w.disabled for w in widget_tree(widget.widget) if w.has_trait("disabled"))


def test_an_unreadable_now_is_said_and_offers_nothing_to_press(sample_log):
    widget = SessionReport(sample_log, now="next Tuesday", display=False)
    assert "the time now is unknown" in widget.controls["message"].value
    assert all(w.disabled for w in widget_tree(widget.widget) if w.has_trait("disabled"))


def test_it_is_shown_at_once_by_default(sample_log, tmp_path, monkeypatch):
    shown = capture_display(monkeypatch)
    widget = SessionReport(sample_log, now=SAMPLE_NOW, folder=tmp_path)
    assert shown == [displayed(widget.widget, "Session report")]
