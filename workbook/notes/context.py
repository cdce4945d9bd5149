"""What a thank-you note to one person is written against: the person, their interview, the
candidate, and the rest of the log a careful note must not confuse them with.

:func:`note_context` reads it once per person (a few small queries by key); composing,
reviewing and handing off a note are then pure computation on the :class:`NoteContext`, so
that they stay instant while the candidate types, however large the log is. The names of
everyone else in the log (:class:`NamesInLog`) are the one large read: it is read once and
indexed once, and can be shared by the contexts of several people of the same log
(:func:`names_in_log`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain

import pandas as pd
from sqlalchemy import func, select

from ..errors import Problem, UnknownRecordError, raise_problems
from ..store import schema
from ..store.kinds import record_id
from .words import company_words, name_words
from .words import words as _words

#: The most words of a name the recipient check looks for; a name of more words (hardly any)
#: is not looked for, so that a keystroke never looks up more runs of words than this.
LONGEST_NAME = 12


class NamesInLog:
    """The companies and people's full names in a log, indexed by their folded words, so
    that the ones a note names are found by looking up the note's runs of words: as fast with
    a million people in the log as with ten.

    A person's name counts only when it has two words or more: a first name alone ("Ana") is
    too common to say a note is about someone else.

    Parameters
    ----------
    companies, people : iterable of str
        The names as logged; repeats are fine.
    """

    __slots__ = ("_companies", "_people", "_longest")

    def __init__(self, companies: Iterable[str] = (), people: Iterable[str] = ()):
        # A company is found as logged and as notes write it: without its legal form, "and" for "&".
        self._companies = self._index(companies, least=1, named=company_words)
        self._people = self._index(people, least=2)
        # The longest run of a note's words worth looking up.
        self._longest = max((key.count(" ") + 1 for key in chain(self._companies, self._people)), default=0)

    @staticmethod
    def _index(names: Iterable[str], least: int, named=name_words) -> dict[str, str]:
        return {" ".join(found): name for name, found in named(names) if least <= len(found) <= LONGEST_NAME}

    def __repr__(self) -> str:
        return f"NamesInLog({len(self._companies)} companies, {len(self._people)} people)"

    def __len__(self) -> int:
        return len(self._companies) + len(self._people)

    @staticmethod
    def key(name: str) -> str:
        """A name as the index holds it: its folded words, one space apart."""
        return " ".join(_words(name))

    def companies_in(self, words: Sequence[str]) -> list[str]:
        """The companies whose names stand in ``words`` (folded words, as
        :func:`workbook.notes.words.words` gives them), as logged, sorted."""
        return self._named(words, self._companies)

    def people_in(self, words: Sequence[str]) -> list[str]:
        """The people's full names that stand in ``words``, as logged, sorted."""
        return self._named(words, self._people)

    def _named(self, words: Sequence[str], index: dict[str, str]) -> list[str]:
        found = set()
        for start in range(len(words)):
            run = ""
            for word in words[start:start + self._longest]:
                run = f"{run} {word}" if run else word
                if run in index:
                    found.add(index[run])
        return sorted(found)


@dataclass(frozen=True)
class Sibling:
    """Another person met at the same interview, and the latest note to them (if any)."""

    interviewer_id: int
    name: str
    note_body: str | None


@dataclass(frozen=True)
class NoteContext:
    """Everything about one interviewer that composing, reviewing and handing off a note need.

    ``names`` holds every company and person's name in the log (this person's and company
    included: the review leaves them out), read when the context was; it is not compared
    when contexts are.
    """

    interviewer_id: int
    name: str
    title: str | None
    email: str | None
    talking_points: str | None
    interview_id: int
    company: str
    role: str
    stage: str | None
    timezone: str
    ended_at: pd.Timestamp
    started_at: pd.Timestamp
    candidate: str
    candidate_email: str | None
    candidate_phone: str | None
    skills: tuple[str, ...]
    siblings: tuple[Sibling, ...] = ()
    names: NamesInLog = field(default_factory=NamesInLog, repr=False, compare=False)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def last_name(self) -> str:
        return self.name.split()[-1] if self.name.split() else self.name


def _text(value) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


#: Between the names the database joins into one text: a control character, which no name the
#: log takes holds (a row written behind its back that does would only be cut in two here).
_NAME_SEPARATOR = "\x1f"


