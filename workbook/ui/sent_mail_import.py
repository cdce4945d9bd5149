"""From your sent mail: when each thank-you note really went out, and who replied, read from
the sent folder of the person's mail program, shown, then imported into the log in one go.

A thin layer over :func:`workbook.read_sent_mail` (what an import would do, writing nothing)
and :meth:`Log.import_sent_mail <workbook.store.log.Log.import_sent_mail>` (the same, in one
transaction), called with the same inputs. The widget shows the matches as a table, every
cell escaped: subjects come from mail and can hold HTML. The IMAP password is a widget value
only for as long as it is needed: it is emptied after the import and never said in a message.
"""

from __future__ import annotations

import os

import ipywidgets as widgets
import pandas as pd

from ..errors import WorkbookError
from ..mail import PASSWORD_ENV, WINDOW_DAYS, is_imap, read_sent_mail
from ..habits.views import sent_mail_matches
from ..wording import counted
from .common import (
    Quiet,
    candidate_dropdown,
    escape,
    maybe_display,
    message_html,
    read_now,
    refresh_candidates,
    refuse_to_start,
    shared_docs,
    table_html,
)

_CANNOT_START = "The sent-mail import cannot start"
#: What the source field suggests.
PLACEHOLDER = "~/mail/Sent.mbox  or  imaps://you@imap.example.com/Sent"
#: What the hint under the source field says.
SOURCE_HINT = ("A mailbox file (.mbox: a Gmail Takeout, Thunderbird or Apple Mail export), a Maildir, a folder "
               "of messages (.eml), one .eml file, or your mail server's sent folder as "
               "imaps://you@imap.example.com/Sent.")
#: Said after a look that found nothing.
NOTHING_FOUND = "Check the candidate, your other addresses and the days to look."

_LABEL = {"style": {"description_width": "18em"}}
_HINT = "color: #555; line-height: 1.4; margin-bottom: 4px"


