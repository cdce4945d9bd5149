"""What a thank-you note to one person is written against: the person, their interview, the
candidate, and the rest of the log a careful note must not confuse them with.

Loaded once per person (a few small queries), then reused while the candidate types, so
that composing and reviewing a note stay instant however large the log is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import func, select

from ..store import schema
from ..errors import Problem, UnknownRecordError, raise_problems


@dataclass(frozen=True)
class Sibling:
    """Another person met at the same interview, and the latest note to them (if any)."""

    interviewer_id: int
    name: str
    note_body: str | None


@dataclass(frozen=True)
class NoteContext:
    """Everything about one interviewer that composing and reviewing a note needs."""

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
    candidate: str
    candidate_email: str | None
    candidate_phone: str | None
    skills: tuple[str, ...]
    siblings: tuple[Sibling, ...] = ()
    #: Companies and people's full names elsewhere in the log (not this interview's).
    other_companies: frozenset[str] = field(default_factory=frozenset)
    other_people: frozenset[str] = field(default_factory=frozenset)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def last_name(self) -> str:
        return self.name.split()[-1] if self.name.split() else self.name


def _text(value) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def note_context(log, interviewer_id: int) -> NoteContext:
    """Load the :class:`NoteContext` of one interviewer from ``log``.

    Raises
    ------
    UnknownRecordError
        The log holds no such interviewer.
    """
    i, iv, c, n = schema.interviewers, schema.interviews, schema.candidates, schema.notes
    with log.reading() as conn:
        row = conn.execute(
            select(i.c.interviewer_id, i.c.name, i.c.title, i.c.email, i.c.talking_points, iv.c.interview_id,
                   iv.c.company, iv.c.role, iv.c.stage, iv.c.timezone, iv.c.ends_at,
                   c.c.name.label("candidate"), c.c.email.label("candidate_email"),
                   c.c.phone.label("candidate_phone"), c.c.skills)
            .join_from(i, iv).join(c)
            .where(i.c.interviewer_id == int(interviewer_id))
        ).mappings().first()
        if row is None:
            raise_problems([Problem(f"interviewer {interviewer_id}", "interviewer_id", "is not in the log",
                                    UnknownRecordError)])
        # The latest note to each other person at the same interview (drafts count: the
        # candidate may be writing them all at once).
        latest = (
            select(n.c.interviewer_id, func.max(n.c.note_id).label("note_id"))
            .group_by(n.c.interviewer_id).subquery()
        )
        siblings = conn.execute(
            select(i.c.interviewer_id, i.c.name, n.c.body)
            .outerjoin(latest, latest.c.interviewer_id == i.c.interviewer_id)
            .outerjoin(n, n.c.note_id == latest.c.note_id)
            .where(i.c.interview_id == row["interview_id"], i.c.interviewer_id != row["interviewer_id"])
            .order_by(i.c.interviewer_id)
        ).all()
        companies = conn.execute(
            select(iv.c.company).distinct().where(func.lower(iv.c.company) != row["company"].lower())
        ).scalars().all()
        people = conn.execute(
            select(i.c.name).distinct().where(i.c.name != row["name"])
        ).scalars().all()
    skills = tuple(s.strip() for s in (row["skills"] or "").split(";") if s.strip())
    return NoteContext(
        interviewer_id=row["interviewer_id"], name=row["name"], title=_text(row["title"]),
        email=_text(row["email"]), talking_points=_text(row["talking_points"]),
        interview_id=row["interview_id"], company=row["company"], role=row["role"], stage=_text(row["stage"]),
        timezone=row["timezone"], ended_at=pd.Timestamp(row["ends_at"]).tz_convert("UTC"),
        candidate=row["candidate"], candidate_email=_text(row["candidate_email"]),
        candidate_phone=_text(row["candidate_phone"]), skills=skills,
        siblings=tuple(Sibling(s.interviewer_id, s.name, s.body) for s in siblings),
        other_companies=frozenset(companies), other_people=frozenset(people),
    )
