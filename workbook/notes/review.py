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
from functools import lru_cache

from .context import NamesInLog, NoteContext, note_context
from .phrasing import enthusiasm_in, experience_in, goal_in, offer_in, own_experience_in, skills_named
from .phrasing import stem as _stem
from .phrasing import stems as _stem_list
from .structure import read_note
from .words import company_forms, without_legal_form
from .words import name_lookup_words as _note_words
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
# On one line: a street number above a ZIP code is no phone number.
_PHONE = re.compile(r"(?<![\w@])\+?\(?\d[\d \t().-]{5,}\d(?![\w@])")
_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_THANKS = re.compile(r"\b(thank(s| you)?|grateful|appreciat\w*)\b", re.I)
_DAY = (r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|then|the end of|mid-?\w+|next week|"
        r"(january|february|march|april|may|june|july|august|september|october|november|december) \d+)")
# Read on the message with its lines unwrapped; any run of spaces between the words.
_NEXT_STEPS = re.compile(
    (r"\b(next steps?|(hear|hearing) (back )?from you|hear(ing)? back|look(ing)? forward to (hearing|speaking|"
     r"talking|meeting|seeing you|our next|the next)|next (conversation|interview|meeting|call|stage|chat)|"
     r"(speak|speaking|talk|talking) (again|soon)|"
     r"follow(ing)? up|timeline|decision|decide|next round|second interview|final round|interview loop|"
     r"(will|i'?ll|can) send|send (you )?(the|my|over|any)|by " + _DAY + r"|before " + _DAY + r"|next week|"
     r"as (we )?discussed|as agreed|happy to provide|in touch|let me know|anything else|will contact|"
     r"you requested)\b").replace(" ", r"\s+"),
    re.I,
)
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


# -- who the note is to ---------------------------------------------------------------------

#: A greeting to a role or a group, not to a person.
_NO_ONE = frozenset((
    "hiring manager", "hiring team", "hiring committee", "search committee", "recruiter", "recruiting team",
    "recruitment team", "sir or madam", "sir", "madam", "team", "all", "everyone", "there", "folks", "colleagues",
    "panel", "interview panel", "to whom it may concern", "whom it may concern", "friends", "you"))


def _name_words(written: str) -> list[str]:
    """The words of a name as greeted, without its title ("Mr. Peterman" -> ["peterman"])."""
    from nameparser import HumanName  # only when a note is first reviewed

    name = HumanName(written)
    return _words(" ".join(x for x in (name.first, name.middle, name.last) if x)) or _words(written)


def _greets(written: str, name: str) -> bool:
    """Whether ``written`` in a greeting ("Mr. Peterman", "Jim", "Mei Lin", "Dr. Lima") is the
    person logged as ``name``: each of its name words is one of theirs."""
    found, theirs = _name_words(written), _words(name)
    return bool(found) and all(w in theirs for w in found)


def _misspelled(written: str, name: str) -> str | None:
    """The word of ``name`` that ``written`` looks like a misspelling of ("Katherine" for
    Catherine), by edit distance."""
    from rapidfuzz import fuzz  # only when a greeting names someone unknown

    theirs = name.split()
    for word in _name_words(written):
        for logged in theirs:
            if _fold(logged) != word and fuzz.ratio(word, _fold(logged)) >= 75:
                return logged
    return None


def _without_runs(words: list[str], runs: list[list[str]]) -> list[str]:
    """``words`` with every occurrence of the ``runs`` (their own company's names) blanked, so
    that a shorter name inside it is no other company."""
    words = list(words)
    for run in sorted((r for r in runs if r), key=len, reverse=True):
        size = len(run)
        for start in range(len(words) - size + 1):
            if words[start:start + size] == run:
                words[start:start + size] = ["\x00"] * size
    return words


def _written_as_name(text: str, words: list[str], company: str) -> bool:
    """Whether another ``company`` found among a note's ``words`` is written as its name: by two
    words or more, or, a one-word name ("Target" of Target Corp.), with its capital as logged,
    so that "our target" names no company."""
    for form in company_forms(company):
        found = _note_words(form)
        if len(found) > 1 and f" {' '.join(found)} " in f" {' '.join(words)} ":
            return True
        if len(found) == 1 and re.search(rf"(?<![\w'’-]){re.escape(form.strip(' ,.;'))}(?![\w’-])", text):
            return True
    return False


