"""The note builder: a thank-you note to each person met at an interview, written against the
guideline's live checklist, saved in the log, marked as sent and handed to a mail program.

A thin layer: each person's :class:`~workbook.notes.context.NoteContext` is read once when
their tab is shown; then :func:`~workbook.notes.compose.compose` writes a note from its parts,
:func:`~workbook.notes.review.review` checks it, :func:`~workbook.habits.followup_table.describe_timing` says
when it is due, :mod:`workbook.notes.mail` makes the ``.eml`` file and the ``mailto:`` link, and
the :class:`~workbook.Log` keeps the note. Everything shown as HTML is escaped first: names,
talking points and notes are typed by people.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..notes.compose import TONES, NoteParts, compose
from ..notes.context import NamesInLog, NoteContext, names_in_log, note_context
from ..errors import WorkbookError
from ..notes.mail import mailto, save_eml
# word_count: the words the "length" check counts, so that the word count and the checklist agree.
from ..notes.review import Check, review, word_count
from ..vocabulary import CHANNELS
from ..habits.followup_table import describe_timing
from ..instants import resolve_now
from ..wording import local_time
from .about_you import missing_contact_html
from .common import shared_docs
from .common import ERROR_STYLE as _ERROR_STYLE
from .common import escape as _escape
from .common import interview_label
from .common import NoticesChanges, Quiet, WhenField, maybe_display, read_now, refuse_to_start
from .common import optional as _optional

#: The marker before a person's name on their tab: a note sent, a draft, no note yet.
MARKERS = {"sent": "✓", "draft": "✎", "none": "○"}
#: The parts of a note the candidate types (besides the tone).
PARTS = ("detail", "skills", "goals", "next_steps")
#: What the builder shows on a log without interviews.
NO_INTERVIEWS = "No interviews in the log yet: log one first."

_LABEL = {"style": {"description_width": "7em"}}
# A little short of the column: the label and the box's margins would push a full width past it.
_WIDE = widgets.Layout(width="96%")
# A button keeps its whole label beside a long message: the message wraps instead.
_BUTTON = {"layout": widgets.Layout(flex="0 0 auto", width="auto")}


@dataclass
class PersonNote:
    """What the builder knows about the note to one person met.

    Attributes
    ----------
    context : NoteContext
        The person, their interview and the candidate, loaded once and reused as they type.
    note_id : int or None
        The latest note to them in the log (a draft or sent); None before the first save.
    saved : dict or None
        That note's ``subject``, ``body`` and ``channel`` as the log holds them.
    sent_at : Timestamp or None
        When that note went out; None for a draft.
    first_sent_at : Timestamp or None
        When the first note to them went out: what their follow-up timing counts.
    body_is_own, subject_is_own : bool
        Whether the person wrote the body (subject) by hand, or it was loaded from the log:
        changing a part then no longer recomposes it ("Compose again" does, on purpose).
    checks : list of Check
        The review of the note as it stands in the widget, refreshed on every change.
    """

    context: NoteContext
    note_id: int | None = None
    saved: dict | None = None
    sent_at: pd.Timestamp | None = None
    first_sent_at: pd.Timestamp | None = None
    body_is_own: bool = False
    subject_is_own: bool = False
    checks: list[Check] = field(default_factory=list)

    @property
    def state(self) -> str:
        """``sent`` (a note went out), ``draft`` (only a draft) or ``none``."""
        if self.first_sent_at is not None:
            return "sent"
        return "draft" if self.note_id is not None else "none"


def _instant(value) -> pd.Timestamp | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value)


def render_preview(subject: str, body: str, channel: str) -> str:
    """The note as the interviewer will read it, as escaped HTML."""
    if channel == "email":
        head = f"<div><b>Subject:</b> {_escape(subject) if subject.strip() else '<i>(none)</i>'}</div>"
    else:
        head = f"<div><i>A {_escape(channel)} note: no subject line.</i></div>"
    text = _escape(body) if body.strip() else "<i>(empty)</i>"
    return f"{head}<div style='border-left: 3px solid #ccc; padding-left: 0.6em; margin-top: 0.3em'>{text}</div>"


def render_checklist(checks: list[Check]) -> str:
    """The review as a checklist: ✓ or ✗, the check's name and its advice, as escaped HTML."""
    passed = sum(c.passed for c in checks)
    rows = "".join(
        f"<li>{'✓' if c.passed else '✗'} <b>{_escape(c.name)}</b>: {_escape(c.advice)}</li>" for c in checks
    )
    return (f"<div><b>Checklist: {passed} of {len(checks)}</b></div>"
            f"<ul style='list-style: none; padding-left: 0; margin: 0'>{rows}</ul>")


