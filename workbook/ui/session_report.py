"""The "Make the session report" button: the report a client takes home, made from a notebook.

A thin layer over :func:`workbook.report.make_report`: choose the candidate, write a note
for them if you like, press the button; the report (one HTML page that opens offline) is
saved in the folder given (by default the notebook's own) and offered as a download link.
"""

from __future__ import annotations

import base64
from pathlib import Path

import ipywidgets as widgets

from ..errors import WorkbookError
from .common import (
    disable_controls, escape, latest_candidate, maybe_display, message_html, read_now, refuse_to_start, shared_docs,
)

#: What the widget shows on a log without candidates.
NO_CANDIDATES = "No candidates in the log yet: log an interview first, then make the report."


@shared_docs
class SessionReport:
    """A button that makes one candidate's session report, with the coach's note.

    Parameters
    ----------
    log : Log
        The interview log.
    candidate : str, optional
        Whom the widget starts on (the candidate a notebook looks at); by default the
        candidate of the latest interview.
    now : datetime or str, optional
        The instant the report is made for; by default ``$WORKBOOK_NOW`` if set, else the
        real clock. When it is not a time, the widget says so and offers nothing to press.
    folder : str or Path, optional
        Where the report is saved; by default the current folder (the notebook's).
    {display}

    Attributes
    ----------
    {widget}
    controls : dict
        ``candidate`` (Dropdown), ``coach_note`` (Textarea), ``make`` (Button), ``message``
        (HTML: what happened, or what went wrong) and ``link`` (HTML: the download link).
    path : Path or None
        The report last made; None before the first.
    error : Exception or None
        What went wrong at the last press (also shown in the widget), None if nothing did.

    Examples
    --------
    >>> report = SessionReport(log, now="2026-11-20T17:00:00+00:00")  # doctest: +SKIP
    >>> report.controls["candidate"].value = "Priya Raman"  # doctest: +SKIP
    >>> report.controls["make"].click()  # doctest: +SKIP
    >>> report.path  # doctest: +SKIP
    PosixPath('session-report-priya-raman-2026-11-20.html')
    """

    def __init__(self, log, candidate: str | None = None, now=None, folder=None, display: bool = True):
        self.log = log
        self.folder = Path.cwd() if folder is None else Path(folder).expanduser()
        self.path: Path | None = None
        self.now, self.error = read_now(now)
        names = log.candidates()["candidate"].tolist()

        # Define the widgets.
        label = {"style": {"description_width": "7em"}}
        self.controls = {
            "candidate": widgets.Dropdown(description="Candidate", options=names,
                                          value=candidate if candidate in names else latest_candidate(log) or None,
                                          **label),
            "coach_note": widgets.Textarea(description="Coach's note",
                                           placeholder="A few words for your client, shown at the end (optional)",
                                           layout=widgets.Layout(width="40em", height="6em"), **label),
            "make": widgets.Button(description="Make the session report", icon="file-text",
                                   button_style="primary", layout=widgets.Layout(flex="0 0 auto", width="auto")),
            "message": widgets.HTML(),
            "link": widgets.HTML(),
        }
        c = self.controls
        # In a row of its own: as wide as its words, not the whole output area.
        self.widget = widgets.VBox([c["candidate"], c["coach_note"], widgets.HBox([c["make"]]), c["message"], c["link"]])

        # Connect them.
        c["make"].on_click(lambda _button: self.make())

        if self.now is None:
            refuse_to_start(self.widget, c["message"], "The report cannot be made", self.error, now)
        elif not names:
            disable_controls(self.widget)
            c["message"].value = message_html(NO_CANDIDATES)
        maybe_display(self.widget, display, "Session report")

    def __repr__(self) -> str:
        return f"SessionReport({self.controls['candidate'].value!r}: {self.path or 'not made yet'})"

    def make(self) -> Path | None:
        """Make the chosen candidate's report in :attr:`folder` and offer it as a download;
        show what went wrong instead of raising. Returns the report's path, None if refused."""
        from ..report import make_report, report_file_name

        c = self.controls
        candidate, note = c["candidate"].value, c["coach_note"].value.strip() or None
        c["link"].value = ""
        self.error = None
        if candidate is None:
            c["message"].value = message_html(NO_CANDIDATES, error=True)
            return None
        c["message"].value = message_html(f"Making {candidate}'s report…")
        name = report_file_name(candidate, self.now)
        # The report takes some seconds (a kernel runs it): the button is off meanwhile, so that a
        # second press in the page is not queued to make it all again.
        c["make"].disabled = True
        try:
            self.path = make_report(self.log, candidate, self.folder / name, as_of=self.now, coach_note=note)
        except WorkbookError as error:
            self.error = error
            c["message"].value = message_html(f"The report could not be made: {error}", error=True)
            return None
        finally:
            c["make"].disabled = False
        # A data: link downloads the page wherever the notebook is served (JupyterLab, Voilà).
        data = base64.b64encode(self.path.read_bytes()).decode("ascii")
        c["message"].value = message_html(f"{candidate}'s report is saved as {self.path.name} in {self.folder}.")
        c["link"].value = (f"<a download=\"{escape(name)}\" href=\"data:text/html;base64,{data}\" "
                           f"target=\"_blank\">⬇ Download {escape(name)}</a>")
        return self.path
