"""Handing a note to the person's own mail program: an ``.eml`` file or a ``mailto:`` link.

The workbook never sends mail. It writes the note as a standard message (To, From, Subject,
Date and a plain-text body) that a mail program opens as a draft, or as a ``mailto:`` link
(RFC 6068) a browser passes to the mail program; the person checks it and presses Send.

Nothing typed can forge a mail header: a line break or other control character in a name,
an address, the subject, or the company or role the default subject is made of is refused
(:class:`~workbook.errors.InvalidValueError`, naming the field), never passed through, even
though the log refuses them too; the subject comes straight from a text box, and a row may
have reached the database some other way. The Date is written by the email package from an
instant, never from text.

Each hand-off comes in two forms: on a person's :class:`~workbook.notes.context.NoteContext`,
read once (:func:`email_message`, :func:`save_eml`, :func:`mailto`: what the note builder
uses as the person types), and on the log and an interviewer id (:func:`note_message`,
:func:`write_eml`, :func:`mailto_link`), which read that context first.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple
from email import errors as email_errors
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from ..errors import InvalidTimeError, InvalidValueError, Problem, UnknownTimeZoneError, raise_problems
from ..instants import is_time_zone, parse_instants, resolve_now
from .context import NamesInLog, NoteContext, note_context

#: The subject used when none is given; ``{role}`` and ``{company}`` are the interview's.
DEFAULT_SUBJECT = "Thank you: {role} interview"

#: The notebook where a person's email address is added to a logged interview.
EDIT_PEOPLE_IN = "01-log-an-interview"

#: How many numbered names (``-2``, ``-3``...) :func:`write_eml` tries before giving up.
MAX_NUMBERED_FILES = 999

# Stricter than the log's own one-line check: besides ASCII control characters this refuses
# the C1 controls and the Unicode line and paragraph separators, which str.splitlines (and so
# parts of the email package) also treats as line ends.
_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_UNSAFE_REASON = "contains a line break or control character, which could forge a mail header; keep it on one line"
# An RFC 2047 encoded word ("=?utf-8?q?...?="): mail programs, and some versions of Python's
# email package (3.11.7 here), decode it when they read or re-write a header, so one holding an
# encoded line break ("=0D=0A") would forge a header just as a typed one would.
_ENCODED_WORD = re.compile(r"=\?[^?]*\?[^?]*\?.*?\?=")
_READ_BACK_REASON = ("a mail program would not read the message back as written (a name, address or the "
                     "subject could forge a mail header); check them")
_ENCODED_REASON = ("contains '=?...?=', which mail programs decode as an encoded word that could forge a "
                   "mail header; write it another way")
# What a user-given file name may not contain: separators (both kinds, and ":" for a Windows
# drive), NUL and other control characters.
_NOT_IN_FILE_NAME = re.compile(r"[/\\:\x00-\x1f\x7f]")
_SLUG_PART_LENGTH = 40


class _Where(NamedTuple):
    """Which record a problem is about: in words a person reads, by name (``row``), and for a
    program, by id (``record``, ``key``)."""

    row: str
    record: str
    key: object

    def problem(self, field: str, reason: str, kind=InvalidValueError, text: str = "") -> Problem:
        return Problem(self.row, field, reason, kind, self.record, self.key, text)


def _one_line(text) -> str:
    """A name as a message quotes it: on one line, whatever reached the log (a line break in
    a name may be the very problem being told)."""
    return " ".join(_HEADER_UNSAFE.sub(" ", str(text)).split())


def _person(ctx: NoteContext) -> _Where:
    return _Where(_one_line(ctx.name), "interviewer", ctx.interviewer_id)


def _interview(ctx: NoteContext) -> _Where:
    return _Where(f"the interview with {_one_line(ctx.company)} ({_one_line(ctx.role)})", "interview",
                  ctx.interview_id)


def _candidate(ctx: NoteContext) -> _Where:
    return _Where(_one_line(ctx.candidate), "candidate", ctx.candidate)


def _context(log, interviewer_id) -> NoteContext:
    """The person's context, without the log's other names: a hand-off reviews nothing."""
    return note_context(log, interviewer_id, names=NamesInLog())


def _unsafe(value: str | None, where: _Where, field: str) -> list[Problem]:
    """A problem if ``value`` could break out of its mail header."""
    if value is not None and _HEADER_UNSAFE.search(value):
        return [where.problem(field, _UNSAFE_REASON)]
    if value is not None and _ENCODED_WORD.search(value):
        return [where.problem(field, _ENCODED_REASON)]
    return []


def _address(name: str, email: str, where: _Where, field: str) -> tuple[Address | None, list[Problem]]:
    """``name <email>`` as a header address, or the problem with the email address."""
    reason = None
    if not email.isascii():
        reason = f"{email!r} has non-ASCII characters, which most mail programs cannot take in an address"
    else:
        try:
            address = Address(display_name=name, addr_spec=email)
        except (email_errors.HeaderParseError, email_errors.MessageDefect, ValueError, IndexError):
            address = None
        # The email package drops parts it does not understand ("a(b)@x.y" becomes "a@x.y"):
        # a note must go to the address the person typed, or not at all.
        if address is None or address.addr_spec != email:
            reason = f"{email!r} is not an address a mail program can use (like ana@example.com)"
    if reason:
        return None, [where.problem(field, reason)]
    return address, []


def _subject(ctx: NoteContext, subject: str | None) -> tuple[str, list[Problem]]:
    """The subject to use (the default when none or a blank one is given) and its problems."""
    if subject is None or not str(subject).strip():
        # The default is made of the interview's fields: a problem is theirs, not the subject's.
        problems = [problem for field in ("company", "role")
                    for problem in _unsafe(getattr(ctx, field), _interview(ctx), field)]
        return DEFAULT_SUBJECT.format(role=ctx.role, company=ctx.company).strip(), problems
    subject = str(subject)
    # Checked before stripping: a line break is refused even at the end.
    return subject.strip(), _unsafe(subject, _person(ctx), "subject")


def _to_problems(ctx: NoteContext) -> list[Problem]:
    """Problems with sending to this interviewer by email at all."""
    if ctx.email is None or not ctx.email.strip():
        person = _person(ctx)
        return [person.problem(
            "email", f"is missing: add their email address in {EDIT_PEOPLE_IN}, or send a handwritten note",
            text=f"{person.row}'s email address is missing: add it to the interview in {EDIT_PEOPLE_IN}, "
                 "or send a handwritten note")]
    return _unsafe(ctx.email, _person(ctx), "email")


def _date(ctx: NoteContext, sent_at, now) -> tuple[str | None, list[Problem]]:
    """The Date header: ``sent_at`` (or now) in the interview's time zone."""
    if not is_time_zone(ctx.timezone):  # a row that reached the database some other way
        return None, [_interview(ctx).problem(
            "timezone", f"{ctx.timezone!r} is not an IANA time zone (like Europe/Berlin)", UnknownTimeZoneError)]
    if sent_at is None:
        instant = resolve_now(now)
    else:
        instants, reasons = parse_instants(pd.Series([sent_at], dtype=object), pd.Series([ctx.timezone]))
        if reasons.iloc[0] or pd.isna(instants.iloc[0]):
            return None, [_person(ctx).problem("sent_at", reasons.iloc[0] or "is missing", InvalidTimeError)]
        instant = instants.iloc[0]
    return format_datetime(instant.tz_convert(ctx.timezone).to_pydatetime()), []