def _column_text(conn, column) -> list[str]:
    """Every value of ``column``, read as one text the database joins (``group_concat`` in
    SQLite, ``string_agg`` in PostgreSQL): ten times faster than a row per name."""
    joined = conn.execute(select(func.aggregate_strings(column, _NAME_SEPARATOR))).scalar_one()
    return joined.split(_NAME_SEPARATOR) if joined else []


def _read_names(conn) -> NamesInLog:
    # Every row, not DISTINCT: the index drops repeats for less than the database's sort costs.
    return NamesInLog(_column_text(conn, schema.interviews.c.company), _column_text(conn, schema.interviewers.c.name))


def names_in_log(log) -> NamesInLog:
    """Read and index the names of every company and person in ``log``: the one read of a
    context that grows with the log (about 0.15 s for 100,000 people met). Read it once and
    pass it to :func:`note_context` for each person of the same log."""
    with log.reading() as conn:
        return _read_names(conn)


def note_context(log, interviewer_id: int, names: NamesInLog | None = None) -> NoteContext:
    """Read the :class:`NoteContext` of one interviewer from ``log``.

    Parameters
    ----------
    log : Log
    interviewer_id : int
    names : NamesInLog, optional
        The log's names, already read with :func:`names_in_log` (the builder reads them once
        for everyone at an interview). By default they are read here. What does not review
        a note (composing, handing off) passes an empty ``NamesInLog()``.

    Raises
    ------
    UnknownRecordError
        The log holds no such interviewer.
    InvalidValueError
        ``interviewer_id`` is not a whole number.
    """
    key = record_id(interviewer_id, "interviewer", text=False)  # as the mail functions always took it
    i, iv, c, n = schema.interviewers, schema.interviews, schema.candidates, schema.notes
    with log.reading() as conn:
        row = conn.execute(
            select(i.c.interviewer_id, i.c.name, i.c.title, i.c.email, i.c.talking_points, iv.c.interview_id,
                   iv.c.company, iv.c.role, iv.c.stage, iv.c.timezone, iv.c.starts_at, iv.c.ends_at,
                   c.c.name.label("candidate"), c.c.email.label("candidate_email"),
                   c.c.phone.label("candidate_phone"), c.c.skills)
            .join_from(i, iv, i.c.interview_id == iv.c.interview_id)
            .join(c, iv.c.candidate_id == c.c.candidate_id)
            .where(i.c.interviewer_id == key)
        ).mappings().first()
        if row is None:
            raise_problems([Problem(f"interviewer {key}", "interviewer_id", "is not in the log",
                                    UnknownRecordError, "interviewer", key)])
        # The latest note to each other person at the same interview (drafts count: the
        # candidate may be writing them all at once), looked up by key for each of them, not
        # by grouping every note in the log.
        others, earlier = i.alias("others"), n.alias("earlier")
        latest = (select(func.max(earlier.c.note_id)).where(earlier.c.interviewer_id == others.c.interviewer_id)
                  .correlate(others).scalar_subquery())
        siblings = conn.execute(
            select(others.c.interviewer_id, others.c.name, n.c.body)
            .select_from(others).outerjoin(n, n.c.note_id == latest)
            .where(others.c.interview_id == row["interview_id"], others.c.interviewer_id != key)
            .order_by(others.c.interviewer_id)
        ).all()
        if names is None:
            names = _read_names(conn)
    skills = tuple(s.strip() for s in (row["skills"] or "").split(";") if s.strip())
    return NoteContext(
        interviewer_id=row["interviewer_id"], name=row["name"], title=_text(row["title"]),
        email=_text(row["email"]), talking_points=_text(row["talking_points"]),
        interview_id=row["interview_id"], company=row["company"], role=row["role"], stage=_text(row["stage"]),
        timezone=row["timezone"], ended_at=pd.Timestamp(row["ends_at"]).tz_convert("UTC"),
        started_at=pd.Timestamp(row["starts_at"]).tz_convert("UTC"),
        candidate=row["candidate"], candidate_email=_text(row["candidate_email"]),
        candidate_phone=_text(row["candidate_phone"]), skills=skills,
        siblings=tuple(Sibling(s.interviewer_id, s.name, s.body) for s in siblings),
        names=names,
    )
