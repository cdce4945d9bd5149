"""Reviewing a thank-you note against the guideline, as a coach would.

:func:`review` runs every check below on a note to one interviewer, given their
:class:`~workbook.notes.context.NoteContext`, and returns a list of :class:`Check` results:
``name``, ``passed`` and one sentence of ``advice``. Each check is a plain, deterministic rule
on the words of the note, explained in its docstring, so that a coach can say why a box is not
ticked. It is pure computation: the context is read once per person
(:func:`~workbook.notes.context.note_context`) and reviewing reads nothing, so the note
builder reviews on every keystroke. :func:`review_note` reads the context and reviews, in one
call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import NamesInLog, NoteContext, note_context
from .words import fold as _fold
from .words import mentions as _mentions
from .words import one_full_stop
from .words import words as _words

#: Above this many words a note is "too long": a few sentences come to 60–150 words; notes
#: near 200 words start to re-run the interview instead of wrapping it up.
MAX_WORDS = 150
#: Two notes sharing more than this share of their three-word phrases read as one note sent
#: twice with the names swapped.
MAX_SIMILARITY = 0.5
SHINGLE = 3

_EMAIL = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w@])\+?\(?\d[\d\s().-]{5,}\d(?![\w@])")
_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_THANKS = re.compile(r"\b(thank(s| you)?|grateful|appreciat\w*)\b", re.I)
_NEXT_STEPS = re.compile(
    r"\b(next steps?|hear(ing)? (back )?from you|hearing back|look(ing)? forward to hearing|follow(ing)? up|"
    r"timeline|decision|next round|will send|i'?ll send|send (you )?(the|my|over)|by (monday|tuesday|wednesday|"
    r"thursday|friday|the end of)|as (we )?discussed|as agreed|happy to provide|in touch)\b",
    re.I,
)
_ENTHUSIASM = re.compile(
    r"\b(excit\w*|enthusias\w*|eager\w*|keen|thrilled|delighted|passionate|energi[sz]ed|"
    r"(would|'d) love|look(ing)? forward to (joining|working|contributing|helping|being))\b",
    re.I,
)
_GOALS = re.compile(
    r"\b(projects?|goals?|contribut\w*|take part|be part of|work(ing)? on|help(ing)? (build|ship|grow|improve|"
    r"launch)|tackl\w*|initiative\w*|roadmap|plans? for)\b",
    re.I,
)
_SKILL_PHRASES = re.compile(r"\b(experience (with|in)|background in|skills? in|i have (built|led|shipped|run))\b", re.I)
# Words too common in any note to count as "something specific from this conversation".
_GENERIC = frozenset(
    """about after again also because been being between could conversation company discuss discussed during
    enjoyed every from great have here interview interviewing into just learn learning like meeting more most much
    opportunity other position really role some team than that their them then there these they thing things this
    those time today very what when where which while with work working would your yours talk talked chat
    look looking forward hear hearing next step steps thank thanks excited love glad best regards dear
    """.split()
)
_STOP = frozenset("and the for our you are was her his its how why who not but all any can may one two".split())


@dataclass(frozen=True)
class Check:
    """One line of the review: the check's ``name``, whether it ``passed``, and ``advice``."""

    name: str
    passed: bool
    advice: str

    def __post_init__(self):
        # Advice naming a company that ends in a full stop ("… helping Cascade Robotics Inc.")
        # keeps one.
        object.__setattr__(self, "advice", one_full_stop(self.advice))


def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def key_words(talking_points: str | None) -> list[str]:
    """The words of the talking points specific enough to show the note is about this talk:
    four letters or more, not a word every note uses (team, role, interview, ...)."""
    seen, words = set(), []
    for word in _words(talking_points or ""):
        stem = _stem(word)
        if len(word) >= 4 and word not in _GENERIC and word not in _STOP and stem not in seen:
            seen.add(stem)
            words.append(word)
    return words


def word_count(body: str) -> int:
    """Words as a reader (or a word processor) counts them: runs of non-space characters
    holding a letter or a digit; an email address or "0100" is one word, "|" none."""
    return sum(1 for token in body.split() if any(ch.isalnum() for ch in token))


def _greeting(body: str) -> str:
    """The note's first line that holds words: where "Dear Ana," stands."""
    for line in body.splitlines():
        if _words(line):
            return line
    return ""


# -- the checks ---------------------------------------------------------------------------