def _company_named(text: str, company: str) -> str | None:
    """How ``text`` names ``company``, if it does: its name with or without the legal form, with
    "and" for "&", other punctuation ("Blue Ridge Foods Inc"), or the first words everyone uses
    ("Harbor Point" for Harbor Point Software, Inc.); a one-word short name ("Northwind") counts
    written with its capital and not inside another name ("West Texas" is no Texas Oil)."""
    words = " ".join(_note_words(text))
    for form in company_forms(company):
        key = " ".join(_note_words(form))
        if key and re.search(rf"(?<!\S){re.escape(key)}(?!\S)", words):
            return form
    base = without_legal_form(company).split()
    for size in range(len(base) - 1, 1, -1):
        key = " ".join(_note_words(" ".join(base[:size])))
        if key and re.search(rf"(?<!\S){re.escape(key)}(?!\S)", words):
            return " ".join(base[:size])
    first = base[0] if len(base) > 1 else ""
    if len(first) >= 4 and first[0].isupper() and _fold(first) not in _GENERIC | _STOP | {"the"}:
        for match in re.finditer(rf"(?<![\w'’-]){re.escape(first)}(?:['’]s)?(?![\w'’-])", text):
            before = re.search(r"(\S+)[ \t]+$", text[max(match.start() - 40, 0):match.start()])
            after = re.match(r"[ \t]+(\S+)", text[match.end():match.end() + 40])
            inside = (before and before[1][:1].isupper() and not re.search(r"[.!?:;,]$", before[1])
                      or after and after[1][:1].isupper())
            if not inside:
                return first
    return None


# -- the checks ---------------------------------------------------------------------------