def email_message(ctx: NoteContext, body: str, subject: str | None = None, sent_at=None,
                  now=None) -> EmailMessage:
    """The note to the person of ``ctx`` as an email message, ready for a mail program.

    Parameters
    ----------
    ctx : NoteContext
        The person the note is to, read with :func:`~workbook.notes.context.note_context`.
    body : str
        The note, as plain text; its line breaks are kept.
    subject : str, optional
        One line. When None or blank: :data:`DEFAULT_SUBJECT` with the interview's role.
    sent_at : datetime or str, optional
        The Date of the message: an aware datetime or ISO 8601 text (without an offset, a
        wall-clock time in the interview's time zone). Defaults to now.
    now : datetime or str, optional
        The instant to treat as now (see :func:`workbook.instants.resolve_now`).

    Returns
    -------
    EmailMessage
        To the interviewer's name and address; From the candidate when the log has their
        email address (otherwise no From: the mail program fills it in); Subject; Date (in
        the interview's time zone); a UTF-8 ``text/plain`` body. Serialise it with
        ``message.as_bytes(policy=email.policy.SMTP)`` for CRLF line ends; non-ASCII names
        and subjects become RFC 2047 encoded words.

    Raises
    ------
    InvalidValueError
        The interviewer has no email address, or a name, address, the subject (or the
        company or role of a default subject) holds a line break, a control character or an
        encoded word (``=?...?=``), any of which could forge a header, or an address is not
        one a mail program can use; an ``UnknownTimeZoneError`` when the interview's time
        zone is not one. The message names the person (``Ana Lima``) or the interview
        (``the interview with Northwind Analytics (Data analyst)``), never by id alone;
        ``error.record`` and ``error.key`` say which record to a program
        (``"interviewer", 7``; ``"interview", 3``; ``"candidate", "Maya Okafor"``).
    InvalidTimeError
        ``sent_at`` or ``now`` is not a time.
    """
    person = _person(ctx)
    subject, problems = _subject(ctx, subject)
    problems += _unsafe(ctx.name, person, "name")
    problems += _to_problems(ctx)
    to = sender = None
    if not problems:
        to, found = _address(ctx.name.strip(), ctx.email.strip(), person, "email")
        problems += found
    # Without the candidate's address the mail program fills in From; their name is unused.
    if ctx.candidate_email and ctx.candidate_email.strip():
        candidate = _candidate(ctx)
        found = _unsafe(ctx.candidate, candidate, "name")
        found += _unsafe(ctx.candidate_email, candidate, "email")
        if not found:
            sender, found = _address(ctx.candidate.strip(), ctx.candidate_email.strip(), candidate, "email")
        problems += found
    date, found = _date(ctx, sent_at, now)
    raise_problems(problems + found)

    message = EmailMessage(policy=policy.default)
    message["To"] = to
    if sender is not None:
        message["From"] = sender
    message["Subject"] = subject
    message["Date"] = date
    # Outlook opens a message marked unsent as a draft to edit and send, not as received mail.
    message["X-Unsent"] = "1"
    # Quoted-printable keeps the file 7-bit and long paragraphs within line limits.
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    raise_problems(_read_back_problems(message, ctx, to, sender))
    return message