def check_thanks(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``thanks``: the note thanks the person, for their time or the opportunity.

    Passes when the body says thank / thanks / thank you / grateful / appreciate.
    """
    if _THANKS.search(body):
        return Check("thanks", True, "It thanks them: good.")
    return Check("thanks", False, f"Thank {ctx.first_name} for their time and for the opportunity.")


def check_detail(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``detail``: the note mentions something specific from this person's conversation.

    Passes when the body uses at least one key word of the talking points logged for this
    person (four letters or more, not a word every note uses; plural and -ing forms count).
    Generic phrases alone do not:
    "I enjoyed our conversation" fits every note.
    """
    keys = key_words(ctx.talking_points)
    if not keys:
        return Check("detail", False, f"Log what you talked about with {ctx.first_name}, then mention one "
                                      "specific thing from it in the note.")
    stems = {_stem(w) for w in _words(body)}
    used = [w for w in keys if _stem(w) in stems]
    if used:
        return Check("detail", True, f"It mentions what you talked about ({', '.join(used[:3])}).")
    return Check("detail", False, f"Mention something specific you discussed with {ctx.first_name}, "
                                  f"such as: {ctx.talking_points}.")


def check_next_steps(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``next_steps``: the note refers to what happens next.

    Passes on phrases such as "next steps", "hearing from you", "as we discussed", "I will send
    the samples by Friday", "timeline", "decision", "next round".
    """
    if _NEXT_STEPS.search(body):
        return Check("next_steps", True, "It refers to the next steps.")
    return Check("next_steps", False, "Close with the next steps you agreed (hearing back, sending work samples...).")


def check_contact(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``contact``: the note gives both a phone number and an email address.

    A phone number is a run of seven or more digits, spaces, dots, dashes or brackets; an
    email address is ``name@domain.tld``.
    """
    has_email = bool(_EMAIL.search(body))
    # A date ("2026-09-18") is a run of digits and dashes too, but no phone number.
    without = _DATE.sub(" ", _EMAIL.sub(" ", body))
    has_phone = any(len(re.sub(r"\D", "", m)) >= 7 for m in _PHONE.findall(without))
    if has_email and has_phone:
        return Check("contact", True, "It gives your phone number and email address.")
    missing = " and ".join(p for p, ok in (("phone number", has_phone), ("email address", has_email)) if not ok)
    mine = ", ".join(x for x in (ctx.candidate_phone, ctx.candidate_email) if x)
    return Check("contact", False, f"Add your {missing} under your name" + (f" ({mine})." if mine else "."))


def check_recipient(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``recipient``: the note is plainly for this person at this company, and no one else.

    Passes when the greeting (the first line with words) names the person's first or last name
    as logged, the note names their company, and it names no other company in the log and no
    other person in the log (nor, in the greeting, the first name of another person met at the
    same interview): the copy-paste mistake.
    """
    text = "\n".join(x for x in (subject or "", body) if x)
    folded = _fold(text)
    greeting = _greeting(body)
    greeted_other = [s.name for s in ctx.siblings if s.name.split() and s.name.split()[0] != ctx.first_name
                     and _mentions(greeting, s.name.split()[0])]
    if greeted_other:
        return Check("recipient", False, f"It greets {greeted_other[0]}: this note is to {ctx.name}.")
    if not (_mentions(greeting, ctx.first_name) or _mentions(greeting, ctx.last_name)):
        return Check("recipient", False, f"Greet {ctx.name} by name in the first line "
                                         f"(\"Dear {ctx.first_name},\"), spelled as logged.")
    without_company = folded.replace(_fold(ctx.company), " ")
    # The note's runs of words are looked up among the log's names, indexed once per context:
    # as fast with a million people in the log as with ten.
    company = NamesInLog.key(ctx.company)
    wrong_company = [c for c in ctx.names.companies_in(_words(without_company)) if NamesInLog.key(c) != company]
    if wrong_company:
        return Check("recipient", False, f"It names {wrong_company[0]}, another company: "
                                         f"check you are writing to {ctx.company}.")
    if not _mentions(text, ctx.company):
        return Check("recipient", False, f"Name the company, {ctx.company}, so the note is plainly for them.")
    # Their own name, and a longer name holding it, is no one else's.
    wrong_people = [p for p in ctx.names.people_in(_words(folded)) if not _mentions(p, ctx.name)]
    if wrong_people:
        return Check("recipient", False, f"It names {wrong_people[0]}: this note is to {ctx.name}.")
    return Check("recipient", True, f"It is addressed to {ctx.name} at {ctx.company}, and to no one else.")


def check_length(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``length``: the note is short, at most :data:`MAX_WORDS` (150) words.

    A thank-you note wraps up the interview in a few sentences (60–150 words); one heading for
    200 words starts to redo the interview, and fewer people read it to the end.
    """
    count = word_count(body)
    if count == 0:
        return Check("length", False, "Write a few sentences.")
    if count <= MAX_WORDS:
        return Check("length", True, f"{count} words: short enough to read at a glance.")
    return Check("length", False, f"{count} words: cut it to a few sentences (at most {MAX_WORDS} words).")


def similarity(first: str, second: str, names: tuple[str, ...] = ()) -> float:
    """How alike two notes are: the share of three-word phrases they have in common
    (Jaccard index of word trigrams), after leaving out the people's names, so that the
    same note with the greeting changed scores 1.0."""
    drop = {w for name in names for w in _words(name)}

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = [w for w in _words(text) if w not in drop]
        return {tuple(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 0))}

    a, b = shingles(first), shingles(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def check_distinct(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``distinct``: the note differs from the notes to the others met at the same interview.

    Compares with the latest note to each of them by :func:`similarity` (shared three-word
    phrases, names left out); more than :data:`MAX_SIMILARITY` (half) in common fails.
    """
    names = (ctx.name, *(s.name for s in ctx.siblings))
    scores = [(similarity(body, s.note_body, names), s.name) for s in ctx.siblings if s.note_body]
    if not scores:
        return Check("distinct", True, "No other note from this interview to compare with yet.")
    score, name = max(scores)
    if score > MAX_SIMILARITY:
        return Check("distinct", False, f"It shares {score:.0%} of its phrases with your note to {name}: "
                                        f"make it about what you discussed with {ctx.first_name}.")
    return Check("distinct", True, f"It differs from your other notes from this interview (at most {score:.0%} alike).")


def check_subject(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``subject``: an email has a subject line. Other channels pass: they have none."""
    if channel != "email":
        return Check("subject", True, f"A {channel} note needs no subject line.")
    if subject and subject.strip():
        return Check("subject", True, "It has a subject line.")
    return Check("subject", False, f"Give the email a subject, such as \"Thank you — {ctx.role} interview\".")


def check_enthusiasm(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``enthusiasm``: the note shows enthusiasm for the role and for helping the company.

    Passes on words such as excited, enthusiastic, eager, keen, thrilled, "would love",
    "look forward to joining".
    """
    if _ENTHUSIASM.search(body):
        return Check("enthusiasm", True, "It shows you want the role.")
    return Check("enthusiasm", False, f"Say you are excited about the {ctx.role} role and about helping {ctx.company}.")


def check_skills(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``skills``: the note restates a relevant skill of the candidate.

    Passes when it names one of the candidate's logged skills, or, when none are logged,
    says "experience with", "background in", "I have led"...
    """
    # A skill of one or two letters ("R", "Go") counts only written as logged: "r&d" is no R.
    named = [s for s in ctx.skills
             if (re.search(rf"(?<!\w){re.escape(s)}(?!\w)", body) if len(s) <= 2 else _mentions(body, s))]
    if named:
        return Check("skills", True, f"It restates your skills ({', '.join(named[:3])}).")
    if not ctx.skills and _SKILL_PHRASES.search(body):
        return Check("skills", True, "It restates your experience.")
    example = f", such as {ctx.skills[0]}" if ctx.skills else ""
    return Check("skills", False, f"Restate the skill that fits this role best{example}, and why.")


def check_goals(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``goals``: the note names a goal or project the candidate would like to take part in.

    Passes on "project", "goal", "contribute", "work on", "help build", "roadmap"...
    """
    if _GOALS.search(body):
        return Check("goals", True, "It names something you would like to work on.")
    return Check("goals", False, "Name one project or goal you are excited to take part in.")


#: The checks in the order the builder lists them.
CHECKS = (check_thanks, check_detail, check_next_steps, check_contact, check_recipient, check_length,
          check_distinct, check_subject, check_enthusiasm, check_skills, check_goals)


def review(ctx: NoteContext, body: str, subject: str | None = None, channel: str = "email") -> list[Check]:
    """Review a note to the person of ``ctx`` against the guideline; reads nothing.

    Parameters
    ----------
    ctx : NoteContext
        The person's context, read once with :func:`workbook.notes.context.note_context`.
    body, subject : str
        The note as written (``subject`` may be None for a handwritten note).
    channel : {"email", "handwritten", "other"}

    Returns
    -------
    list of Check
        ``thanks, detail, next_steps, contact, recipient, length, distinct, subject,
        enthusiasm, skills, goals``, in that order.
    """
    body = body or ""
    return [check(ctx, body, subject, channel) for check in CHECKS]


def review_note(log, interviewer_id: int, body: str, subject: str | None = None, channel: str = "email",
                context: NoteContext | None = None) -> list[Check]:
    """Review a note to one interviewer in ``log`` against the guideline: read their context,
    then :func:`review` it.

    Parameters
    ----------
    log : Log
    interviewer_id : int
        The person the note is to.
    body, subject, channel
        As for :func:`review`.
    context : NoteContext, optional
        The person's context, already read; then nothing is read (prefer :func:`review`).

    Returns
    -------
    list of Check
        As for :func:`review`.

    Raises
    ------
    UnknownRecordError
        The log holds no such interviewer.
    """
    return review(context if context is not None else note_context(log, interviewer_id), body, subject, channel)