def check_thanks(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``thanks``: the note thanks the person, for their time or the opportunity.

    Passes when the message says thank / thanks / thank you / grateful / appreciate (a closing
    "Thanks," alone is a sign-off, not thanks).
    """
    if _THANKS.search(read_note(body).message):
        return Check("thanks", True, "It thanks them: good.")
    return Check("thanks", False, f"Thank {ctx.first_name} for their time and for the opportunity.")


def _stems(text: str) -> set[str]:
    return set(_stem_list(text))


def check_detail(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``detail``: the note mentions something specific from this person's conversation.

    Passes when the message (not an address block or the signature) uses at least one key word
    of the talking points logged for this person (four letters or more, not a word every note
    uses; other forms of a word count). Generic phrases alone do not: "I enjoyed our
    conversation" fits every note. A word that is also in the role's title or the company's
    name says nothing about the conversation, nor, in a note copied from the note to another
    person met at the same interview, a word of that note: it is their talk.
    """
    keys = key_words(ctx.talking_points)
    if not keys:
        return Check("detail", False, f"Log what you talked about with {ctx.first_name}, then mention one "
                                      "specific thing from it in the note.")
    message = read_note(body).body
    stems = _stems(message)
    used = [w for w in keys if _stem(w) in stems]
    framing = _stems(" ".join((ctx.role or "", *company_forms(ctx.company)))) if used else set()
    copied = {name: _stems(read_note(note).body) for score, name, note in (_copies(ctx, message) if used else ())
              if score > MAX_SIMILARITY}
    specific = [w for w in used if _stem(w) not in framing and not any(_stem(w) in x for x in copied.values())]
    if specific:
        return Check("detail", True, f"It mentions what you talked about ({', '.join(specific[:3])}).")
    framed = [w for w in used if _stem(w) in framing]
    if framed:
        found = " and ".join(f"\"{w}\"" for w in framed[:2])
        why = f"{found} {'is a word' if len(framed) == 1 else 'are words'} of the role or the company's name, " \
              "not of your talk: "
    elif used:
        found = " and ".join(f"\"{w}\"" for w in used[:2])
        name = next(n for n, x in copied.items() if _stem(used[0]) in x)
        why = f"{found} {'is' if len(used) == 1 else 'are'} from your note to {name}: "
    else:
        why = ""
    return Check("detail", False, f"{why}{'m' if why else 'M'}ention something specific you discussed with "
                                  f"{ctx.first_name}, such as: {ctx.talking_points}.")


def check_next_steps(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``next_steps``: the note refers to what happens next.

    Passes on phrases in the message, however its lines wrap, such as "next steps", "hearing
    from you", "as we discussed", "I will send the samples by Friday", "before Thursday",
    "decide", "next round", "let me know"; or an offer to provide what they need next
    (:func:`workbook.notes.phrasing.offer_in`: "whatever you need next", "just say the word").
    """
    message = read_note(body).message
    if _NEXT_STEPS.search(message):
        return Check("next_steps", True, "It refers to the next steps.")
    offered = offer_in(message)
    if offered:
        return Check("next_steps", True, f"It offers what they need next (\"{offered}\").")
    return Check("next_steps", False, "Close with the next steps you agreed (hearing back, sending work samples...).")


def check_contact(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``contact``: the note gives both a phone number and an email address, anywhere in it
    (under the name, or a letter's letterhead).

    A phone number is a run of seven or more digits, spaces, dots, dashes or brackets on one
    line; an email address is ``name@domain.tld``. A date, a street number or a ZIP code is no
    phone number.
    """
    has_email = bool(_EMAIL.search(body))
    # A date ("2026-09-18") is a run of digits and dashes too, but no phone number.
    without = _DATE.sub(" ", _EMAIL.sub(" ", body))
    has_phone = any(len(re.sub(r"\D", "", m)) >= 7 for m in _PHONE.findall(without))
    if has_email and has_phone:
        return Check("contact", True, "It gives your phone number and email address.")
    missing = [(what, mine) for what, mine, ok in (("phone number", ctx.candidate_phone, has_phone),
                                                   ("email address", ctx.candidate_email, has_email)) if not ok]
    logged = [mine for _, mine in missing if mine]
    return Check("contact", False, f"Add your {' and '.join(what for what, _ in missing)} under your name"
                                   + (f": {' and '.join(logged)}." if logged else "."))


def check_recipient(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``recipient``: the note is plainly for this person at this company, and no one else.

    Passes when the greeting, wherever it stands, names this person, formally or not ("Dear
    Mr. Peterman:", "Hi Jim,"); the note names their company, with or without its legal form
    or by the short name everyone uses ("Northwind"); and it greets no one else and names no
    other company or person in the log, in the subject, an address block or the message: the
    copy-paste mistake. Colleagues met at the same interview may be named in the message; the
    signature is not read.
    """
    note = read_note(body)
    # Where a copy-paste mistake shows: what the person reads, and where the letter goes.
    text = "\n".join(x for x in (subject or "", *note.address_lines, note.message) if x)
    names = note.greeted
    mine = [n for n in names if _greets(n, ctx.name)]
    # "Dear Ana and team," greets Ana.
    others = [n for n in names if n not in mine and not (mine and _fold(n) in _NO_ONE)]
    for written in others:
        sibling = next((s.name for s in ctx.siblings if _greets(written, s.name)), None)
        if sibling:
            if len(names) > 1:
                return Check("recipient", False, f"It greets {sibling} too: write to {ctx.name} alone, "
                                                 "and to each person in a note of their own.")
            return Check("recipient", False, f"It greets {sibling}: this note is to {ctx.name}.")
    own = [_note_words(form) for form in company_forms(ctx.company)]
    words = _note_words(text)
    company = NamesInLog.key(ctx.company)
    others_words = _without_runs(words, own)
    wrong_company = [c for c in ctx.names.companies_in(others_words)
                     if NamesInLog.key(c) != company and _written_as_name(text, others_words, c)]
    if wrong_company:
        return Check("recipient", False, f"It names {wrong_company[0]}, another company: "
                                         f"check you are writing to {ctx.company}.")
    colleagues = {s.name for s in ctx.siblings}
    wrong_people = [p for p in ctx.names.people_in(words) if not _mentions(p, ctx.name) and p not in colleagues]
    if wrong_people:
        return Check("recipient", False, f"It names {wrong_people[0]}: this note is to {ctx.name}.")
    how = f'("Dear {ctx.first_name}," or, in a formal letter, "Dear Ms./Mr./Dr. {ctx.last_name}:")'
    if not names:
        return Check("recipient", False, f"Open with a greeting that names {ctx.name} {how}.")
    for written in others:
        if _fold(written) in _NO_ONE:
            return Check("recipient", False, f"\"{note.greeting}\" greets no one by name: greet {ctx.name} {how}.")
        logged = _misspelled(written, ctx.name)
        if logged:
            return Check("recipient", False, f"It greets \"{written}\": check the spelling, the log has "
                                             f"\"{logged}\" ({ctx.name}).")
        return Check("recipient", False, f"It greets {written}: this note is to {ctx.name}.")
    if not _company_named(text, ctx.company):
        return Check("recipient", False, f"Name the company, {without_legal_form(ctx.company)}, "
                                         "so the note is plainly for them.")
    return Check("recipient", True, f"It is addressed to {ctx.name} at {ctx.company}, and to no one else.")


def check_length(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``length``: the message is short, at most :data:`MAX_WORDS` (150) words.

    A thank-you note wraps up the interview in a few sentences (60–150 words); one heading for
    200 words starts to redo the interview, and fewer people read it to the end. Only the
    message between greeting and closing counts: not a letter's address blocks and date, nor
    the signature, a legal footer, enclosure or cc lines.
    """
    count = word_count(read_note(body).body)
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


@lru_cache(maxsize=64)
def _alike(message: str, sibling_note: str, names: tuple[str, ...]) -> float:
    """:func:`similarity` of a message and the message of a note to another person: computed
    once per keystroke for the two checks that ask (detail, distinct)."""
    return similarity(message, read_note(sibling_note).body, names)


def _copies(ctx: NoteContext, message: str) -> list[tuple[float, str, str]]:
    """``(similarity, name, note)`` for each other person at the interview who has a note."""
    names = (ctx.name, *(s.name for s in ctx.siblings))
    return [(_alike(message, s.note_body, names), s.name, s.note_body) for s in ctx.siblings if s.note_body]


def check_distinct(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``distinct``: the note differs from the notes to the others met at the same interview.

    Compares the message (signature left out) with the latest note to each of them by
    :func:`similarity` (shared three-word phrases, names left out); more than
    :data:`MAX_SIMILARITY` (half) in common fails.
    """
    scores = [(score, name) for score, name, _ in _copies(ctx, read_note(body).body)]
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

    Passes on the usual ways of saying so (:data:`workbook.notes.phrasing.ENTHUSIASM_PATTERNS`):
    excited, eager, keen, thrilled, "would love", "very much interested", "particularly drawn
    to", "the role I most want", "can't wait"; and on a verb of wanting that leads to taking
    up the role (:data:`workbook.notes.phrasing.WANTING_FRAMES`: "I would welcome the chance to
    serve", "I would be happy to join", "where I hope to build my career", "would jump at the
    chance", "Count me in"). Courtesies ("I enjoyed discussing", "I look forward to hearing
    from you", "I would be happy to provide references") are not enthusiasm.
    """
    found = enthusiasm_in(read_note(body).body)
    if found:
        return Check("enthusiasm", True, f"It shows you want the role (\"{found}\").")
    return Check("enthusiasm", False, f"Say you are excited about the {ctx.role} role and about helping {ctx.company}.")


def check_skills(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``skills``: the note restates a relevant skill of the candidate.

    Passes when it restates one of the candidate's logged skills by its words, in any form and
    order (:func:`workbook.notes.phrasing.skills_named`: "running social campaigns" for "social
    media campaigns", "incident-response rota", "schedual", "placed IVs" for "pediatric IV
    insertion"), not counting the role's title or the company's name; or when it tells what
    the candidate did, concretely (:func:`workbook.notes.phrasing.own_experience_in`: "I
    rebuilt the rotas", "I have placed IVs in toddlers", "six years teaching six-year-olds to
    read"); or, when no skill is logged, describes their experience ("background in", "five
    years of"...). Enthusiasm, skills and goals are judged on the message alone: a job title in
    the signature restates no skill.
    """
    message = read_note(body).body
    framing = (ctx.role, *company_forms(ctx.company))
    named = skills_named(message, ctx.skills, ignore=framing)
    if named:
        return Check("skills", True, f"It restates your skills ({', '.join(named[:3])}).")
    done = own_experience_in(message, ignore=framing)
    if done:
        return Check("skills", True, f"It describes your experience (\"{done}\").")
    found = None if ctx.skills else experience_in(message)
    if found:
        return Check("skills", True, f"It restates your experience (\"{found}\").")
    example = f", such as {ctx.skills[0]}" if ctx.skills else ""
    return Check("skills", False, f"Restate the skill that fits this role best{example}, and why.")


def check_goals(ctx: NoteContext, body: str, subject: str | None, channel: str) -> Check:
    """``goals``: the note names a goal or project the candidate would like to take part in.

    Passes when the candidate offers or wants to take something specific on
    (:func:`workbook.notes.phrasing.goal_in`): "I'd love to help plan the launch content", "I
    could take on the reconciliation work". The team's goals ("align with the goals of your
    team"), the role's title ("the project management position"), or "your projects and goals"
    do not count.
    """
    found = goal_in(read_note(body).body, ignore=(ctx.role, *company_forms(ctx.company)))
    if found:
        return Check("goals", True, f"It names something you would like to take on (\"{found}\").")
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
