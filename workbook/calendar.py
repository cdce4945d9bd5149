"""Interviews from the calendar: ``.ics`` invitations and exports read into a table a person
checks and corrects, then imports (:meth:`Log.import_calendar <workbook.store.log.Log.import_calendar>`).

Nearly every interview sits in the job seeker's calendar already, as an invitation from the
recruiter (Google Calendar, Outlook / Exchange / Teams, Zoom, Apple Calendar): its time, its
time zone, and the people invited with their names and addresses. :func:`read_calendar` reads
a file or a folder of them into one row per event, with the best guesses of company, role and
stage and whether it looks like an interview; the import applies the person's choices in one
transaction. The files are read by the icalendar library (folded lines, encodings,
``VTIMEZONE``, Windows zone names), loaded on first use.

Time zones, as a person would expect them:

- ``TZID`` with an IANA name is that zone; a Windows name, as Outlook and Exchange write it
  ("W. Europe Standard Time"), is its IANA zone by the CLDR mapping the icalendar library
  keeps ("Europe/Berlin"); an unknown name is an error;
- a UTC time (``…Z``) is in the calendar's ``X-WR-TIMEZONE`` (Google, Apple), else in this
  machine's zone (:func:`workbook.instants.machine_time_zone`); a floating time (no zone at
  all) is a wall-clock time in that same zone;
- the instants are exact (the sender's own ``VTIMEZONE`` rules where it sent some).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
import re
import unicodedata
import warnings
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from .errors import CalendarImportError, Problem, UnknownRecordError, describe
from .instants import UNIT, is_time_zone, machine_time_zone

#: Words that make an event an interview, in its summary or description (compared without
#: case; a word matches at the start of a word: "interview" in "Interviews", not in
#: "Telefoninterview", which is listed). English, German, French and Spanish.
INTERVIEW_WORDS = (
    # English
    "interview", "phone screen", "screening call", "recruiter call", "recruiter screen", "hiring manager",
    "technical", "onsite", "on-site", "final round", "case study",
    # German
    "vorstellungsgespräch", "bewerbungsgespräch", "kennenlerngespräch", "einstellungsgespräch",
    "telefoninterview", "videointerview", "fachgespräch",
    # French
    "entretien", "entrevue",
    # Spanish
    "entrevista",
)

#: The stage an event's words suggest, the first that matches (the log's words, as the sample uses them).
STAGE_WORDS = (
    ("phone screen", ("phone screen", "phone interview", "screening", "recruiter call", "recruiter screen", "telefoninterview",
                      "entretien téléphonique", "entrevista telefónica")),
    ("hiring manager", ("hiring manager",)),
    ("technical", ("technical", "technisch", "fachgespräch", "technique", "técnica", "tecnica")),
    ("onsite", ("onsite", "on-site")),
    ("panel", ("panel",)),
    ("final", ("final round", "final interview", "finale", "final")),
)

#: The reasons an event does not look like an interview, in the order they are told.
REASONS = ("no time", "all-day", "recurring", "cancelled", "no interview word")

#: The columns of :func:`read_calendar`'s table, in order (with a log, :data:`LOG_COLUMNS` follow).
COLUMNS = ("uid", "sequence", "summary", "description", "location", "starts_at", "ends_at", "timezone", "all_day",
           "company", "role", "stage", "people", "looks_like_interview", "reason", "status", "file")
LOG_COLUMNS = ("in_log", "interview_id")

# Addresses that say nothing of the company: mail anyone can have, scheduling tools, and the
# calendars' own rooms and resources.
_NOT_A_COMPANY = (
    "gmail.com", "googlemail.com", "google.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de",
    "zoom.us", "calendly.com", "greenhouse.io", "lever.co", "ashbyhq.com", "myworkday.com", "workday.com",
    "goodtime.io", "smartrecruiters.com", "icims.com", "calendar.google.com",
)
_RESOURCE_DOMAINS = ("resource.calendar.google.com", "group.calendar.google.com")
# Parts of an address's domain that are not the company's name ("mail.", "careers.").
_SUBDOMAINS = {"mail", "email", "e-mail", "hr", "jobs", "careers", "talent", "recruiting", "people", "www"}
_SECOND_LEVEL = {"co", "com", "ac", "org", "net", "gov", "edu", "or", "ne", "go"}
_IN_BRACKETS = re.compile(r"[(\[](?P<inside>[^()\[\]]+)[)\]]")
_SEGMENTS = re.compile(r"\s+[-–—|]\s+|\s*[|:–—]\s+")
_CANCELLED_PREFIX = re.compile(r"^\s*(?:canceled|cancelled|abgesagt|annulé|cancelado|cancelada)\s*:\s*", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*\b[^>]*|/[a-zA-Z][a-zA-Z0-9]*\s*)>")
_BEGIN_EVENT = re.compile(r"^BEGIN:VEVENT\s*$", re.IGNORECASE)
_END_EVENT = re.compile(r"^END:VEVENT\s*$", re.IGNORECASE)


def read_calendar(source, log=None, candidate: str | None = None) -> pd.DataFrame:
    """The events of a calendar file, or of a folder of them, one row per event.

    Parameters
    ----------
    source : str or Path
        An ``.ics`` file, or a folder searched for ``.ics`` files (in its sub-folders too, in
        sorted order).
    log : Log, optional
        With a log, each event is compared with it: ``in_log`` and ``interview_id``.
    candidate : str, optional
        The job seeker: their name in the log (with ``log``), or their email address. They are
        left out of the people met (their address compared without case, or their name).

    Returns
    -------
    DataFrame
        The columns of :data:`COLUMNS`:

        - ``uid``, ``sequence``: the event and its version (a higher ``SEQUENCE`` is an update);
          an event in several files is read once, its highest version (on a tie, the later file);
        - ``summary``, ``description`` (plain text: HTML taken out), ``location``;
        - ``starts_at``, ``ends_at``: UTC instants; ``timezone``: the IANA zone it is in;
          ``all_day``;
        - ``company``, ``role``, ``stage``: best guesses from the summary, the description and
          the organizer's address; None when nothing says;
        - ``people``: the people met, a list of ``{"name", "email"}``: the organizer and the
          attendees, each once, without the candidate, rooms and resources;
        - ``looks_like_interview`` and ``reason``: "" when it does, else why not (one of
          :data:`REASONS`);
        - ``status``: "confirmed", "tentative" or "cancelled"; ``file``: where it was read.

        With a log, also ``in_log``: "new", "in the log", "moved" (the calendar holds a later
        version than the one imported: a new time, new people) or "cancelled in the calendar"
        (imported, and cancelled since), and ``interview_id`` (<NA> when new).

    Raises
    ------
    CalendarImportError
        A file that cannot be read, a broken date, an unknown time zone: every problem found,
        naming the file, the event and the line.
    UnknownRecordError
        ``candidate`` is a name the log does not hold.
    """
    email, name = candidate_address(log, candidate)
    events = read_events(source, candidate_email=email, candidate_name=name)
    if log is not None:
        logged = log.interviews_of_events(events["uid"].tolist())
        events = compare_with_log(events, logged, name)
    return events


def candidate_address(log, candidate) -> tuple[str | None, str | None]:
    """The candidate's email address and name, as far as they are known: from the log (by
    name, or by address), else from ``candidate`` itself (an address, or a name). An
    :class:`~workbook.errors.UnknownRecordError` when the log holds no such candidate."""
    if candidate is None:
        return None, None
    candidate = str(candidate).strip()
    if log is None:
        return (candidate, None) if "@" in candidate else (None, candidate)
    known = log.candidates()
    found = known[known["candidate"] == candidate]
    if not len(found):
        if "@" in candidate:
            by_email = known[known["email"].str.casefold() == candidate.casefold()]
            if len(by_email):
                return candidate, str(by_email["candidate"].iloc[0])
        raise UnknownRecordError(
            f"the log holds no candidate named {candidate!r}; add them first (About you)",
            [Problem(f"candidate {candidate!r}", "candidate", "is not in the log", UnknownRecordError,
                     "candidate", candidate)])
    email = found["email"].iloc[0]
    return (str(email) if isinstance(email, str) and email else None), candidate


def read_events(source, candidate_email: str | None = None, candidate_name: str | None = None) -> pd.DataFrame:
    """:func:`read_calendar` without a log: the events of ``source``, the candidate (by address
    or name) left out of the people met."""
    files = _calendar_files(Path(source))
    reader = _Reader(candidate_email, candidate_name)
    found = []
    for order, path in enumerate(files):
        found += reader.read(path, order)
    if reader.problems:
        problems = reader.problems
        raise CalendarImportError(
            f"Nothing was read from {source}: {len(problems)} problem{'s' if len(problems) > 1 else ''}:\n"
            + describe(problems), problems)
    return _table(found)


def _calendar_files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    if source.is_dir():
        return sorted(path for path in source.rglob("*") if path.suffix.lower() == ".ics" and path.is_file())
    problem = Problem(str(source), "(file)", "is no file or folder", CalendarImportError, str(source), None,
                      f"{source}: there is no such file or folder")
    raise CalendarImportError(str(problem), [problem])


def _table(found: list[dict]) -> pd.DataFrame:
    """The events read as the table :func:`read_calendar` returns: for each UID its highest
    SEQUENCE (then the later file, the later event in it), ordered by start."""
    if not found:
        frame = pd.DataFrame({name: pd.Series(dtype=object) for name in COLUMNS})
    else:
        frame = pd.DataFrame(found)
        frame = frame.sort_values(["sequence", "_order", "_position"], kind="stable")
        frame = frame.drop_duplicates("uid", keep="last")
        frame = frame.sort_values(["starts_at", "_order", "_position"], kind="stable", na_position="last")
        frame = frame[list(COLUMNS)].reset_index(drop=True)
    for name in ("starts_at", "ends_at"):
        frame[name] = pd.to_datetime(frame[name], utc=True).astype(f"datetime64[{UNIT}, UTC]")
    frame["sequence"] = frame["sequence"].astype("int64")
    for name in ("all_day", "looks_like_interview"):
        frame[name] = frame[name].astype(bool)
    for name in ("uid", "summary", "description", "timezone", "reason", "status", "file"):
        frame[name] = frame[name].astype(object)
    return frame


def compare_with_log(events: pd.DataFrame, logged: pd.DataFrame, candidate: str | None = None) -> pd.DataFrame:
    """``events`` (of :func:`read_events`) with ``in_log`` and ``interview_id``: each event
    compared with ``logged``, the log's interviews with those UIDs (the candidate's, when named).

    An event twice in the log (a CSV import can do that) is its first interview.
    """
    events = events.copy()
    if candidate is not None and len(logged):
        logged = logged[logged["candidate"] == candidate]
    logged = logged.sort_values("interview_id").drop_duplicates("calendar_uid").set_index("calendar_uid")
    ids = events["uid"].map(logged["interview_id"]) if len(logged) else pd.Series(pd.NA, index=events.index)
    stored = events["uid"].map(logged["calendar_sequence"]) if len(logged) else pd.Series(pd.NA, index=events.index)
    in_log = []
    for interview_id, stored_sequence, sequence, status in zip(ids, stored, events["sequence"], events["status"]):
        if pd.isna(interview_id):
            in_log.append("new")
        elif status == "cancelled":
            in_log.append("cancelled in the calendar")
        elif sequence > (-1 if pd.isna(stored_sequence) else stored_sequence):
            in_log.append("moved")
        else:
            in_log.append("in the log")
    events["in_log"] = pd.Series(in_log, index=events.index, dtype=object)
    events["interview_id"] = ids.astype("Int64")
    return events


def propose(events: pd.DataFrame, uids=None, corrections=None) -> pd.DataFrame:
    """Which events to import, with a person's corrections: ``events`` with a column
    ``chosen`` (the events that look like interviews, or exactly ``uids``) and each chosen
    event's ``company``, ``role``, ``stage`` and ``people`` as corrected.

    ``corrections`` is ``{uid: {"company": ..., "role": ..., "stage": ..., "leave_out": [emails]}}``
    (each key optional; ``leave_out`` takes people out by address, compared without case).
    A UID that is not in ``events`` is an error: nothing is imported.
    """
    events = events.copy()
    corrections = {str(uid): dict(change) for uid, change in (corrections or {}).items()}
    for uid, change in corrections.items():
        wrong = set(change) - {"company", "role", "stage", "leave_out"}
        if wrong:
            raise TypeError(f"a correction of event {uid!r} changes company, role, stage or leave_out, "
                            f"not {', '.join(sorted(wrong))}")
    known = set(events["uid"])
    asked = None if uids is None else [str(uid) for uid in ([uids] if isinstance(uids, str) else uids)]
    unknown = [uid for uid in [*(asked or []), *corrections] if uid not in known]
    if unknown:
        problems = [Problem(f"event {uid!r}", "uid", "is not in the calendar read", CalendarImportError, "event", uid)
                    for uid in dict.fromkeys(unknown)]
        raise CalendarImportError(("No event was imported: " if len(problems) == 1 else
                                   f"No event was imported: {len(problems)} problems:\n") + describe(problems),
                                  problems)
    events["chosen"] = events["uid"].isin(asked) if asked is not None else events["looks_like_interview"].astype(bool)
    for uid, change in corrections.items():
        row = events.index[events["uid"] == uid][0]
        for name in ("company", "role", "stage"):
            if name in change:
                value = change[name]
                events.at[row, name] = value.strip() if isinstance(value, str) and value.strip() else None
        if "leave_out" in change:
            out = {str(email).strip().casefold() for email in change["leave_out"] or ()}
            events.at[row, "people"] = [p for p in events.at[row, "people"] if (p["email"] or "").casefold() not in out]
    return events


def import_summary(events: pd.DataFrame, count_skipped: bool = False, cancelled_hint: str = "",
                   next_step: str = "") -> str:
    """What an import did, from its ``action`` column, as a sentence: "Added 2 interviews,
    moved 1, 3 left as they were." (with ``count_skipped``, also the other events skipped);
    ``cancelled_hint`` follows the count of cancelled events, ``next_step`` the sentence when
    interviews were added."""
    from .wording import counted

    actions = events["action"].value_counts() if len(events) else pd.Series(dtype=int)
    added, moved = int(actions.get("added", 0)), int(actions.get("moved", 0))
    left, skipped = int(actions.get("unchanged", 0)), int(actions.get("skipped", 0))
    cancelled = int(actions.get("cancelled in the calendar: not changed", 0))
    said = []
    if added:
        said.append(f"added {counted(added, 'interview')}")
    if moved:
        said.append(f"moved {moved}" if added else f"moved {counted(moved, 'interview')}")
    if left:
        said.append(f"{left} left as {'it was' if left == 1 else 'they were'}")
    if cancelled:
        said.append(f"{cancelled} cancelled in the calendar, not changed{cancelled_hint}")
    if skipped and count_skipped:
        said.append(f"{counted(skipped, 'other event')} skipped")
    if not added and not moved:
        return "Nothing changed: " + (", ".join(said) if said else "no event was chosen") + "."
    line = ", ".join(said) + "."
    return line[0].upper() + line[1:] + (f" {next_step}" if added and next_step else "")


def looks_like_interview(text: str) -> bool:
    """Whether ``text`` holds one of :data:`INTERVIEW_WORDS`."""
    return _has_word(_plain_words(text), INTERVIEW_WORDS)


def _plain_words(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").casefold()


def _has_word(text: str, words) -> bool:
    return _words_at_start(tuple(words)).search(text) is not None


@lru_cache(maxsize=None)
def _words_at_start(words: tuple[str, ...]) -> re.Pattern:
    """One pattern finding any of ``words`` at the start of a word (compiled once)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")")