@shared_docs
class SentMailImport(Quiet):
    """Find the thank-you notes and the replies in your sent mail, and import them into the log.

    Choose the candidate (whose mail it is), say where the sent mail is (a mailbox file or
    folder, or an IMAP address with its password) and press "Find matches": a table shows,
    for each message found, the person met, the company, the message's date on the
    interview's local clock, its subject and what an import will do with it ("mark the draft
    as sent", "record a new note", "already recorded", "record the reply"), and a line says
    how many messages were read and skipped. "Import" does exactly that, in one call of the
    log, and says what it did. Nothing is written before "Import"; a problem (a path that is
    not there, a login refused) is said in the widget and writes nothing.

    Changing any field after "Find matches" asks for it again: what is imported is always what
    was shown. The password box is shown only for an IMAP address; its value is emptied after
    each import (and when the address is no longer an IMAP one), and never shown in a message.

    Parameters
    ----------
    log : Log
        The interview log.
    candidate : str, optional
        The candidate whose mail it is. By default the candidate of the latest interview in
        the log, else the first candidate.
    source : str or Path, optional
        What the source field holds at first (nothing is read before "Find matches").
    {import_now}
    {display}

    Attributes
    ----------
    {widget}
    controls : dict
        The named controls: ``candidate`` (Dropdown), ``source`` (Text: a path, ``~`` is your
        home folder, or an ``imaps://`` address), ``hint`` (HTML), ``password`` (Password,
        shown for an IMAP address only), ``addresses`` (Text: your other addresses),
        ``window_days`` (BoundedIntText), ``find`` and ``import`` (Buttons), ``matches``
        (HTML: the table) and ``message`` (HTML: the summary line, or the problem).
    matches : DataFrame or None
        What an import would do (:func:`workbook.read_sent_mail`), as last found; None before
        "Find matches", after a change of a field and after the import.
    imported : list of DataFrame
        What each import did (:meth:`Log.import_sent_mail`).
    {error}

    Examples
    --------
    >>> mail = SentMailImport(log)  # doctest: +SKIP
    >>> mail.controls["source"].value = "~/mail/Sent.mbox"  # doctest: +SKIP
    >>> mail.controls["find"].click()  # doctest: +SKIP
    >>> mail.controls["import"].click()  # doctest: +SKIP
    """

    def __init__(self, log, candidate: str | None = None, source=None, now=None, display: bool = True):
        _, self.error = read_now(now)
        self.log = log
        self.now = now
        self.matches: pd.DataFrame | None = None
        self.imported: list[pd.DataFrame] = []
        candidates, unknown = candidate_dropdown(log, candidate, layout=widgets.Layout(width="38em"), **_LABEL)

        # Define the widgets.
        self.controls = c = {
            "candidate": candidates,
            "source": widgets.Text(description="Where your sent mail is", placeholder=PLACEHOLDER,
                                   value="" if source is None else str(source),
                                   layout=widgets.Layout(width="56em", max_width="100%"), **_LABEL),
            "hint": widgets.HTML(f"<div style='{_HINT}'>{escape(SOURCE_HINT)}</div>",
                                 layout=widgets.Layout(margin="0 0 0 18.4em", max_width="44em")),
            "password": widgets.Password(description="IMAP password", placeholder="used once, never stored",
                                         layout=widgets.Layout(width="38em"), **_LABEL),
            "addresses": widgets.Text(description="Your other addresses", placeholder="optional: old@example.com, …",
                                      layout=widgets.Layout(width="56em", max_width="100%"), **_LABEL),
            "window_days": widgets.BoundedIntText(description="Days to look after each interview", value=WINDOW_DAYS,
                                                  min=1, max=365, layout=widgets.Layout(width="24em"), **_LABEL),
            "find": widgets.Button(description="Find matches", icon="search"),
            "matches": widgets.HTML(),
            "message": widgets.HTML(),
            "import": widgets.Button(description="Import", icon="download", button_style="primary", disabled=True),
        }
        self.widget = widgets.VBox([c["candidate"], c["source"], c["hint"], c["password"], c["addresses"],
                                    widgets.HBox([c["window_days"], c["find"]]), c["matches"], c["message"],
                                    c["import"]])
        self._show_password()

        # Connect them.
        c["find"].on_click(lambda _button: self.find())
        c["import"].on_click(lambda _button: self.import_mail())
        for name in ("candidate", "source", "password", "addresses", "window_days"):
            c[name].observe(self._changed, names="value")

        if self.error is not None:
            refuse_to_start(self.widget, c["message"], _CANNOT_START, self.error, now)
        elif unknown is not None:
            c["message"].value = message_html(unknown, error=True)
        maybe_display(self.widget, display, "From your sent mail")

    def __repr__(self) -> str:
        candidate = self.controls["candidate"].value or "no candidate"
        if self.matches is None:
            return f"SentMailImport({candidate}: nothing found yet)"
        return f"SentMailImport({candidate}: {counted(len(self.matches), 'match', 'matches')} found)"

    # -- the fields -----------------------------------------------------------------------

    def _source(self) -> str:
        return self.controls["source"].value.strip().strip('"').strip("'")

    def _is_imap(self) -> bool:
        return is_imap(self._source())

    def _show_password(self) -> None:
        """The password box for an IMAP address only; emptied when the address is not one."""
        imap = self._is_imap()
        self.controls["password"].layout.display = None if imap else "none"
        if not imap and self.controls["password"].value:
            with self._quietly():
                self.controls["password"].value = ""

    def _changed(self, change) -> None:
        if change["owner"] is self.controls["source"]:
            self._show_password()
        if self._quiet or self.matches is None:
            return
        # What is imported is what was shown: another field asks for another look first.
        self._forget()
        self.controls["message"].value = message_html("A field was changed: press Find matches to see its matches.")

    def _forget(self) -> None:
        self.matches = None
        self.controls["matches"].value = ""
        self.controls["import"].disabled = True

    def _inputs(self) -> tuple[dict | None, str | None]:
        """The arguments of the read and of the import, as the fields give them, or None and
        what is missing, in words for the person."""
        c = self.controls
        source = self._source()
        if not source:
            return None, f"Type where your sent mail is: a mailbox file or folder, or an IMAP address ({PLACEHOLDER})."
        if not c["candidate"].value:
            return None, "Choose the candidate whose mail it is (add them under About you first, if the list is empty)."
        if self._is_imap() and not c["password"].value and not os.environ.get(PASSWORD_ENV):
            return None, "Type the password of the mail account (it is used for this once, never stored)."
        return {"source": source, "candidate": c["candidate"].value, "window_days": int(c["window_days"].value),
                "addresses": c["addresses"].value.strip() or None, "password": c["password"].value or None,
                "now": self.now}, None

    def _said(self, error: WorkbookError) -> str:
        """The error in words, the password typed never among them."""
        said, password = str(error), self.controls["password"].value
        return said.replace(password, "•••") if password else said

    # -- finding and importing ------------------------------------------------------------

    def find(self) -> pd.DataFrame | None:
        """Read the sent mail and show what an import would do; return it, or None (and say
        why in the widget) when it cannot be read. Writes nothing."""
        if self.error is not None:
            return None
        c = self.controls
        with self._quietly():
            refresh_candidates(c["candidate"], self.log)
        self._forget()
        c["message"].value = ""
        inputs, missing = self._inputs()
        if missing is not None:
            c["message"].value = message_html(missing, error=True)
            return None
        try:
            matches = read_sent_mail(log=self.log, **inputs)
        except WorkbookError as error:
            c["message"].value = message_html(f"Nothing was read: {self._said(error)}", error=True)
            return None
        self.matches = matches
        c["matches"].value = self._table(matches, done=False) if len(matches) else ""
        to_record = matches["action"].ne("already_recorded").any()
        c["import"].disabled = not to_record
        if not to_record:  # no Import follows: the password is not kept for it
            with self._quietly():
                c["password"].value = ""
        said = matches.attrs["summary"]
        c["message"].value = message_html(f"{said} Press Import to record them." if to_record else
                                          said if len(matches) else f"{said} {NOTHING_FOUND}")
        return matches

    def import_mail(self) -> pd.DataFrame | None:
        """Import what was found, with the same fields, in one call of the log; say what it
        did and empty the password box. Return what the log did (:meth:`Log.import_sent_mail`),
        or None when nothing was written (a problem, said in the widget)."""
        if self.error is not None:
            return None
        c = self.controls
        inputs, missing = self._inputs()
        if self.matches is None:
            missing = "Press Find matches first: nothing has been found to import."
        elif self.matches["action"].eq("already_recorded").all():
            missing = "Nothing to import: every match found is in the log already."
        if missing is not None:
            c["message"].value = message_html(missing, error=True)
            return None
        try:
            try:
                done = self.log.import_sent_mail(**inputs)
            except WorkbookError as error:
                c["message"].value = message_html(f"Nothing was imported: {self._said(error)}", error=True)
                return None
        finally:
            with self._quietly():
                c["password"].value = ""
        self.imported.append(done)
        self._forget()
        c["matches"].value = self._table(done, done=True) if len(done) else ""
        c["message"].value = message_html(done.attrs["summary"])
        return done

    def _table(self, matches: pd.DataFrame, done: bool) -> str:
        """The matches as a person reads them, escaped; dates on each interview's own clock."""
        return table_html(sent_mail_matches(matches, self.log, done=done), index=False)


