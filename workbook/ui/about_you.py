"""About you: the candidate's own name, email address, phone number and skills.

A thank-you note ends with the candidate's phone number and email address, and restates
their skills; the note builder takes them from the log. This widget keeps them there: choose
your name (or type it: you are added to the log), change what you want, and "Save my details"
makes one call of the log (:meth:`Log.add_candidate <workbook.store.log.Log.add_candidate>` or
:meth:`Log.change_candidate <workbook.store.log.Log.change_candidate>`), which checks it. Each
problem the log finds is shown next to its field. Everything shown as HTML is escaped.

Skills are shown separated by ";", as the log and the CSV files keep them, so that a skill
with a comma in it stays whole: "SQL; Excel (pivot tables, VLOOKUP)". Typed, they may be
separated by ";" or, when the text holds no ";", by commas outside brackets: "SQL, Python,
stakeholder interviews".
"""

from __future__ import annotations

import re

import ipywidgets as widgets

from ..errors import InvalidValueError, Problem, WorkbookError
from ..wording import listed
from .common import escape, latest_candidate, maybe_display, message_html, nothing_saved_html, optional, shared_docs

#: The fields kept about the candidate besides their name, in the order shown.
FIELDS = ("email", "phone", "skills")
#: Where a person keeps these: the section of this widget, and its notebook (a link beside a
#: notebook of the workbook reaches it as a relative address).
SECTION = "About you in 01-log-an-interview"
NOTEBOOK = "01-log-an-interview.ipynb"
#: How each field is said in a sentence.
_SAID = {"email": "email address", "phone": "phone number", "skills": "skills"}

_LABEL = {"style": {"description_width": "8em"}}
_FIELD = widgets.Layout(width="32em")
# A comma outside brackets: "Excel (pivot tables, VLOOKUP)" is one skill, typed with commas too.
_COMMA_BETWEEN_SKILLS = re.compile(r",(?![^()\[\]]*[)\]])")
#: How the skills are shown: as the log keeps them.
SKILL_SEPARATOR = "; "


def read_skills(text: str) -> list[str]:
    """Skills as typed or logged, each stripped, blanks dropped: separated by ";" when the
    text holds one ("SQL; Excel (pivot tables, VLOOKUP)"), else by commas outside brackets
    ("SQL, Python"). A comma left at either end of a skill is dropped."""
    parts = text.split(";") if ";" in text else _COMMA_BETWEEN_SKILLS.split(text)
    skills = (part.strip().strip(",").strip() for part in parts)
    return [skill for skill in skills if skill]


def missing_contact_html(context, checks) -> str:
    """What the note builder shows under its checklist when the note gives no phone number or
    email address of the candidate's because the log has none: where to add them (a link
    to :data:`SECTION`). Empty otherwise.

    Parameters
    ----------
    context : NoteContext
        The person the note is to, with the candidate's ``candidate_email`` and ``candidate_phone``.
    checks : list of Check
        The note's review (:func:`workbook.notes.review.review`).
    """
    contact = next((check for check in checks if check.name == "contact"), None)
    if contact is None or contact.passed:
        return ""
    missing = [_SAID[name] for name, value in (("phone", context.candidate_phone), ("email", context.candidate_email))
               if value is None or not str(value).strip()]
    if not missing:
        return ""
    one = len(missing) == 1
    return (f"<div>ⓘ Your {listed(missing)} {'is' if one else 'are'} not in the log: add "
            f"{'it' if one else 'them'} under <a href='{NOTEBOOK}' target='_blank' "
            f"style='color: #0b62c4; text-decoration: underline'>{escape(SECTION)}</a>, and each note you "
            f"compose gives {'it' if one else 'them'}.</div>")