def note_message(log, interviewer_id: int, body: str, subject: str | None = None, sent_at=None,
                 now=None) -> EmailMessage:
    """The note to one interviewer in ``log`` as an email message: read their context, then
    :func:`email_message`.

    Parameters
    ----------
    log : Log
        The log holding the interviewer.
    interviewer_id : int
        The person the note is to.
    body, subject, sent_at, now
        As for :func:`email_message`.

    Raises
    ------
    UnknownRecordError
        The log holds no such interviewer.
    InvalidValueError, InvalidTimeError
        As for :func:`email_message`.
    """
    return email_message(_context(log, interviewer_id), body, subject, sent_at, now)


def _read_back_problems(message: EmailMessage, ctx: NoteContext, to: Address,
                        sender: Address | None) -> list[Problem]:
    """Whether a mail program would read the message as written: the same headers, and the
    note to and from the same one address each.

    A second line of defence behind :func:`_unsafe`, for whatever a version of the email
    package might still write or read differently. (How a name or subject is spaced or
    encoded may differ: that forges nothing.)
    """
    back = BytesParser(policy=policy.default).parsebytes(message.as_bytes(policy=policy.SMTP))
    problems = []
    for header, meant, where in (("To", to, _person(ctx)), ("From", sender, _candidate(ctx))):
        found = back[header].addresses if back[header] is not None else ()
        if meant is not None and [a.addr_spec for a in found] != [meant.addr_spec]:
            problems.append(where.problem(f"({header} header)", _READ_BACK_REASON))
    if not problems and list(back.keys()) != list(message.keys()):
        problems.append(_person(ctx).problem("(headers)", _READ_BACK_REASON))
    return problems


