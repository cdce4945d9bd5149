"""The follow-up tracker: the to-do list after interviews.

Everyone met who has not been thanked yet, most urgent first (:func:`~workbook.habits.due_now`
over :func:`~workbook.habits.followup_table.followups`), and the three things that happen after a note is
written: it goes out (:meth:`Log.mark_sent <workbook.store.log.Log.mark_sent>`, or
:meth:`~workbook.store.log.Log.send_note` when no draft was kept), the person replies
(:meth:`~workbook.store.log.Log.mark_replied`), and the interview has an outcome
(:meth:`~workbook.store.log.Log.record_outcome`). Each button is one of those calls, one
transaction: the log reads the times typed and holds every rule; a refusal is shown in the
widget and changes nothing. Everything shown as HTML is escaped.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..errors import WorkbookError
from ..habits.analysis import ALL, due_now
from ..vocabulary import CHANNELS, OUTCOMES
from ..habits.followup_table import describe_timing, followups
from ..instants import resolve_now
from ..wording import (calendar_date, interview_words, local_date, local_time, local_times, standing_words,
                       time_left, times_left)
from .common import (
    shared_docs,
    NoticesChanges,
    Quiet,
    WhenField,
    escape,
    interview_label,
    maybe_display,
    message_html,
    optional,
    read_now,
    refuse_to_start,
    table_html,
)

#: What the tracker shows on a log without interviews.
NO_INTERVIEWS = "No interviews in the log yet: log one, and the people you met, with the interview form first."
#: The columns of the list of people still to thank, as shown.
LIST_HEADINGS = ("Status", "Time left", "Due (local time)", "Candidate", "Company", "Person", "Draft")

_LABEL = {"style": {"description_width": "7em"}}
_WIDE = widgets.Layout(width="48em")
# A button beside a field or a message keeps its whole label: the others give way.
_BUTTON = {"layout": widgets.Layout(flex="0 0 auto", width="auto")}
# The candidate filter's value for everyone: no candidate's name is empty.
_EVERYONE = ""
# How much of a subject or a body names a note in a list or a sentence.
_NOTE_WORDS = 50


def note_words(subject, body) -> str:
    """A note as the person who wrote it knows it: its subject in quotes, “Thank you for your
    time today”, else its first words, “Dear Rachel, Thank you for meeting with me…”; ""
    when it has no text. Long ones are cut after a whole word, with "…"."""
    text = " ".join((optional(subject) or optional(body) or "").split())
    if len(text) > _NOTE_WORDS:
        cut = text[:_NOTE_WORDS]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.—-") + "…"
    return f"“{text}”" if text else ""


def render_due(due: pd.DataFrame, drafts: pd.Series) -> str:
    """The people still to thank (rows of :func:`~workbook.habits.due_now`) as an escaped
    HTML table, in the order given; ``drafts`` names the latest draft by interviewer, as
    :func:`note_words` does (a draft without text: "draft, no text yet")."""
    shown = pd.DataFrame({
        "Status": standing_words(due["status"], due["never_thanked"]),
        "Time left": times_left(due["hours_left"]),
        "Due (local time)": local_times(due["due_at"], due["timezone"]),
        "Candidate": due["candidate"].astype(str),
        "Company": due["company"],
        "Person": due["interviewer"],
        "Draft": due["interviewer_id"].map(drafts).map(lambda words: "" if pd.isna(words)
                                                        else words or "draft, no text yet"),
    }, columns=list(LIST_HEADINGS))
    return table_html(shown, index=False)


@shared_docs
class FollowupTracker(Quiet, NoticesChanges):
    """The to-do list after interviews: who still needs a thank-you note, and what came back.

    The list holds every person met who has no sent note yet, pending and overdue, most
    urgent first, with the time left (or how overdue) and any draft. Below it:

    - **Mark a note sent** to a person on the list: their latest draft is marked sent if
      they have one, else a note is recorded with the channel and the time. The time is a
      date (a date picker, today by default) and a time of day as the interview form takes
      it ("20:30", "8:30 pm"), on the wall clock of the interview's time zone, named beside
      it; left empty, it is now. They leave the list.
    - **Record a reply** to a sent note that has none yet, at a date and time given the same way.
    - **Record the outcome** of an interview, or change the one recorded.

    The candidate filter narrows the list and the three choices to one candidate. The
    tracker notices what another notebook wrote to the log when a person chooses something
    in it (the log's revision is one tiny read), and "Refresh" reads the log again at once;
    either way what is chosen and typed stays.

    Parameters
    ----------
    log : Log
        The interview log.
    now : datetime or str, optional
        The instant to treat as now, for the time left and for a time left empty; by default
        ``$WORKBOOK_NOW`` if set, else the real clock. When it is not a time, the tracker
        says so and offers nothing to press.
    {display}

    Attributes
    ----------
    {widget}
    controls : dict
        The named controls: ``candidate`` (Dropdown, "All candidates" first), ``refresh``
        (Button), ``summary`` and ``list`` (HTML); to mark a note sent: ``person`` (Dropdown of
        interviewer ids, in the list's order), ``person_info`` (HTML), ``channel``
        (ToggleButtons), ``sent_date`` (DatePicker), ``sent_time`` (Text: the time of day),
        ``sent_zone`` (HTML: the time zone they are in), ``mark_sent`` (Button),
        ``sent_message`` (HTML); to record a reply: ``note`` (Dropdown of sent notes without a
        reply), ``replied_date``, ``replied_time``, ``replied_zone``, ``mark_replied``
        (Button), ``reply_message`` (HTML); to record an outcome: ``interview`` (Dropdown),
        ``outcome`` (Dropdown over OUTCOMES), ``decided_on`` (DatePicker), ``record_outcome``
        (Button), ``outcome_message`` (HTML).
    due : DataFrame
        The people in the list, as :func:`~workbook.habits.due_now` gives them (most urgent
        first, with ``hours_left``), for the candidate chosen.
    error : Exception or None
        Why the tracker could not start (a malformed ``now``), also shown in it; None if it
        could.

    Examples
    --------
    >>> tracker = FollowupTracker(log, now="2026-11-20T17:00:00+00:00")  # doctest: +SKIP
    >>> tracker.controls["person"].value = 114  # doctest: +SKIP
    >>> tracker.controls["mark_sent"].click()  # doctest: +SKIP
    """

    def __init__(self, log, now=None, display: bool = True):
        _, self.error = read_now(now)  # a wrong now is told here, not on every refresh
        self.log = log
        self.now = now
        self.due = pd.DataFrame()
        self._quiet = False
        self._revision = None

        # Define the widgets. Each time is a date and a time of day, its button beside them.
        mark_sent = widgets.Button(description="Mark note sent", icon="check", **_BUTTON)
        mark_replied = widgets.Button(description="Record reply", icon="reply", **_BUTTON)
        # A fixed now stays fixed; without one, "today" is read again when the time is.
        self._sent = WhenField("Sent at", mark_sent, now=now)
        self._replied = WhenField("Reply at", mark_replied, now=now)
        self.controls = {
            "candidate": widgets.Dropdown(description="Candidate", options=[(ALL, _EVERYONE)], **_LABEL),
            "refresh": widgets.Button(description="Refresh", icon="refresh",
                                      tooltip="Read the log again: what other notebooks wrote", **_BUTTON),
            "summary": widgets.HTML(),
            "list": widgets.HTML(),
            "person": widgets.Dropdown(description="Person", options=[], value=None, layout=_WIDE, **_LABEL),
            "person_info": widgets.HTML(),
            "channel": widgets.ToggleButtons(description="Channel", options=CHANNELS, value="email", **_LABEL),
            "sent_date": self._sent.date,
            "sent_time": self._sent.time,
            "sent_zone": self._sent.zone,
            "mark_sent": mark_sent,
            "sent_message": widgets.HTML(),
            "note": widgets.Dropdown(description="Sent note", options=[], value=None, layout=_WIDE, **_LABEL),
            "replied_date": self._replied.date,
            "replied_time": self._replied.time,
            "replied_zone": self._replied.zone,
            "mark_replied": mark_replied,
            "reply_message": widgets.HTML(),
            "interview": widgets.Dropdown(description="Interview", options=[], value=None, layout=_WIDE, **_LABEL),
            "outcome": widgets.Dropdown(description="Outcome", options=[(o.replace("_", " "), o) for o in OUTCOMES],
                                        value=OUTCOMES[0], **_LABEL),
            "decided_on": widgets.DatePicker(description="Decided on", **_LABEL),
            "record_outcome": widgets.Button(description="Record outcome", icon="flag"),
            "outcome_message": widgets.HTML(),
        }
        c = self.controls
        self.widget = widgets.VBox([
            widgets.HBox([c["candidate"], c["refresh"]]), c["summary"], c["list"],
            widgets.HTML("<b>Mark a note sent</b>"), c["person"], c["person_info"], c["channel"],
            self._sent.widget, c["sent_message"],
            widgets.HTML("<b>Record a reply</b>"), c["note"], self._replied.widget,
            c["reply_message"],
            widgets.HTML("<b>Record what happened next</b>"), c["interview"],
            widgets.HBox([c["outcome"], c["decided_on"], c["record_outcome"]]), c["outcome_message"],
        ])

        # Connect them.
        # A choice a person makes first looks whether another notebook wrote meanwhile.
        c["candidate"].observe(lambda _change: self._quiet or self.notice_changes() or self.show(), names="value")
        c["person"].observe(lambda _change: self._quiet or self.notice_changes() or self._show_person(),
                            names="value")
        c["note"].observe(lambda _change: self._quiet or self.notice_changes() or self._show_note(), names="value")
        c["interview"].observe(lambda _change: self._quiet or self.notice_changes() or self._show_interview(),
                               names="value")
        c["refresh"].on_click(lambda _button: self.refresh())
        c["mark_sent"].on_click(lambda _button: self.mark_sent())
        c["mark_replied"].on_click(lambda _button: self.mark_replied())
        c["record_outcome"].on_click(lambda _button: self.record_outcome())

        if self.error is None:
            self.refresh()
        else:
            refuse_to_start(self.widget, c["summary"], "The tracker cannot show who still needs a note", self.error, now)
        maybe_display(self.widget, display, "Follow-up tracker")

    def __repr__(self) -> str:
        return f"FollowupTracker({len(self.due)} still to thank)"

    # -- reading the log ------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the log again and show it (after a write, or after another notebook wrote);
        what is chosen and typed stays."""
        self._revision = self.log.revision()  # first: a write after it is noticed next time
        now = resolve_now(self.now)
        self._now = now
        self._followups = followups(self.log, now)
        self._due = due_now(self._followups, now)
        self._notes = self.log.notes()
        self._interviews = self.log.interviews()
        self._outcomes = self.log.outcomes().set_index("interview_id")
        people = self.log.interviewers()[["interviewer_id", "interview_id", "name"]]
        interviews = self._interviews[["interview_id", "candidate", "company", "timezone"]]
        self._people = people.merge(interviews, on="interview_id").set_index("interviewer_id")
        drafts = self._notes[self._notes["sent_at"].isna()]
        self._drafts = drafts.groupby("interviewer_id")["note_id"].max()
        by_id = self._notes.set_index("note_id")
        self._draft_words = pd.Series(
            [note_words(by_id.at[n, "subject"], by_id.at[n, "body"]) for n in self._drafts],
            index=self._drafts.index, dtype=object)
        chosen = self.controls["candidate"].value
        names = list(self.log.candidates()["candidate"])
        with self._quietly():  # new options pass through other values on their way
            self.controls["candidate"].options = [(ALL, _EVERYONE), *((name, name) for name in names)]
            self.controls["candidate"].value = chosen if chosen in names else _EVERYONE
        self.show()

    def _mine(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``frame`` of the candidate chosen (all when "All candidates")."""
        candidate = self.controls["candidate"].value
        return frame if candidate == _EVERYONE else frame[frame["candidate"].astype(str) == candidate]

    # -- what is shown --------------------------------------------------------------------

    def show(self) -> None:
        """Show the list and the choices for the candidate chosen (no new reading of the log)."""
        c = self.controls
        self.due = self._mine(self._due).reset_index(drop=True)
        candidate = c["candidate"].value
        overdue = int((self.due["status"] == "overdue").sum())
        if self._interviews.empty:
            line = NO_INTERVIEWS
        elif self.due.empty:
            line = ("Everyone you met has been thanked: nothing to send." if candidate == _EVERYONE
                    else f"Everyone {candidate} met has been thanked: nothing to send.")
        else:
            people = "1 person" if len(self.due) == 1 else f"{len(self.due)} people"
            line = f"{people} still to thank: {overdue} overdue, {len(self.due) - overdue} not due yet."
        c["summary"].value = f"<b>{escape(line)}</b>"
        c["list"].value = render_due(self.due, self._draft_words) if len(self.due) else ""

        self._offer("person", "mark_sent", [
            (f"{row.interviewer} — {row.company} ({row.candidate}): {time_left(row.hours_left)}", row.interviewer_id)
            for row in self.due.itertuples()])
        self._show_person()
        self._show_notes()
        interviews = self._mine(self._interviews).sort_values(["starts_at", "interview_id"], ascending=False)
        self._offer("interview", "record_outcome",
                    [(self._interview_label(row), row.interview_id) for row in interviews.itertuples()])
        self._show_interview()

    def _offer(self, name: str, button: str, options: list[tuple[str, int]]) -> None:
        """New options for a dropdown of ids: the one chosen stays chosen while it is offered,
        else the first is; the button is off while there is nothing to choose."""
        dropdown, chosen = self.controls[name], self.controls[name].value
        ids = [int(value) for _, value in options]
        with self._quietly():  # the caller shows what is chosen, once
            dropdown.options = [(label, int(value)) for label, value in options]
            dropdown.value = chosen if chosen in ids else (ids[0] if ids else None)
        self.controls[button].disabled = not ids

    def _show_person(self) -> None:
        """What marking a note sent to the person chosen will do, and their channel."""
        c, interviewer_id = self.controls, self.controls["person"].value
        if interviewer_id is None:
            c["person_info"].value = ""
            self._sent.show(None)
            return
        row = self.due[self.due["interviewer_id"] == interviewer_id].iloc[0]
        self._sent.show(row["timezone"])
        timing = describe_timing(row["ended_at"], row["timezone"], now=self._now)
        draft = self._drafts.get(interviewer_id)
        if draft is None:
            c["channel"].value = "email"
            what = "No draft in the log: “Mark note sent” records a note sent with the channel and time below."
        else:
            draft = int(draft)
            c["channel"].value = self._notes.set_index("note_id").at[draft, "channel"]
            words = self._draft_words[interviewer_id]
            what = (f"“Mark note sent” marks your latest draft to {row['interviewer']}"
                    + (f", {words}," if words else " (no text yet)") + " as sent.")
        c["person_info"].value = (f"<b>{escape(row['interviewer'])}</b>, met for {escape(row['candidate'])} at "
                                  f"{escape(row['company'])}: {escape(timing)}. {escape(what)}")

    def _show_notes(self) -> None:
        """The sent notes without a reply yet, latest first, for "Record a reply"."""
        notes = self._notes[self._notes["sent_at"].notna() & self._notes["replied_at"].isna()]
        notes = self._mine(notes.join(self._people, on="interviewer_id")).sort_values(
            ["sent_at", "note_id"], ascending=False)
        self._offer("note", "mark_replied", [
            (f"{row.name} — {row.company} ({row.candidate}), sent {local_time(row.sent_at, row.timezone)}"
             + (f" · {words}" if (words := note_words(row.subject, row.body)) else ""), row.note_id)
            for row in notes.itertuples()])
        self._show_note()

    def _show_note(self) -> None:
        """The time zone of the note chosen, where "Reply at" is read."""
        note_id = self.controls["note"].value
        zone = None if note_id is None else self._people.at[
            self._notes.set_index("note_id").at[note_id, "interviewer_id"], "timezone"]
        self._replied.show(zone)

    def _interview_label(self, interview) -> str:
        label = f"{interview_label(interview)} · {interview.candidate}"
        if interview.interview_id in self._outcomes.index:
            label += f" — outcome: {self._outcomes.at[interview.interview_id, 'outcome'].replace('_', ' ')}"
        return label

    def _show_interview(self) -> None:
        """The outcome recorded for the interview chosen, ready to change; else today's date."""
        c, interview_id = self.controls, self.controls["interview"].value
        if interview_id is None:
            return
        if interview_id in self._outcomes.index:
            recorded = self._outcomes.loc[interview_id]
            c["outcome"].value = recorded["outcome"]
            c["decided_on"].value = recorded["decided_at"].tz_convert(self._zone(interview_id)).date()
            c["record_outcome"].description = "Change outcome"
        else:
            c["decided_on"].value = self._now.tz_convert(self._zone(interview_id)).date()
            c["record_outcome"].description = "Record outcome"

    def _zone(self, interview_id: int) -> str:
        return self._interviews.set_index("interview_id").at[interview_id, "timezone"]

    # -- writing --------------------------------------------------------------------------

    def mark_sent(self) -> pd.Timestamp | None:
        """Record that the note to the person chosen went out, at the time typed (empty: now).

        Their latest draft is marked sent, taking the channel chosen
        (:meth:`Log.mark_sent <workbook.store.log.Log.mark_sent>`); without a draft a note
        without text is recorded sent, with that channel and time
        (:meth:`Log.send_note <workbook.store.log.Log.send_note>`). Either is one transaction,
        and the log reads the time and checks it. Returns the instant, or None when refused
        (the reason is shown; the log is unchanged).
        """
        c, interviewer_id = self.controls, self.controls["person"].value
        if interviewer_id is None:
            self._say("sent_message", "Nobody to thank is chosen.", error=True)
            return None
        person, channel = self._people.loc[interviewer_id], c["channel"].value
        at, problem = self._sent.read()
        if problem is not None:
            self._say("sent_message", f"Not marked sent: {problem}.", error=True)
            return None
        draft = self._drafts.get(interviewer_id)
        try:
            if draft is not None:
                draft = int(draft)
                sent_at = self.log.mark_sent(draft, at=at, now=self.now, channel=channel)
                words = self._draft_words[interviewer_id]
                what = f"your draft {words}" if words else "your draft, without text"
            else:
                _, sent_at = self.log.send_note(interviewer_id, body="", channel=channel, at=at, now=self.now)
                what = "no draft was in the log: recorded without its text"
        except (WorkbookError, ValueError) as error:
            self._say("sent_message", str(error), error=True)
            return None
        self._sent.show(person["timezone"], keep=False)
        ended_at = self._followups.set_index("interviewer_id").at[interviewer_id, "ended_at"]
        timing = describe_timing(ended_at, person["timezone"], sent_at=sent_at)
        self.refresh()
        self._say("sent_message", f"Marked the {channel} note to {person['name']} sent ({what}), "
                                  f"{local_time(sent_at, person['timezone'])}: {timing}.")
        return sent_at

    def mark_replied(self) -> pd.Timestamp | None:
        """Record that the person replied to the sent note chosen, at the time typed (empty:
        now). Returns the instant, or None when refused (the reason is shown)."""
        note_id = self.controls["note"].value
        if note_id is None:
            self._say("reply_message", "No sent note is chosen.", error=True)
            return None
        at, problem = self._replied.read()
        if problem is not None:
            self._say("reply_message", f"No reply recorded: {problem}.", error=True)
            return None
        try:
            replied_at = self.log.mark_replied(note_id, at=at, now=self.now)
        except (WorkbookError, ValueError) as error:
            self._say("reply_message", str(error), error=True)
            return None
        note = self._notes.set_index("note_id").loc[note_id]
        person = self._people.loc[note["interviewer_id"]]
        self._replied.show(person["timezone"], keep=False)
        self.refresh()
        self._say("reply_message", f"Recorded {person['name']}'s reply, {local_time(replied_at, person['timezone'])}, "
                                   f"to your {note['channel']} note sent "
                                   f"{local_date(note['sent_at'], person['timezone'])}.")
        return replied_at

    def record_outcome(self) -> str | None:
        """Record the outcome chosen for the interview chosen, or change the one recorded
        (:meth:`Log.record_outcome <workbook.store.log.Log.record_outcome>`, one transaction).

        Returns the outcome, or None when refused (no date, a date in the future or before
        the interview: the reason is shown; the log is unchanged).
        """
        c, interview_id = self.controls, self.controls["interview"].value
        if interview_id is None:
            self._say("outcome_message", "No interview is chosen.", error=True)
            return None
        outcome, day = c["outcome"].value, c["decided_on"].value
        interview = self._interviews.set_index("interview_id").loc[interview_id]
        try:
            before = self.log.record_outcome(interview_id, outcome, None if day is None else day.isoformat(),
                                             now=self.now)
        except (WorkbookError, ValueError) as error:
            self._say("outcome_message", str(error), error=True)
            return None
        said = outcome.replace("_", " ")
        # Named as everywhere: "the interview with Northwind Analytics on Thu 19 Nov 2026 (Maya Okafor)".
        which = f"{interview_words(interview)} ({interview['candidate']})"
        line = (f"Recorded the outcome of {which}: {said}, decided {calendar_date(day)}." if before is None else
                f"Changed the outcome of {which} from {before.replace('_', ' ')} to {said}, "
                f"decided {calendar_date(day)}.")
        self.refresh()
        self._say("outcome_message", line)
        return outcome

    def _say(self, where: str, text: str, error: bool = False) -> None:
        self.controls[where].value = message_html(text, error)