@shared_docs
class AboutYou:
    """Keep the candidate's own email address, phone number and skills in the log.

    Choose your name (or type it: you are added to the log when you save), then type or
    correct your email address, phone number and skills (separated by ";", or by commas when
    none of them holds one). "Save my details" saves them in one call of the log, or nothing:
    each problem is shown next to its field. Saving when nothing was changed says so, and
    writes nothing.

    Parameters
    ----------
    log : Log
        The interview log.
    candidate : str, optional
        The name to start with. By default the candidate of the latest interview in the log,
        else the first candidate; on an empty log, none (type it).
    {display}

    Attributes
    ----------
    {widget}
    controls : dict
        The named controls: ``candidate`` (Combobox: your name), ``email``, ``phone`` and
        ``skills`` (Text), ``save`` (Button), ``message`` (HTML: the summary line) and
        ``messages`` (a dict of HTML by control name: the problem next to each field;
        ``candidate`` also says when a new candidate will be added).
    saved : list of str
        The names saved with this widget, in order.

    Examples
    --------
    >>> about = AboutYou(log)  # doctest: +SKIP
    >>> about.controls["phone"].value = "+1 555 0100"  # doctest: +SKIP
    >>> about.controls["save"].click()  # doctest: +SKIP
    """

    def __init__(self, log, candidate: str | None = None, display: bool = True):
        self.log = log
        self.saved: list[str] = []
        self._known: dict[str, dict[str, str]] = {}  # what the log holds, by name, as the fields show it
        self._shown = dict.fromkeys(FIELDS, "")  # what the fields were filled with from the log
        self._read_candidates()

        # Define the widgets.
        self.controls = {
            "candidate": widgets.Combobox(description="Your name", options=list(self._known), value="",
                                          ensure_option=False, placeholder="choose your name, or type it",
                                          layout=_FIELD, **_LABEL),
            "email": widgets.Text(description="Email", placeholder="you@example.com", layout=_FIELD, **_LABEL),
            "phone": widgets.Text(description="Phone", placeholder="+1 555 0100", layout=_FIELD, **_LABEL),
            "skills": widgets.Text(description="Skills", placeholder="SQL; Python; stakeholder interviews",
                                   layout=_FIELD, **_LABEL),
            # As wide as its words: a button's default width would cut "Save my details" short.
            "save": widgets.Button(description="Save my details", icon="save", button_style="primary",
                                   layout=widgets.Layout(flex="0 0 auto", width="auto")),
            "message": widgets.HTML(),
            "messages": {name: widgets.HTML() for name in ("candidate", *FIELDS)},
        }
        c = self.controls
        fields = [widgets.HBox([c[name], c["messages"][name]]) for name in ("candidate", *FIELDS)]
        self.widget = widgets.VBox([*fields, c["message"], c["save"]])

        # Connect them.
        c["candidate"].observe(lambda change: self.choose(change["new"]), names="value")
        c["save"].on_click(lambda _button: self.save())

        c["candidate"].value = latest_candidate(log) if candidate is None else candidate
        maybe_display(self.widget, display, "About you")

    def __repr__(self) -> str:
        return f"AboutYou({self.controls['candidate'].value.strip() or 'no name yet'})"

    # -- choosing -------------------------------------------------------------------------

    def _read_candidates(self) -> None:
        self._known = {
            str(row.candidate): {"email": optional(row.email) or "", "phone": optional(row.phone) or "",
                                 # As the log reads them (split on ";" alone), each whole.
                                 "skills": SKILL_SEPARATOR.join(
                                     skill.strip() for skill in (optional(row.skills) or "").split(";")
                                     if skill.strip())}
            for row in self.log.candidates().itertuples()
        }

    def choose(self, name: str) -> None:
        """Show what the log holds of ``name``; for a name not in the log, keep what was typed
        (a field still showing the previous candidate's value is emptied)."""
        name = name.strip()
        held = self._known.get(name)
        for field in FIELDS:
            control = self.controls[field]
            if held is not None:
                control.value = held[field]
            elif control.value == self._shown[field]:
                control.value = ""
            self.controls["messages"][field].value = ""
        self._shown = dict(held) if held is not None else dict.fromkeys(FIELDS, "")
        self.controls["message"].value = ""
        self._hint()

    def _hint(self) -> None:
        name = self.controls["candidate"].value.strip()
        self.controls["messages"]["candidate"].value = message_html(
            f"New: {name} is added to the log when you save." if name and name not in self._known else "")

    # -- saving ---------------------------------------------------------------------------

    def _typed(self, field: str):
        text = self.controls[field].value.strip()
        if field == "skills":
            return read_skills(text) or None
        return text or None

    def _changed(self) -> list[str]:
        """The fields typed differently from what the log held when they were filled."""
        return [field for field in FIELDS if self.controls[field].value.strip() != self._shown[field].strip()]

    def save(self) -> str | None:
        """Save the name, email address, phone number and skills: add the candidate, or change
        what was changed. Return the name, or None when nothing was saved (a problem, shown
        next to its field, or nothing changed)."""
        self._show_problems([])
        name = self.controls["candidate"].value.strip()
        if not name:
            self._show_problems([Problem("you", "candidate", "type your name, or choose it from the list",
                                         record="candidate")])
            return None
        self._read_candidates()  # as the log is now: another notebook may have added them
        new = name not in self._known
        changed = list(FIELDS) if new else self._changed()
        if not new and not changed:
            self.controls["message"].value = message_html(
                f"Nothing to save: the log already holds {name}'s email address, phone number and skills "
                "as shown.")
            return None
        values = {field: self._typed(field) for field in changed}
        try:
            if new:
                self.log.add_candidate(name, **values)
            else:
                self.log.change_candidate(name, **values)
        except WorkbookError as error:
            self._show_problems(error.problems or [Problem("you", "", str(error), type(error), text=str(error))])
            return None
        except ValueError as error:  # nothing the log lets through, but never a traceback
            self._show_problems([Problem("you", "", str(error), InvalidValueError, text=str(error))])
            return None
        self.saved.append(name)
        self._read_candidates()
        self.controls["candidate"].options = list(self._known)
        self.choose(name)  # the fields as the log now holds them ("SQL;Python" as "SQL; Python")
        # A new candidate: what they gave; a change: what was changed (emptied included).
        said = [_SAID[field] for field in FIELDS if (self._known[name][field] if new else field in changed)]
        if new:
            line = f"Added {name} to the log" + (f", with your {listed(said)}." if said else ".")
        else:
            line = f"Saved {name}'s {listed(said)}."
        self.controls["message"].value = message_html(
            line + " The thank-you notes you compose in 02-write-thank-you-notes take them from the log.")
        return name

    def _show_problems(self, problems: list[Problem]) -> None:
        """Each problem next to its field, and the summary line; clears them all for none."""
        c = self.controls
        reasons: dict[str, list[str]] = {}
        elsewhere = []
        for problem in problems:
            place = problem.field if problem.field in c["messages"] else None
            if place is None:
                elsewhere.append(str(problem))
            else:
                reasons.setdefault(place, []).append(problem.reason)
        for name, html in c["messages"].items():
            html.value = message_html("; ".join(reasons.get(name, [])), error=True)
        if "candidate" not in reasons:
            self._hint()
        c["message"].value = nothing_saved_html(len(problems), bool(reasons), elsewhere) if problems else ""