def _slug(text: str) -> str:
    """ASCII letters and digits in lower case, joined by '-' ('José Núñez' -> 'jose-nunez')."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:_SLUG_PART_LENGTH].strip("-")


def _default_file_name(ctx: NoteContext) -> str:
    parts = [_slug(ctx.name) or f"interviewer-{ctx.interviewer_id}", _slug(ctx.company)]
    return "thank-you-" + "-".join(p for p in parts if p) + ".eml"


def _checked_file_name(filename, where: _Where) -> str:
    """A user-given file name that stays in the folder, ending in ``.eml``."""
    name = str(filename)
    if not name.strip() or _NOT_IN_FILE_NAME.search(name) or not name.strip("."):
        raise_problems([where.problem("filename",
                                      f"{name!r} is not a plain file name; give one without '/', '\\', ':', "
                                      "'..' or control characters, like thank-you-ana.eml")])
    if not name.lower().endswith(".eml"):
        name += ".eml"
    return name


def _numbered(name: str, number: int) -> str:
    stem, _, suffix = name.rpartition(".")
    return f"{stem}-{number}.{suffix}"


def save_eml(ctx: NoteContext, body: str, folder, subject: str | None = None, sent_at=None, now=None,
             filename: str | None = None) -> Path:
    """Write the note to the person of ``ctx`` as an ``.eml`` file, for a mail program to open.

    Parameters
    ----------
    ctx, body, subject, sent_at, now
        As for :func:`email_message`.
    folder : str or Path
        Where to write the file (created if missing).
    filename : str, optional
        A plain file name inside ``folder``; ``.eml`` is added if missing. By default
        ``thank-you-<name>-<company>.eml`` in lower-case ASCII.

    Returns
    -------
    Path
        The file written. An existing file is never replaced: the name gets ``-2``,
        ``-3``... instead.

    Raises
    ------
    InvalidValueError, InvalidTimeError
        As for :func:`email_message`; also an ``InvalidValueError`` for a ``filename`` that
        is not a plain file name (a path, ``..``, a separator or control character).
        Nothing is written when one is raised.
    """
    name = _default_file_name(ctx) if filename is None else _checked_file_name(filename, _person(ctx))
    data = email_message(ctx, body, subject, sent_at, now).as_bytes(policy=policy.SMTP)

    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, MAX_NUMBERED_FILES + 1):
        path = folder / (name if number == 1 else _numbered(name, number))
        # Checked names cannot leave the folder; this makes sure of it.
        if path.parent != folder or path.name in ("", ".", ".."):
            raise AssertionError(f"file name {path.name!r} leaves {folder}")
        try:
            # "x" creates the file or fails if anything (even a dangling link) has the name,
            # so an existing file is never replaced, whoever wrote it meanwhile.
            with open(path, "xb") as file:
                file.write(data)
            return path
        except FileExistsError:
            continue
    raise_problems([_person(ctx).problem(
        "filename", f"{folder} already holds {name} and {MAX_NUMBERED_FILES - 1} numbered copies; "
                    "choose another folder or file name")])


def write_eml(log, interviewer_id: int, body: str, folder, subject: str | None = None, sent_at=None,
              now=None, filename: str | None = None) -> Path:
    """Write the note to one interviewer in ``log`` as an ``.eml`` file: read their context,
    then :func:`save_eml`.

    Parameters
    ----------
    log, interviewer_id
        As for :func:`note_message`.
    body, folder, subject, sent_at, now, filename
        As for :func:`save_eml`.

    Raises
    ------
    UnknownRecordError
        The log holds no such interviewer.
    InvalidValueError, InvalidTimeError
        As for :func:`save_eml`. Nothing is written when one is raised.
    """
    return save_eml(_context(log, interviewer_id), body, folder, subject, sent_at, now, filename)


def mailto(ctx: NoteContext, body: str, subject: str | None = None) -> str:
    """A ``mailto:`` link (RFC 6068) that opens the note to the person of ``ctx`` in the
    person's mail program.

    Parameters
    ----------
    ctx, body, subject
        As for :func:`email_message`.

    Returns
    -------
    str
        ``mailto:ana%40northwind.example?subject=...&body=...``, every reserved character
        percent-encoded (UTF-8), line breaks in the body as ``%0D%0A``. Mail programs and
        browsers may cut very long links (a few thousand characters); for a long note
        prefer :func:`save_eml`.

    Raises
    ------
    InvalidValueError
        As for :func:`email_message`.
    """
    subject, problems = _subject(ctx, subject)
    problems += _to_problems(ctx)
    if not problems:
        problems += _address("", ctx.email.strip(), _person(ctx), "email")[1]
    raise_problems(problems)
    # RFC 6068: a line break in the body is CRLF, however it was typed.
    body = re.sub(r"\r\n|\r|\n", "\r\n", body)
    return (f"mailto:{quote(ctx.email.strip(), safe='')}"
            f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}")


def mailto_link(log, interviewer_id: int, body: str, subject: str | None = None) -> str:
    """A ``mailto:`` link to one interviewer in ``log``: read their context, then :func:`mailto`.

    Raises
    ------
    UnknownRecordError
        The log holds no such interviewer.
    InvalidValueError
        As for :func:`email_message`.
    """
    return mailto(_context(log, interviewer_id), body, subject)
