"""What the workbook's widgets share: text made safe for HTML, how a message or a problem is
shown, how an interview is named in a list, what "now" is (or why it cannot be told), and
showing a widget at once. Durations, local times and statuses are written by
:mod:`workbook.wording`, as everywhere else.

Everything the widgets put into an HTML widget goes through :func:`escape` first: names,
companies, talking points and error messages quoting what was typed are typed by people.
"""

from __future__ import annotations

import html
from contextlib import contextmanager

import pandas as pd

from ..wording import local_date

#: The colour of a refusal or a problem, in every widget.
ERROR_STYLE = "color: #b00020"


def escape(value) -> str:
    """Text from the log or typed, safe inside HTML; line breaks kept."""
    return html.escape(str(value)).replace("\n", "<br>")


def optional(value) -> str | None:
    """A text cell of a log DataFrame, None where it is missing."""
    return None if value is None or pd.isna(value) else str(value)


# Tables in an HTML widget get none of JupyterLab's table styling: give them some.
_TABLE_CSS = (
    "<style>.workbook-table {border-collapse: collapse; margin: 4px 0}"
    " .workbook-table th, .workbook-table td {padding: 3px 10px; text-align: left;"
    " border-bottom: 1px solid #ddd; vertical-align: top}"
    " .workbook-table th {background: #f3f3f3}</style>"
)


def table_html(frame: pd.DataFrame, **options) -> str:
    """A DataFrame as an escaped, readable HTML table for an HTML widget."""
    return _TABLE_CSS + frame.to_html(escape=True, border=0, classes="workbook-table", **options)


def message_html(text: str, error: bool = False) -> str:
    """A message as escaped HTML; a refusal in the error colour, after a ⚠."""
    text = escape(text)
    return f"<span style='{ERROR_STYLE}'>⚠ {text}</span>" if error and text else text


def interview_label(interview) -> str:
    """An interview as the dropdown lists it: "Thu 19 Nov 2026 · Northwind Analytics — Data
    analyst (final)", on the date where it took place."""
    stage = optional(interview.stage)
    return (f"{local_date(interview.starts_at, interview.timezone)} · {interview.company} — {interview.role}"
            + (f" ({stage})" if stage else ""))


def maybe_display(widget, display: bool, name: str = "") -> None:
    """Display ``widget`` in the notebook when ``display`` is true (the widgets' default).

    The notebook keeps the widget's view and a one-line text, ``name``, instead of the long
    text form of every control and its value: what a reader of the saved notebook (and strict
    nbval) sees where the widget cannot be shown.
    """
    if not display:
        return
    from IPython.display import display as show_now

    bundle = widget._repr_mimebundle_() or {}
    bundle["text/plain"] = name or type(widget).__name__
    show_now(bundle, raw=True)


def read_now(now) -> tuple[pd.Timestamp | None, Exception | None]:
    """The instant a widget treats as now, or None and the error saying why it cannot be read.

    A malformed ``$WORKBOOK_NOW`` (or ``now=`` argument) is a setting to fix, not a crash:
    the widget shows :func:`now_message` and offers nothing to press (:func:`disable_controls`).
    """
    from ..errors import WorkbookError
    from ..instants import resolve_now

    try:
        return resolve_now(now), None
    except WorkbookError as error:
        return None, error


def now_message(error: Exception, now) -> str:
    """What a widget says when it cannot tell the time: what is wrong, and how to fix it."""
    from ..config import NOW_ENV

    fix = (f"set {NOW_ENV} to a time with its UTC offset, like 2026-11-20T17:00:00+00:00, or remove it to use "
           "the real clock, then make this widget again" if now is None else
           "give now= a time with its UTC offset, like 2026-11-20T17:00:00+00:00")
    return f"the time now is unknown: {error}. To fix it, {fix}."


def disable_controls(widget) -> None:
    """Turn off every control inside ``widget``: buttons, fields and lists."""
    for child in getattr(widget, "children", ()):
        disable_controls(child)
    if widget.has_trait("disabled"):
        widget.disabled = True


def cannot_start_html(what: str, error: Exception, now) -> str:
    """The message of a widget that cannot tell the time: "The form cannot log an interview: ...".
    """
    return message_html(f"{what}: {now_message(error, now)}", error=True)


def refuse_to_start(widget, message, what: str, error: Exception, now) -> None:
    """Show in ``message`` (an HTML widget) why ``widget`` cannot start, and turn off its
    controls: a malformed now is told in the widget, never raised."""
    disable_controls(widget)
    message.value = cannot_start_html(what, error, now)


class Quiet:
    """Lets a widget set several controls at once without its observers refreshing after
    each: observers check ``self._quiet`` and do nothing while it is set."""

    _quiet = False

    @contextmanager
    def _quietly(self):
        self._quiet, before = True, self._quiet
        try:
            yield
        finally:
            self._quiet = before


#: Text every widget's docstring shares, written once (as seaborn's ``_docstrings``); a
#: widget's class docstring names it as ``{display}``, ``{widget}``.
SHARED_DOCS = {
    "display": ("display : bool, default True\n"
                "        Show the widget at once (``IPython.display.display``); tests pass False."),
    "widget": "widget : ipywidgets.VBox\n        The top widget.",
}


def shared_docs(cls):
    """Fill a widget's class docstring with :data:`SHARED_DOCS`."""
    cls.__doc__ = cls.__doc__.format(**SHARED_DOCS)
    return cls