@lru_cache(maxsize=None)
def _whole_words(words: tuple[str, ...]) -> re.Pattern:
    """One pattern finding any of ``words`` as a whole word, its case ignored (compiled once)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?!\w)", re.IGNORECASE)


def stage_of(text: str) -> str | None:
    """The stage the words of ``text`` suggest (see :data:`STAGE_WORDS`), or None."""
    plain = _plain_words(text)
    for stage, words in STAGE_WORDS:
        if _has_word(plain, words):
            return stage
    return None


def plain_text(description: str) -> str:
    """A description as plain text: HTML (Outlook's, Teams') taken out with the standard
    library's parser, character references read, blank lines evened out."""
    if description and _LOOKS_LIKE_HTML.search(description):
        parser = _TextOfHtml()
        parser.feed(description)
        parser.close()
        # Blocks one after another are lines one after another.
        description = re.sub(r"\n(?:[^\S\n]*\n)+", "\n", "".join(parser.parts))
    lines = [" ".join(line.split()) for line in (description or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


class _TextOfHtml(HTMLParser):
    """The text of an HTML fragment: the text of its elements, a line break for each block."""

    _BLOCKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "hr"}
    _HIDDEN = {"script", "style", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def guess(summary: str, description: str, organizer: str | None, people: list[dict]) -> dict:
    """The company, role and stage an invitation suggests (None where nothing says).

    The summary is taken in parts: those between dashes, bars and colons, those after a comma
    or around "with / at / for" (and their German, French and Spanish words), and those in
    brackets ("Interview: Data Analyst (hiring manager) – Harbourline Freight"), each without
    the words that say interview or stage. A part is the company when it is the
    name in the organizer's (or an attendee's) address ("…@harbourline.example") or carries a
    company's word ("GmbH", "Bank", "Partners"); the role when it holds a word of a job title
    in one of the four languages ("Analyst", "Datenanalystin", "Chargée d'études", "Analista").
    Else the company is the name in the organizer's address (mail anyone can have left out),
    else the first part that is neither; the role the next such part. The stage is the first of :data:`STAGE_WORDS` in the
    summary, else in the description.
    """
    summary = _CANCELLED_PREFIX.sub("", (summary or "").splitlines()[0] if summary else "").strip()
    names = {_folded(p["name"]) for p in people if p.get("name")}
    domains = [found for found in (_company_of_domain(address) for address in
                                   [organizer, *(p.get("email") for p in people)]) if found]
    # Each piece with what comes after it in its segment after a comma ("Software Engineer",
    # then "Fleet Services"): a role's team, when it is neither company nor role itself.
    pieces = [(inside["inside"], None) for inside in _IN_BRACKETS.finditer(summary)]
    for segment in _SEGMENTS.split(_IN_BRACKETS.sub(" ", summary)):
        parts = segment.split(", ")
        for number, part in enumerate(parts):
            pieces += [(piece, number and parts[number - 1]) for piece in _CONNECTORS.split(part)]
    company = role = None
    unclassified = []
    for piece, after in pieces:
        left = _without_interview_words(piece)
        if not left or _folded(left) in names:
            continue
        folded = _folded(left)
        by_domain = any(_folded(d) in folded or folded in _folded(d) for d in domains)
        is_role = any(word in folded for word in _ROLE_WORDS)
        spaced = _plain_words(left)
        is_company = by_domain or (not is_role and _whole_words(_COMPANY_WORDS).search(spaced) is not None)
        if is_company and company is None:
            company = left
        elif is_role and role is None:
            role = left
        elif role is not None and after and _without_interview_words(after) == role and company is not None:
            role = f"{role}, {left}"  # "Software Engineer, Fleet Services": the company is known
        else:
            unclassified.append(left)
    # A part that says neither: the company first (an invitation names it more often than the role).
    if company is None:
        company = domains[0] if domains else (unclassified.pop(0) if unclassified else None)
    if role is None and unclassified:
        role = unclassified[0]
    stage = stage_of(summary) or stage_of(description)
    return {"company": company, "role": role, "stage": stage}


# "Data analyst at Contoso", "Vorstellungsgespräch bei …", "Entretien avec …": two parts.
_CONNECTORS = re.compile(r"\s+(?:with|at|bei|avec|chez|con|for|für|pour|para)\s+", re.IGNORECASE)
# Words of job titles, found anywhere in a word ("Datenanalystin"), accents and case ignored.
_ROLE_WORDS = (
    "analyst", "analist", "engineer", "developer", "scientist", "designer", "manager", "lead", "director",
    "consultant", "specialist", "architect", "intern", "associate", "coordinator", "administrator", "officer",
    "nurse", "teacher", "accountant", "product owner", "researcher", "programmer", "assistant", "advisor",
    "educator", "representative", "technician", "pharmacist", "paralegal", "curator", "mechanic", "clerk",
    "entwickler", "berater", "ingenieur", "referent", "leiter", "sachbearbeiter", "werkstudent",
    "charge", "responsable", "developpeur", "ingenieur", "chef de", "conseiller", "stagiaire",
    "ingeniero", "desarrollador", "cientifico", "consultor", "jefe", "gerente", "asesor", "becario",
)
# Words that end or make a company's name.
_COMPANY_WORDS = (
    "gmbh", "ag", "kg", "inc", "inc.", "ltd", "ltd.", "llc", "plc", "corp", "corporation", "company", "co.", "sa",
    "s.a.", "sas", "sarl", "s.l.", "bv", "nv", "bank", "group", "gruppe", "partners", "labs", "holding", "holdings",
)


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """Text for comparing names: without accents, case, spaces and punctuation."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if c.isalnum() or c in " .").casefold().replace(" ", "")


def _without_interview_words(text: str) -> str | None:
    """``text`` without the words that say interview or stage, and the little words around
    them ("Data analyst interview" → "Data analyst"); None if nothing is left."""
    left = _fillers().sub(" ", text)
    left = _whole_words(_LITTLE_WORDS).sub(" ", left)
    left = " ".join(left.split()).strip(" -–—|:,;/&+")
    return left if re.search(r"\w{2,}", left) else None


@lru_cache(maxsize=1)
def _fillers() -> re.Pattern:
    """The words of :data:`_FILLERS` and the rest of the word they start ("interviews")."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in _FILLERS) + r")\w*", re.IGNORECASE)


_LITTLE_WORDS = ("with", "at", "for", "the", "a", "an", "du", "le", "el", "mit", "bei", "für", "avec", "chez", "con",
                 "para", "pour", "of", "zum", "zur")
# What says interview, stage or meeting and nothing of company or role, longest first.
_FILLERS = tuple(sorted({*INTERVIEW_WORDS, *(w for _, ws in STAGE_WORDS for w in ws), "call", "round", "video",
                         "virtual", "remote", "first", "second", "third", "day", "conversation", "chat", "meeting",
                         "phone", "telephone", "téléphonique",
                         "intro", "introductory", "gespräch", "tag", "journée", "día", "reunión", "réunion",
                         "invitation", "einladung", "updated", "aktualisiert"}, key=len, reverse=True))


@lru_cache(maxsize=4096)
def _company_of_domain(email: str | None) -> str | None:
    """The company an address's domain names (``ana@mail.northwind-analytics.co.uk`` →
    "Northwind Analytics"), or None for mail anyone can have."""
    if not email or "@" not in email:
        return None
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    if any(domain == d or domain.endswith("." + d) for d in (*_NOT_A_COMPANY, *_RESOURCE_DOMAINS)):
        return None
    labels = [label for label in domain.split(".") if label]
    if len(labels) < 2:
        return None
    labels = labels[:-1]  # the top-level domain
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    if len(labels) > 1 and labels[-1] == "example":  # RFC 2606's example.com/.org/.net
        labels = labels[:-1]
    labels = [label for label in labels if label not in _SUBDOMAINS] or labels
    name = labels[-1].replace("-", " ").replace("_", " ")
    return " ".join(part[:1].upper() + part[1:] for part in name.split()) or None


@lru_cache(maxsize=4096)
def name_of_address(email: str) -> str:
    """A person's name made from their address's local part ("sam.ortiz@…" → "Sam Ortiz"),
    accents kept."""
    local = email.partition("@")[0]
    parts = [part for part in re.split(r"[._+\-]+", local) if part and not part.isdigit()]
    return " ".join(part[:1].upper() + part[1:] for part in parts) or local


class _Reader:
    """Reads calendar files one after another, keeping every problem found."""

    def __init__(self, candidate_email: str | None, candidate_name: str | None):
        self.candidate_email = candidate_email.strip().casefold() if candidate_email else None
        self.candidate_name = _plain_words(candidate_name).strip() if candidate_name else None
        self.machine_zone = None
        self.problems: list[Problem] = []

    def problem(self, path: Path, line: int | None, field: str, reason: str, event: str | None = None) -> None:
        where = f"{path} line {line}" if line else str(path)
        text = f"{where}: " + (f"the event {event}: " if event else "") + (f"{field} " if not field.startswith("(") else "") + reason
        self.problems.append(Problem(where, field, reason, CalendarImportError, str(path), line, text))

    def read(self, path: Path, order: int) -> list[dict]:
        import icalendar

        try:
            raw = path.read_bytes()
        except OSError as error:
            self.problem(path, None, "(file)", f"cannot be read ({error.strerror or error})")
            return []
        text = raw.decode("utf-8", errors="replace")
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        begins = [number for number, line in enumerate(lines, start=1) if _BEGIN_EVENT.match(line)]
        ends = [number for number, line in enumerate(lines, start=1) if _END_EVENT.match(line)]
        try:
            with warnings.catch_warnings():
                # The library's guesses about odd zone names: the zone is decided below, by name.
                warnings.simplefilter("ignore")
                calendars = icalendar.Calendar.from_ical(raw, multiple=True)
        except Exception as error:  # noqa: BLE001  whatever the library says of a file it cannot read
            self.problem(path, None, "(file)", f"is not a calendar file that can be read ({_said(error)})")
            return []
        if not calendars:
            self.problem(path, None, "(file)", "holds no calendar (no BEGIN:VCALENDAR)")
            return []
        found, position = [], 0
        for calendar in calendars:
            method = str(calendar.get("METHOD") or "").strip().upper()
            zone_given = calendar.get("X-WR-TIMEZONE")
            for event in calendar.walk("VEVENT"):
                line = begins[position] if position < len(begins) else None
                end = next((n for n in ends[bisect_right(ends, line):][:1]), len(lines)) if line else None
                try:
                    row = self._event(event, method, zone_given, path, (line, end, lines))
                except Exception as error:  # noqa: BLE001  a value the library took but cannot give
                    self.problem(path, line, "(event)", f"cannot be read ({_said(error)})", _event_words(event))
                    row = None
                if row is not None:
                    row.update(_order=order, _position=position, file=str(path))
                    found.append(row)
                position += 1
        return found

    def _event(self, event, method: str, zone_given, path: Path, span) -> dict | None:
        line, last, lines = span
        words = _event_words(event)

        def at(name: str) -> int | None:
            """The line of the event's property ``name``."""
            if not line:
                return None
            for number in range(line, min(last, len(lines)) + 1):
                text = lines[number - 1] if number >= 1 else ""
                if re.match(re.escape(name) + r"[;:]", text, re.IGNORECASE):
                    return number
            return line

        def fail(name: str, reason: str) -> None:
            self.problem(path, at(name), name, reason, words)

        uid = _text_of(event.get("UID")).strip()
        summary = _text_of(event.get("SUMMARY")).strip()
        if not uid:
            # Without a UID an event cannot be recognised again; one made from what it says can.
            seed = "\n".join([summary, _raw(event.get("DTSTART")), _raw(event.get("ORGANIZER"))])
            uid = "no-uid-" + hashlib.sha1(seed.encode("utf-8", "replace")).hexdigest()[:20]
        sequence = event.get("SEQUENCE")
        try:
            sequence = int(_raw(sequence) or 0) if sequence is not None else 0
            if not 0 <= sequence < 2**31:
                raise ValueError
        except ValueError:
            fail("SEQUENCE", f"is not a whole number from 0 ({_raw(event.get('SEQUENCE'))!r})")
            return None

        failed = len(self.problems)
        zone_of_calendar = self._calendar_zone(zone_given, lambda reason: fail("X-WR-TIMEZONE", reason))
        start = self._instant(event, "DTSTART", zone_of_calendar, fail)
        if start is None and event.get("DTSTART") is not None:
            return None
        all_day = start is not None and start[2]
        end_at = None
        if start is not None:
            if event.get("DTEND") is not None:
                finish = self._instant(event, "DTEND", zone_of_calendar, fail)
                if finish is None:
                    return None
                end_at = finish[0]
            elif event.get("DURATION") is not None:
                duration = event.get("DURATION")
                length = getattr(duration, "dt", None)
                if not isinstance(length, timedelta):
                    fail("DURATION", f"is not a duration ({_raw(duration)!r})")
                    return None
                end_at = start[0] + pd.Timedelta(length) if not all_day else \
                    _localized(start[3] + length, start[1])
            else:
                end_at = _localized(start[3] + timedelta(days=1), start[1]) if all_day else start[0]
            if end_at is None or pd.isna(end_at):
                fail("DTEND", "does not exist in its time zone (the clocks skip it)")
                return None
        if len(self.problems) > failed:
            return None

        status = _text_of(event.get("STATUS")).strip().upper()
        status = "cancelled" if status == "CANCELLED" or method == "CANCEL" else \
            "tentative" if status == "TENTATIVE" else "confirmed"
        description = _text_of(event.get("DESCRIPTION"))
        if not description.strip() and event.get("X-ALT-DESC") is not None:
            description = _text_of(event.get("X-ALT-DESC"))
        description = plain_text(description)
        location = _text_of(event.get("LOCATION")).strip() or None
        organizer, people = self._people(event)
        recurring = any(event.get(name) is not None for name in ("RRULE", "RDATE", "RECURRENCE-ID"))
        timed = start is not None and end_at > start[0]

        if not timed:
            reason = "all-day" if start is not None and all_day else "no time"
        elif all_day:
            reason = "all-day"
        elif recurring:
            reason = "recurring"
        elif status == "cancelled":
            reason = "cancelled"
        elif not (looks_like_interview(summary) or looks_like_interview(description)):
            reason = "no interview word"
        else:
            reason = ""
        return {
            "uid": uid, "sequence": sequence, "summary": summary, "description": description, "location": location,
            "starts_at": start[0] if start else pd.NaT, "ends_at": end_at if start else pd.NaT,
            "timezone": start[1] if start else (zone_of_calendar[0] if zone_of_calendar else None),
            "all_day": bool(all_day),
            **guess(summary, description, organizer, people),
            "people": people, "looks_like_interview": reason == "", "reason": reason, "status": status,
        }

    def _calendar_zone(self, given, fail) -> tuple[str, str] | None:
        """The zone a UTC or floating time is in: the calendar's ``X-WR-TIMEZONE``, else the
        machine's; with where it came from. None (and a problem) for an unknown name."""
        if given is not None and _text_of(given).strip():
            name = iana_zone(_text_of(given))
            if name is None:
                fail(f"{_text_of(given).strip()!r} is not a time zone (an IANA name like Europe/Berlin)")
                return None
            return name, "X-WR-TIMEZONE"
        if self.machine_zone is None:
            self.machine_zone = machine_time_zone()
        return self.machine_zone, "machine"

    def _instant(self, event, name: str, zone_of_calendar, fail):
        """(UTC instant, IANA zone, all day, local date or wall clock) of the property ``name``,
        or None (and a problem) when it cannot be read."""
        prop = event.get(name)
        if prop is None:
            return None
        try:
            value = prop.dt
        except Exception as error:  # noqa: BLE001  icalendar's broken property
            fail(name, f"is not a date or a time ({_raw(prop)!r}: {_said(error)})")
            return None
        if isinstance(value, datetime):
            tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
            if tzid:
                zone = iana_zone(str(tzid))
                if zone is None:
                    fail(name, f"is in the time zone {str(tzid)!r}, which is neither an IANA name (like "
                               "Europe/Berlin) nor a Windows name (like W. Europe Standard Time)")
                    return None
            elif zone_of_calendar is None:
                return None  # the calendar's zone is wrong: said already
            else:
                zone = zone_of_calendar[0]
            if value.tzinfo is not None and value.utcoffset() is not None:
                instant = _utc(value.astimezone(timezone.utc))
            else:
                instant = _localized(value.replace(tzinfo=None), zone)
                if instant is None or pd.isna(instant):
                    fail(name, f"{value:%Y-%m-%d %H:%M} does not exist in {zone} (the clocks skip it)")
                    return None
            return instant, zone, False, value.replace(tzinfo=None)
        if isinstance(value, date):
            if zone_of_calendar is None:
                return None
            zone = zone_of_calendar[0]
            wall = datetime(value.year, value.month, value.day)
            instant = _localized(wall, zone)
            if instant is None or pd.isna(instant):
                fail(name, f"{value} has no midnight in {zone}")
                return None
            return instant, zone, True, wall
        fail(name, f"is not a date or a time ({_raw(prop)!r})")
        return None

    def _people(self, event) -> tuple[str | None, list[dict]]:
        """The organizer's address, and the people met: organizer, then attendees, each once,
        without the candidate, rooms and resources."""
        people, seen = [], set()
        organizer = event.get("ORGANIZER")
        attendees = event.get("ATTENDEE")
        if attendees is None:
            attendees = []
        elif not isinstance(attendees, list):
            attendees = [attendees]
        organizer_email = _address(organizer)[0] if organizer is not None else None
        for who in ([organizer] if organizer is not None else []) + attendees:
            email, name, kind = _address(who)
            if kind in ("ROOM", "RESOURCE") or (email and email.rpartition("@")[2].lower().endswith(_RESOURCE_DOMAINS)):
                continue
            if email and self.candidate_email and email.casefold() == self.candidate_email:
                continue
            if name and "@" in name and email and name.casefold() == email.casefold():
                name = None  # a CN that is the address again says no name
            name = name or (name_of_address(email) if email else None)
            if not name:
                continue
            if self.candidate_name and _plain_words(name).strip() == self.candidate_name:
                continue
            key = email.casefold() if email else _plain_words(name)
            if key in seen:
                continue
            seen.add(key)
            people.append({"name": name, "email": email})
        return organizer_email, people


@lru_cache(maxsize=4096)
def iana_zone(name: str) -> str | None:
    """The IANA name of a ``TZID`` or ``X-WR-TIMEZONE``: an IANA name itself, a Windows name
    by the CLDR mapping icalendar keeps, or the IANA name at the end of a "globally unique"
    TZID (``/freeassociation.sourceforge.net/Europe/Berlin``); None when it is none of these."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    cleaned = str(name).strip().strip('"').strip()
    if is_time_zone(cleaned):
        return cleaned
    windows = WINDOWS_TO_OLSON.get(cleaned)
    if windows is not None and is_time_zone(windows):
        return windows
    parts = [part for part in cleaned.split("/") if part]
    for start in range(1, len(parts)):
        candidate = "/".join(parts[start:])
        if is_time_zone(candidate):
            return candidate
    return None


def _address(who) -> tuple[str | None, str | None, str]:
    """An ORGANIZER or ATTENDEE as (email, CN, CUTYPE)."""
    params = getattr(who, "params", {}) or {}
    value = str(who).strip()
    email = None
    if value.lower().startswith("mailto:"):
        email = value[len("mailto:"):].strip() or None
    elif "@" in value and ":" not in value:
        email = value
    given = params.get("EMAIL")
    if given:
        email = str(given).strip().strip('"') or email
    name = params.get("CN")
    name = " ".join(str(name).strip().strip('"').split()) if name else None
    kind = str(params.get("CUTYPE") or "INDIVIDUAL").strip().upper()
    return email, name or None, kind


def _localized(wall: datetime, zone: str) -> pd.Timestamp | None:
    """A wall-clock time in ``zone`` as a UTC instant: a time that happens twice (clocks going
    back) at its first occurrence, one that does not exist (clocks going forward) NaT."""
    try:
        placed = pd.Timestamp(wall).tz_localize(zone, ambiguous=True, nonexistent="NaT")
    except (OverflowError, ValueError):
        return None
    if pd.isna(placed):
        return placed
    return placed.tz_convert("UTC").as_unit(UNIT)


def _utc(value: datetime) -> pd.Timestamp:
    return pd.Timestamp(value).tz_convert("UTC").as_unit(UNIT)


def _text_of(value) -> str:
    """A property's text ('' when missing; the first of a repeated one)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value)


def _raw(value) -> str:
    """A property as written in the file, for messages."""
    if value is None:
        return ""
    try:
        raw = value.to_ical()
        return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    except Exception:  # noqa: BLE001  a broken value still has its text
        return str(value)


def _said(error: Exception) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__


def _event_words(event) -> str:
    """An event as a message names it: its summary and UID."""
    summary = _text_of(event.get("SUMMARY")).strip()
    uid = _text_of(event.get("UID")).strip()
    said = repr(summary) if summary else "without a summary"
    return f"{said} (UID {uid})" if uid else said
