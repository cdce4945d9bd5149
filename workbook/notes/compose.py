"""Composing a thank-you note to one interviewer from what the log knows and what the
candidate adds.

The log gives the person's name, the company, the role, what you talked about, and your own
name, phone, email and skills. The candidate adds the skills to restate, one or two goals or
projects, the specific detail from this conversation, and the next steps agreed. The result is
short by construction: a greeting, five or six sentences, a sign-off with contact details.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..instants import resolve_now
from .context import NamesInLog, NoteContext, note_context
from .words import one_full_stop

#: The tones a note can be written in.
TONES = ("warm", "concise", "formal")


@dataclass(frozen=True)
class NoteParts:
    """What the candidate types for one note; empty parts fall back to what the log knows."""

    detail: str = ""
    skills: str = ""
    goals: str = ""
    next_steps: str = ""
    tone: str = "warm"


@dataclass(frozen=True)
class ComposedNote:
    subject: str
    body: str


_PHRASES = {
    "warm": {
        "greeting": "Dear {first},",
        "thanks": "Thank you so much for your time {when} and for the chance to talk about the {role} role at {company}.",
        "detail": "I especially enjoyed our conversation about {detail}.",
        "skills": "I am excited about the role, and I believe my experience with {skills} would help your team.",
        "goals": "I would love to contribute to {goals}.",
        "next_steps": "As we discussed, {next_steps}.",
        "no_next_steps": "I look forward to hearing about the next steps.",
        "closing": "Warm regards,",
        "subject": "Thank you — {role} interview",
    },
    "concise": {
        "greeting": "Hi {first},",
        "thanks": "Thank you for your time {when} and for the opportunity to interview for the {role} role at {company}.",
        "detail": "I enjoyed talking about {detail}.",
        "skills": "I am excited about the role; my experience with {skills} fits it well.",
        "goals": "I would be glad to contribute to {goals}.",
        "next_steps": "As discussed, {next_steps}.",
        "no_next_steps": "I look forward to hearing about next steps.",
        "closing": "Best,",
        "subject": "Thank you — {role} interview",
    },
    "formal": {
        "greeting": "Dear {name},",
        "thanks": "Thank you for taking the time to meet with me {when} and for the opportunity to interview for the "
                  "{role} position at {company}.",
        "detail": "I particularly valued our discussion of {detail}.",
        "skills": "I am enthusiastic about the position, and I am confident that my experience with {skills} "
                  "would serve {company} well.",
        "goals": "I would welcome the opportunity to contribute to {goals}.",
        "next_steps": "As agreed, {next_steps}.",
        "no_next_steps": "I look forward to hearing from you regarding the next steps.",
        "closing": "Kind regards,",
        "subject": "Thank you for {whose} {role} interview",
    },
}


def when_said(ctx: NoteContext, now=None) -> tuple[str, str]:
    """When the interview was, as a note written ``now`` says it: "today", "yesterday", "on
    Thursday" within a week, "on 14 September" beyond; and before a noun ("today's",
    "Thursday's", "the"), with the date then after it. Days are the interview's local days,
    so a note written the next evening says "yesterday" wherever its writer is; an interview
    is on the day it started (23:15 to 00:20 is Friday's), as everywhere in the workbook."""
    zone = ctx.timezone
    day = ctx.started_at.tz_convert(zone).date()
    today = resolve_now(now).tz_convert(zone).date()
    days = (today - day).days
    if days <= 0:
        return "today", "today's"
    if days == 1:
        return "yesterday", "yesterday's"
    if days < 7:
        return f"on {day:%A}", f"{day:%A}'s"
    return f"on {day.day} {day:%B}", ""


def _clause(text: str) -> str:
    """A part as typed, ready to stand inside a sentence: trimmed, no final full stop."""
    return " ".join(text.split()).rstrip(".;, ")


def compose(ctx: NoteContext, parts: NoteParts = NoteParts(), now=None) -> ComposedNote:
    """Compose a note from a person's context and what the candidate typed, as written ``now``
    (by default the real clock, or ``$WORKBOOK_NOW``): the note says "today" only on the
    interview's own local date (see :func:`when_said`).

    Empty parts fall back to the log: the detail to the person's talking points, the skills to
    the candidate's first two logged skills; a sentence with nothing to say is left out.
    """
    if parts.tone not in TONES:
        raise ValueError(f"tone must be one of {', '.join(TONES)}, not {parts.tone!r}")
    phrases = _PHRASES[parts.tone]
    fill = {
        "first": ctx.first_name, "name": ctx.name, "role": ctx.role, "company": ctx.company,
        "detail": _clause(parts.detail or ctx.talking_points or ""),
        "skills": _clause(parts.skills or " and ".join(ctx.skills[:2])),
        "goals": _clause(parts.goals),
        "next_steps": _clause(parts.next_steps),
    }
    fill["when"], fill["whose"] = when_said(ctx, now)
    sentences = [phrases["thanks"]]
    for part in ("detail", "skills", "goals"):
        if fill[part]:
            sentences.append(phrases[part])
    sentences.append(phrases["next_steps"] if fill["next_steps"] else phrases["no_next_steps"])
    signature = [ctx.candidate] + [x for x in (ctx.candidate_phone, ctx.candidate_email) if x]
    body = "\n\n".join([
        phrases["greeting"].format(**fill),
        " ".join(one_full_stop(s.format(**fill)) for s in sentences),
        "\n".join([phrases["closing"], *signature]),
    ])
    subject = phrases["subject"].format(**fill)
    if "{whose}" in phrases["subject"] and not fill["whose"]:  # a date: "the … interview on 14 September"
        subject = phrases["subject"].replace("{whose}", "the").format(**fill) + f" {fill['when']}"
    return ComposedNote(subject=subject, body=body)


def compose_note(log, interviewer_id: int, *, detail: str = "", skills: str = "", goals: str = "",
                 next_steps: str = "", tone: str = "warm", now=None) -> ComposedNote:
    """Compose a note to one interviewer in the log, as written ``now``: read their context,
    then :func:`compose`."""
    # Composing names no one else: the log's other names need not be read.
    return compose(note_context(log, interviewer_id, names=NamesInLog()),
                   NoteParts(detail=detail, skills=skills, goals=goals, next_steps=next_steps, tone=tone), now=now)