@shared_docs
class NoteBuilder(Quiet, NoticesChanges):
    """Write, save, mark as sent and hand off a thank-you note to each person met.

    Choose a candidate and one of their interviews; each person met there has a tab, its
    title marked ✓ (a note sent), ✎ (a draft) or ○ (no note yet), and the line above the
    tabs names everyone still without a sent note. In a tab, the parts of the note (tone,
    the specific detail from this conversation, skills, goals, next steps) compose the
    subject and body live until the body is edited by hand; the preview, word count and
    checklist follow every change. A note already in the log (the latest, draft or sent)
    is loaded for editing.

    "Mark as sent" takes the date (a date picker, today by default) and a time of day as the
    interview form takes it ("20:30", "8:30 pm"), on the wall clock of the interview's time
    zone, named beside it; the time left empty is now. The builder notices what another
    notebook wrote to the log when a person chooses a candidate, an interview or a tab (the
    log's revision is one tiny read), and "Refresh" reads the log again at once; either way
    what is chosen and the notes being written stay as they are.

    Parameters
    ----------
    log : Log
        The interview log.
    candidate : str, optional
        The candidate to start with. By default the candidate of ``interview_id``, else of
        the latest interview in the log.
    interview_id : int, optional
        The interview to start with; by default the candidate's latest.
    now : datetime or str, optional
        The instant to treat as now, for the countdown and for "Mark as sent" with no time
        given; by default ``$WORKBOOK_NOW`` if set, else the real clock. When it is not a
        time, the builder says so and offers nothing to press.
    downloads : str or Path, optional
        Where "Download .eml" writes; by default the current working directory.
    {display}

    Attributes
    ----------
    {widget}
    controls : dict
        The named controls: ``candidate`` and ``interview`` (Dropdowns), ``refresh``
        (Button), ``without_note`` (HTML: who still has no note), ``message`` (HTML),
        ``tabs`` (Tab), and ``people``:
        for each interviewer id, a dict of that tab's controls: ``tone``, ``detail``,
        ``skills``, ``goals``, ``next_steps``, ``channel``, ``subject``, ``body``,
        ``compose_again``, ``save``, ``sent_date`` (DatePicker), ``sent_time`` (Text: the time
        of day), ``sent_zone`` (HTML: its time zone), ``mark_sent``, ``download``,
        ``mail_link`` (HTML anchor), ``heading``, ``timing``, ``preview``, ``words``,
        ``checklist``, ``message`` (HTML) and ``box`` (the tab's content).
    people : dict of int to PersonNote
        The state of each person's note, by interviewer id, in tab order.
    error : Exception or None
        Why the builder could not start (a malformed ``now``), also shown in it; None if it
        could.

    Examples
    --------
    >>> builder = NoteBuilder(log, now="2026-11-20T17:00:00+00:00")  # doctest: +SKIP
    >>> builder.controls["people"][7]["detail"].value = "the churn dashboard rebuild"  # doctest: +SKIP
    >>> builder.controls["people"][7]["save"].click()  # doctest: +SKIP
    """

    def __init__(self, log, candidate: str | None = None, interview_id: int | None = None, now=None,
                 downloads: str | Path | None = None, display: bool = True):
        _, self.error = read_now(now)  # a wrong now is told here, not on every refresh
        self.log = log
        self.now = now
        self.downloads = downloads
        self.people: dict[int, PersonNote] = {}
        self._names = NamesInLog()  # the log's names, read once per interview shown
        self._timing_shown: dict[int, tuple] = {}  # what each timing line was written for
        self._quiet = False
        self._composing = False
        self._when: dict[int, WhenField] = {}  # each tab's "Sent at"
        self._shown: int | None = None  # the interview whose people have tabs
        self._revision = None if self.error is not None else log.revision()  # before reading
        self._interviews = log.interviews()

        # Define the widgets.
        self.controls = {
            "candidate": widgets.Dropdown(description="Candidate", options=list(log.candidates()["candidate"]),
                                          value=None, **_LABEL),
            "interview": widgets.Dropdown(description="Interview", options=[], value=None,
                                          layout=widgets.Layout(width="40em"), **_LABEL),
            "refresh": widgets.Button(description="Refresh", icon="refresh",
                                      tooltip="Read the log again: what other notebooks wrote", **_BUTTON),
            "without_note": widgets.HTML(),
            "message": widgets.HTML(),
            "tabs": widgets.Tab(),
            "people": {},
        }
        c = self.controls
        self.widget = widgets.VBox([widgets.HBox([c["candidate"], c["interview"], c["refresh"]]), c["without_note"],
                                    c["message"], c["tabs"]])

        # Connect them.
        c["candidate"].observe(self._on_candidate, names="value")
        c["interview"].observe(self._on_interview, names="value")
        c["tabs"].observe(lambda _change: self._quiet or self.notice_changes(), names="selected_index")
        c["refresh"].on_click(lambda _button: self.refresh())

        if self.error is None:
            self._start(candidate, interview_id)
        else:
            refuse_to_start(self.widget, c["message"], "The builder cannot show the notes", self.error, now)
        maybe_display(self.widget, display, "Note builder")

    def __repr__(self) -> str:
        waiting = sum(p.first_sent_at is None for p in self.people.values())
        return (f"NoteBuilder(interview {self.controls['interview'].value}: {len(self.people)} people met, "
                f"{waiting} not thanked yet)")

    # -- choosing the interview -----------------------------------------------------------

    def _start(self, candidate, interview_id) -> None:
        interviews, problems = self._interviews, []
        if interview_id is not None:
            found = interviews[interviews["interview_id"] == interview_id]
            if len(found):
                candidate, interview_id = found["candidate"].iloc[0], int(interview_id)
            else:
                problems.append(f"The log holds no interview {interview_id}.")
                interview_id = None
        if candidate is not None and candidate not in self.controls["candidate"].options:
            problems.append(f"The log holds no candidate {candidate!r}.")
            candidate = None
        if candidate is None and len(interviews):
            candidate = interviews.sort_values("starts_at")["candidate"].iloc[-1]
        elif candidate is None and self.controls["candidate"].options:
            candidate = self.controls["candidate"].options[0]
        self._say_above(" ".join(problems))
        with self._quietly():
            self.controls["candidate"].value = candidate
        self.choose_candidate(candidate, interview_id)

    def _on_candidate(self, change) -> None:
        if not self._quiet:
            self._say_above("")
            if not self.notice_changes():  # read again, it lists the candidate's interviews itself
                self.choose_candidate(change["new"])

    def _on_interview(self, change) -> None:
        if not self._quiet:
            self._say_above("")
            if not self.notice_changes():
                self.show_interview(change["new"])

    # -- another notebook wrote -----------------------------------------------------------

    def refresh(self) -> None:
        """Read the log again: new candidates, interviews and people met join the lists, notes
        saved or sent elsewhere show in the markers; the candidate, interview and tab chosen
        stay, and so does every note being written (its parts, subject and body)."""
        if self.error is not None:
            return
        self._revision = self.log.revision()  # first: a write after it is noticed next time
        self._interviews = self.log.interviews()
        c = self.controls
        candidate, names = c["candidate"].value, list(self.log.candidates()["candidate"])
        if candidate not in names:  # none yet (an empty log until now), or removed meanwhile
            with self._quietly():
                c["candidate"].options = names
            self._start(None, None)
            return
        chosen = c["interview"].value
        mine = self._interviews[self._interviews["candidate"] == candidate]
        mine = mine.sort_values(["starts_at", "interview_id"], ascending=False)
        options = [(interview_label(row), int(row.interview_id)) for row in mine.itertuples()]
        with self._quietly():
            c["candidate"].options = names
            c["candidate"].value = candidate
            c["interview"].options = options
            c["interview"].value = chosen if chosen in [i for _, i in options] else (
                options[0][1] if options else None)
        if c["interview"].value != self._shown or c["interview"].value is None:
            self.show_interview(c["interview"].value)
        else:
            self._read_people_again(self._shown)

    def _read_people_again(self, interview_id: int) -> None:
        """The people met at the interview shown, read again: a tab for each one added, none
        for one removed; the tabs kept keep what is typed in them."""
        self._names = names_in_log(self.log)
        met = self.log.interviewers()
        ids = [int(i) for i in met.loc[met["interview_id"] == interview_id, "interviewer_id"]]
        notes = self.log.notes()
        notes = notes[notes["interviewer_id"].isin(ids)]
        tabs = self.controls["tabs"]
        before = list(self.people)
        selected = before[tabs.selected_index] if before and tabs.selected_index is not None else None
        people, controls = {}, {}
        for interviewer_id in ids:
            read = self._load(interviewer_id, notes[notes["interviewer_id"] == interviewer_id])
            if interviewer_id in self.people:
                person = self.people[interviewer_id]
                person.context = read.context
                person.note_id, person.sent_at, person.first_sent_at = read.note_id, read.sent_at, read.first_sent_at
                if read.saved is not None:
                    person.saved = read.saved
                controls[interviewer_id] = self.controls["people"][interviewer_id]
                controls[interviewer_id]["heading"].value = self._heading(read.context)
                controls[interviewer_id]["mark_sent"].disabled = person.sent_at is not None
            else:
                person = read
                controls[interviewer_id] = self._person_controls(interviewer_id, person)
            people[interviewer_id] = person
        self.people, self.controls["people"] = people, controls
        self._when = {interviewer_id: self._when[interviewer_id] for interviewer_id in people}
        for interviewer_id in people:
            self.refresh_preview(interviewer_id)
        with self._quietly():
            tabs.children = [tab["box"] for tab in controls.values()]
            now_shown = list(people)
            tabs.selected_index = (now_shown.index(selected) if selected in now_shown
                                   else (0 if now_shown else None))
        self._refresh_markers()

    def choose_candidate(self, candidate: str | None, interview_id: int | None = None) -> None:
        """List ``candidate``'s interviews, latest first, and show one (by default the latest)."""
        mine = self._interviews[self._interviews["candidate"] == candidate]
        mine = mine.sort_values(["starts_at", "interview_id"], ascending=False)
        options = [(interview_label(row), int(row.interview_id)) for row in mine.itertuples()]
        with self._quietly():
            self.controls["interview"].options = options
            self.controls["interview"].value = interview_id if interview_id is not None else (
                options[0][1] if options else None)
        self.show_interview(self.controls["interview"].value)

    def show_interview(self, interview_id: int | None) -> None:
        """Build one tab per person met at ``interview_id``, with their latest note loaded."""
        self.people, self.controls["people"], self._timing_shown, self._when = {}, {}, {}, {}
        self._shown = interview_id
        if interview_id is not None:
            # The one read that grows with the log, shared by everyone met at the interview.
            self._names = names_in_log(self.log)
            met = self.log.interviewers()
            met = met[met["interview_id"] == interview_id]
            notes = self.log.notes()
            notes = notes[notes["interviewer_id"].isin(met["interviewer_id"])]
            for interviewer_id in met["interviewer_id"]:
                interviewer_id = int(interviewer_id)
                person = self._load(interviewer_id, notes[notes["interviewer_id"] == interviewer_id])
                self.people[interviewer_id] = person
                self.controls["people"][interviewer_id] = self._person_controls(interviewer_id, person)
                self.refresh_preview(interviewer_id)
                self._refresh_timing(interviewer_id)
        tabs = self.controls["tabs"]
        tabs.children = [controls["box"] for controls in self.controls["people"].values()]
        self._refresh_markers()
        waiting = [i for i, p in enumerate(self.people.values()) if p.first_sent_at is None]
        tabs.selected_index = (waiting[0] if waiting else 0) if self.people else None

    def _load(self, interviewer_id: int, notes: pd.DataFrame) -> PersonNote:
        person = PersonNote(note_context(self.log, interviewer_id, names=self._names))
        if len(notes):
            latest = notes.loc[notes["note_id"].idxmax()]
            person.note_id = int(latest["note_id"])
            person.saved = {"subject": _optional(latest["subject"]), "body": _optional(latest["body"]) or "",
                            "channel": latest["channel"]}
            person.sent_at = _instant(latest["sent_at"])
            person.first_sent_at = _instant(notes["sent_at"].min())
            person.body_is_own = person.subject_is_own = True
        return person

    # -- one person's tab -----------------------------------------------------------------

    def _person_controls(self, interviewer_id: int, person: PersonNote) -> dict:
        ctx = person.context
        if person.saved is not None:
            subject, body, channel = person.saved["subject"] or "", person.saved["body"], person.saved["channel"]
        else:
            composed = compose(ctx, NoteParts(), now=self.now)
            subject, body, channel = composed.subject, composed.body, "email"
        mark_sent = widgets.Button(description="Mark as sent", icon="check", disabled=person.sent_at is not None,
                                   **_BUTTON)
        # A fixed now stays fixed; without one, "today" is read again when the time is.
        when = self._when[interviewer_id] = WhenField("Sent at", mark_sent, now=self.now)

        # Define the widgets.
        controls = {
            "heading": widgets.HTML(self._heading(ctx)),
            "timing": widgets.HTML(),
            "tone": widgets.ToggleButtons(options=TONES, value="warm", description="Tone", **_LABEL),
            "detail": widgets.Textarea(description="Detail", rows=2, layout=_WIDE, **_LABEL,
                                       placeholder=ctx.talking_points or "something specific you talked about"),
            "skills": widgets.Text(description="Skills", layout=_WIDE, **_LABEL,
                                   placeholder=" and ".join(ctx.skills[:2]) or "the skills that fit this role"),
            "goals": widgets.Text(description="Goals", layout=_WIDE, **_LABEL,
                                  placeholder="one or two projects or goals you would like to work on"),
            "next_steps": widgets.Text(description="Next steps", layout=_WIDE, **_LABEL,
                                       placeholder="what you agreed: I will send my work samples by Friday"),
            "channel": widgets.ToggleButtons(options=CHANNELS, value=channel, description="Channel", **_LABEL),
            "subject": widgets.Text(value=subject, description="Subject", layout=_WIDE, **_LABEL),
            "body": widgets.Textarea(value=body, description="Body", rows=12, layout=_WIDE, **_LABEL),
            "compose_again": widgets.Button(description="Compose again", icon="refresh",
                                            tooltip="Rewrite subject and body from the parts above", **_BUTTON),
            "save": widgets.Button(description="Save draft", icon="save", **_BUTTON),
            "sent_date": when.date,
            "sent_time": when.time,
            "sent_zone": when.zone,
            "mark_sent": mark_sent,
            "download": widgets.Button(description="Download .eml", icon="download", **_BUTTON),
            # A long refusal ("Open in mail program: interviewer …") wraps beside the button.
            "mail_link": widgets.HTML(layout=widgets.Layout(flex="1 1 auto", min_width="0")),
            "message": widgets.HTML(),
            "preview": widgets.HTML(),
            "words": widgets.Label(),
            "checklist": widgets.HTML(),
        }
        c = controls
        editor = widgets.VBox([c["heading"], c["timing"], c["tone"], c["detail"], c["skills"], c["goals"],
                               c["next_steps"], c["channel"], c["subject"], c["body"],
                               widgets.HBox([c["compose_again"], c["save"]]),
                               when.widget,
                               widgets.HBox([c["download"], c["mail_link"]]), c["message"]],
                              layout=widgets.Layout(width="55%"))
        review = widgets.VBox([c["preview"], c["words"], c["checklist"]],
                              layout=widgets.Layout(width="45%", padding="0 0 0 1em"))
        c["box"] = widgets.HBox([editor, review])

        # Connect them.
        for name in ("tone", *PARTS):
            c[name].observe(lambda _change, i=interviewer_id: self.recompose(i), names="value")
        for name in ("subject", "body"):
            c[name].observe(lambda _change, i=interviewer_id, n=name: self._typed(i, n), names="value")
        c["channel"].observe(lambda _change, i=interviewer_id: self.refresh_preview(i), names="value")
        c["compose_again"].on_click(lambda _button, i=interviewer_id: self.recompose(i, overwrite=True))
        c["save"].on_click(lambda _button, i=interviewer_id: self.save_draft(i))
        c["mark_sent"].on_click(lambda _button, i=interviewer_id: self.mark_sent(i))
        c["download"].on_click(lambda _button, i=interviewer_id: self.download_eml(i))
        when.show(ctx.timezone)
        return controls

    @staticmethod
    def _heading(ctx: NoteContext) -> str:
        about = ", ".join(_escape(x) for x in (ctx.title, ctx.email or "no email address logged") if x)
        return f"<b>{_escape(ctx.name)}</b> ({about})"

    def parts(self, interviewer_id: int) -> NoteParts:
        """The parts of the note to one person, as typed in their tab."""
        c = self.controls["people"][interviewer_id]
        return NoteParts(**{name: c[name].value for name in PARTS}, tone=c["tone"].value)

    def recompose(self, interviewer_id: int, overwrite: bool = False) -> None:
        """Compose subject and body again from the parts, except what was written by hand.

        With ``overwrite=True`` ("Compose again") the hand-written subject and body are
        replaced too, and follow the parts again from then on.
        """
        person, c = self.people[interviewer_id], self.controls["people"][interviewer_id]
        if overwrite:
            person.body_is_own = person.subject_is_own = False
        composed = compose(person.context, self.parts(interviewer_id), now=self.now)
        self._composing = True
        try:
            if not person.subject_is_own:
                c["subject"].value = composed.subject
            if not person.body_is_own:
                c["body"].value = composed.body
        finally:
            self._composing = False
        if person.body_is_own:
            self._say(interviewer_id, "The body is yours now: press “Compose again” to write it from the parts.")
        elif overwrite:
            self._say(interviewer_id, "")
        self.refresh_preview(interviewer_id)

    def _typed(self, interviewer_id: int, name: str) -> None:
        if self._composing:
            return
        setattr(self.people[interviewer_id], f"{name}_is_own", True)
        self.refresh_preview(interviewer_id)

    def refresh_preview(self, interviewer_id: int) -> list[Check]:
        """Review the note as it stands and refresh the preview, word count, checklist and
        mail link; return the checks.

        This is what runs on every change of a field (every keystroke in a text box): pure
        computation on the person's context, read when their tab was shown; it reads nothing
        from the log.
        """
        person, c = self.people[interviewer_id], self.controls["people"][interviewer_id]
        subject, body, channel = c["subject"].value, c["body"].value, c["channel"].value
        person.checks = review(person.context, body, subject, channel)
        c["preview"].value = render_preview(subject, body, channel)
        c["words"].value = f"{word_count(body)} words"
        self._refresh_timing(interviewer_id)  # the countdown moves on as the person types
        c["checklist"].value = render_checklist(person.checks) + missing_contact_html(person.context, person.checks)
        c["mail_link"].value = self._mail_link(person.context, subject, body, channel)
        c["download"].disabled = channel != "email"
        return person.checks

    @staticmethod
    def _mail_link(context: NoteContext, subject: str, body: str, channel: str) -> str:
        if channel != "email":
            return "<i>Open in mail program: for an email note</i>"
        try:
            link = mailto(context, body, subject or None)
        except WorkbookError as error:
            return f"<span style='{_ERROR_STYLE}'>Open in mail program: {_escape(error)}</span>"
        return (f'<a href="{html.escape(link, quote=True)}" target="_blank" '
                f'style="color: #0b62c4; text-decoration: underline">Open in mail program</a>')

    # -- saving, sending, handing off -----------------------------------------------------

    def save_draft(self, interviewer_id: int) -> int | None:
        """Save the note to one person: a new note the first time, the same note after.

        Returns the note id, or None when the log refused it (the reason is shown).
        """
        try:
            self._save(interviewer_id)
        except (WorkbookError, ValueError) as error:
            self._say(interviewer_id, str(error), error=True)
            return None
        person = self.people[interviewer_id]
        self._after_write(interviewer_id)
        what = "Saved the text of the sent note" if person.sent_at is not None else "Draft saved"
        self._say(interviewer_id, f"{what}: your note to {person.context.name}.")
        return person.note_id

    def _typed_note(self, interviewer_id: int) -> dict:
        """The note as it stands in the tab: ``subject`` (None when blank), ``body``, ``channel``."""
        c = self.controls["people"][interviewer_id]
        return {"subject": c["subject"].value.strip() or None, "body": c["body"].value, "channel": c["channel"].value}

    def _save(self, interviewer_id: int) -> None:
        person = self.people[interviewer_id]
        values = self._typed_note(interviewer_id)
        if person.note_id is None:
            person.note_id = self.log.add_note(interviewer_id, **values)
        elif values != person.saved:
            self.log.change_note(person.note_id, **values)
        person.saved = values

    def mark_sent(self, interviewer_id: int) -> pd.Timestamp | None:
        """Save the note and record that it went out at the time typed (empty: now), in one
        transaction (:meth:`~workbook.Log.send_note`).

        Returns the instant recorded, or None when refused (a time that is not a time, in
        the future or before the interview ended; a subject the log refuses): the reason is
        shown and the log is left as it was, the draft included.
        """
        person, c = self.people[interviewer_id], self.controls["people"][interviewer_id]
        if person.sent_at is not None:
            self._say(interviewer_id, f"This note was already marked sent, {self._local(person, person.sent_at)}.",
                      error=True)
            return None
        values = self._typed_note(interviewer_id)
        at, problem = self._when[interviewer_id].read()
        if problem is not None:
            self._say(interviewer_id, f"Not marked as sent: {problem}.", error=True)
            return None
        try:
            person.note_id, sent_at = self.log.send_note(interviewer_id, **values, note_id=person.note_id,
                                                         at=at, now=self.now)
        except (WorkbookError, ValueError) as error:
            self._say(interviewer_id, str(error), error=True)
            return None
        person.saved, person.sent_at = values, sent_at
        person.first_sent_at = min(person.first_sent_at or sent_at, sent_at)
        c["mark_sent"].disabled = True
        self._after_write(interviewer_id)
        self._say(interviewer_id, f"Marked as sent, {self._local(person, sent_at)}.")
        return sent_at

    def download_eml(self, interviewer_id: int) -> Path | None:
        """Write the note as an ``.eml`` file into the downloads folder; return its path.

        The file opens as a draft in a mail program. Returns None when refused (no email
        address, say): the reason is shown.
        """
        person, c = self.people[interviewer_id], self.controls["people"][interviewer_id]
        folder = Path(self.downloads) if self.downloads is not None else Path.cwd()
        try:
            path = save_eml(person.context, c["body"].value, folder, subject=c["subject"].value or None,
                            sent_at=person.sent_at, now=self.now)
        except (WorkbookError, ValueError, OSError) as error:
            self._say(interviewer_id, str(error), error=True)
            return None
        c["message"].value = (f"Wrote <code>{_escape(path)}</code>: open it in your mail program, check it and "
                              "send it, then mark the note as sent here.")
        return path

    def _after_write(self, interviewer_id: int) -> None:
        """After a save: the others' notes are compared with this one, the markers and the
        countdown follow."""
        # The log moved on by this one write only: nothing to read again. (Each write raises the
        # revision by exactly one, so one more means no other notebook wrote meanwhile.)
        if self._revision is not None and self.log.revision() == self._revision + 1:
            self._revision += 1
        for other in self.people:
            if other != interviewer_id:
                self.people[other].context = note_context(self.log, other, names=self._names)
            self.refresh_preview(other)
        self._refresh_timing(interviewer_id)
        self._refresh_markers()

    # -- what is shown --------------------------------------------------------------------

    def _refresh_markers(self) -> None:
        self.controls["tabs"].titles = tuple(f"{MARKERS[p.state]} {p.context.name}" for p in self.people.values())
        candidate = self.controls["candidate"].value
        if candidate is None:
            line = NO_INTERVIEWS
        elif self.controls["interview"].value is None:
            line = f"No interviews for {candidate} in the log yet: log one first."
        elif not self.people:
            line = "No one you met at this interview is in the log yet: add the people you met."
        else:
            waiting = [p.context.name for p in self.people.values() if p.first_sent_at is None]
            line = (f"Not thanked yet: {', '.join(waiting)}" if waiting
                    else "Every person you met has been sent a note. Well done.")
        legend = "" if not self.people else (
            " <span style='color: #666'>(✓ sent · ✎ draft · ○ no note yet)</span>")
        self.controls["without_note"].value = f"<b>{_escape(line)}</b>{legend}"

    def _refresh_timing(self, interviewer_id: int) -> None:
        person = self.people[interviewer_id]
        now = resolve_now(self.now)
        # The line counts whole minutes: within the same minute (a burst of typing) it stands.
        shown = (person.first_sent_at, now.floor("min"))
        if self._timing_shown.get(interviewer_id) == shown:
            return
        line = describe_timing(person.context.ended_at, person.context.timezone, person.first_sent_at, now=now)
        self.controls["people"][interviewer_id]["timing"].value = f"Follow-up: {_escape(line)}"
        before = self._timing_shown.get(interviewer_id)
        self._timing_shown[interviewer_id] = shown
        # A note written over midnight: "today" has become "yesterday". What the builder wrote
        # is written again; what the person wrote stays theirs.
        zone = person.context.timezone
        if before is not None and before[1].tz_convert(zone).date() != shown[1].tz_convert(zone).date():
            self.recompose(interviewer_id)

    @staticmethod
    def _local(person: PersonNote, instant: pd.Timestamp) -> str:
        return local_time(instant, person.context.timezone)

    def _say(self, interviewer_id: int, text: str, error: bool = False) -> None:
        text = _escape(text)
        self.controls["people"][interviewer_id]["message"].value = (
            f"<span style='{_ERROR_STYLE}'>⚠ {text}</span>" if error and text else text)

    def _say_above(self, text: str) -> None:
        self.controls["message"].value = f"<span style='{_ERROR_STYLE}'>{_escape(text)}</span>" if text else ""
