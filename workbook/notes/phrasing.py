"""How a thank-you note says what the checklist looks for, in the words people really use.

The language knowledge of three checks of :mod:`workbook.notes.review`, kept apart from the
checks so that each can be read, tested and extended on its own:

- **word forms** (:func:`stem`): "campaigns", "running", "interviewing" and "stakeholders" are
  reduced to their Snowball stems (``snowballstemmer``, English), each word stemmed once and
  remembered, so that a skill or a phrase matches in any form.
- **skills** (:func:`skills_named`): a logged skill is found by its words, not as one exact
  string: most of its content words, in any form and order, close together ("my experience
  running social campaigns" restates "social media campaigns"). The role's title and the
  company's name are taken out of the note first: a skill that is only the title of the
  position restates nothing. Words, not characters: a near match of letters (``rapidfuzz``'s
  partial ratio) scores "sales" 100 in "Salesforce" but "social media campaigns" 73 in "my
  experience running social campaigns" and "grant writing" 62 in "I have written grants", and
  cannot say which words it found; whole-word stems can. Hyphenated and slashed words are
  their words ("incident-response rota"), a word of five letters or more may carry a small
  typo (:func:`near_word`, ``rapidfuzz``'s ratio on stems: "schedual"), and a skill of three
  words or more is also found by its words in capitals, the most specific
  (:func:`specific_words`: "placed IVs" for "pediatric IV insertion").
- **experience** (:func:`own_experience_in`): what the candidate did, concretely: first
  person, a verb of the past and an object with a number or a specific word ("I rebuilt the
  rotas", "six years teaching six-year-olds to read").
- **enthusiasm** (:func:`enthusiasm_in`): the usual ways of saying one wants the role, as a
  short list of words and phrase patterns (:data:`ENTHUSIASM_PATTERNS`), since no library
  knows them, and a few frames of wanting (:data:`WANTING_FRAMES`): a verb of wanting ("would
  welcome the chance", "would be happy", "hope") leading to taking up the role
  (:data:`JOINING`: join, be part of, serve, build my career...).
- **next steps** (:func:`offer_in`): an offer to provide what the interviewer needs next
  ("Whatever you need next", "just say the word").
- **goals** (:func:`goal_in`): something *the candidate* offers or wants to take on ("I'd love
  to help plan the launch content", "I could take on the reconciliation work"): a phrase of
  wanting or offering (:data:`OFFER_PATTERNS`) followed by an action whose object is specific:
  not the team, the role, the company or "your projects and goals".

Every function returns what it found, so that the advice can say it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .words import WORD, fold, words

# -- word forms -----------------------------------------------------------------------------

#: A possessive ("Fernway's", "the team’s") is the word it belongs to.
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=1)
def _stemmer():
    # Imported on first use: the package loads every language's stemmer (about 15 ms), which
    # `import workbook` should not pay for.
    from snowballstemmer import stemmer

    return stemmer("english")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The Snowball (English) stem of one folded word: "campaigns" -> "campaign", "running" ->
    "run", "stakeholders" -> "stakehold". A possessive is dropped first. Cached: a note's
    words are stemmed once, not once per check and keystroke."""
    return _stemmer().stemWord(_POSSESSIVE.sub("", word))


def stems(text: str) -> tuple[str, ...]:
    """The stems of the words of ``text`` (folded: case and accents ignored), in order."""
    return _stems(fold(text or ""))


@lru_cache(maxsize=64)
def _stems(folded: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in WORD.findall(folded))


@lru_cache(maxsize=65536)
def same_word(a: str, b: str) -> bool:
    """Whether two stems are forms of one word: equal, or one a longer form of the other that
    the stemmer leaves apart ("preceptor" / "precept", "written" / "write", "analysis" /
    "analyst"): a common beginning of four letters or more, missing at most one letter of the
    shorter, and at most three letters more in the longer ("sales" is not "Salesforce")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4:
        return False
    common = 0
    for x, y in zip(short, long_):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= len(short) - 1 and len(long_) - len(short) <= 3


# -- words that carry no content ------------------------------------------------------------

#: Function words (a closed class: articles, pronouns, prepositions, conjunctions, auxiliaries
#: and a few adverbs): what is left of a phrase without them is what it is about.
FUNCTION_WORDS = frozenset("""
    a an the this that these those it its it's they them their theirs there here
    i i'm i'd i'll i've me my mine myself we we'd we'll we're us our ours you you're your yours
    he him his she her hers who whom whose which what whatever when where how why
    and or nor but so yet if then than as because since while though although
    of in on at to for from with without by about into onto over under up down out off through
    across along around after before during until upon within between among toward towards
    is am are was were be been being do does did done have has had having will would shall
    should can could may might must let lets
    not no also even just only very really so too quite more most much many some any each every
    all both either neither other another such same own first again already still ever now soon
    well way ways
""".split())

#: What a goal or a skill is never about by itself: the place and the job ("join your team",
#: "help the company grow"), the note's courtesies, and words every note uses.
GENERIC_WORDS = frozenset("""
    team teams company companies organisation organization firm business department group
    role roles position positions job jobs opportunity opportunities chance career
    project projects goal goals plan plans work works thing things something anything everything
    part rest member members fit addition asset one ones everyone anyone people person
    great good strong best better new next step steps future
    day days week weeks month months year years time
    help helping contribute contributing join joining be make get do bring take put go grow
    growth succeed success start started starting continue
    skill skills experience background knowledge quickly effectively
    interview interviews conversation question questions reference references available
    monday tuesday wednesday thursday friday saturday sunday morning afternoon evening tomorrow
    january february march april may june july august september october november december
""".split())

#: Verbs of courtesy, or of no task: after "I would love to" they are no goal ("meet the rest
#: of the team", "hear from you", "send the samples", "join your team", "reiterate my interest",
#: "be considered", "hit the ground running").
COURTESY_VERBS = frozenset("""
    thank meet hear learn talk discuss speak see look follow know visit send share provide add
    wait answer call contact reach reply mention say tell note ask keep stay remain chat catch join
    come reiterate express emphasize emphasise confirm reaffirm consider hit
""".split())


def _stem_set(words_: Iterable[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in words_)


@lru_cache(maxsize=1)
def _courtesy_stems() -> frozenset[str]:
    return _stem_set(COURTESY_VERBS)


@lru_cache(maxsize=1)
def _generic_stems() -> frozenset[str]:
    return _stem_set(GENERIC_WORDS)


@lru_cache(maxsize=256)
def name_stems(*names: str) -> frozenset[str]:
    """The stems of the words of a role's title or a company's name ("Texas Oil & Investments,
    Inc." -> texa, oil, invest, inc): words that say nothing of a goal by themselves."""
    return frozenset(s for name in names for s in stems(name or ""))


# -- enthusiasm -----------------------------------------------------------------------------

#: Where a phrase may start: at a word's start, or at the apostrophe of a contraction ("I'd").
_START = r"(?:(?<![\w'’])|(?=['’]))"

#: The usual ways of saying one wants the role or to help the company. Courtesies ("I enjoyed
#: discussing", "I look forward to hearing from you") are not among them.
ENTHUSIASM_PATTERNS = (
    # excited about the role, eager to help, keen, thrilled, delighted to join
    r"excit\w*|enthusias\w*|eager\w*|keen|thrilled|delighted|passionate|energi[sz]ed",
    # I would love to help, I'd love to
    r"(?:i\s*)?(?:would|['’]d)\s+(?:really\s+|so\s+|very\s+much\s+)?love",
    # looking forward to joining / tackling / getting started, not to hearing from you
    r"look(?:ing)?\s+forward\s+to\s+(?!(?:hearing|meeting|speaking|talking|learning|seeing|continuing|receiving|"
    r"discussing|chatting|connecting|catching)\b)\w+ing",
    # I can't wait to get started
    r"can(?:no|['’])?t\s+wait",
    # very much interested, even more interested, interested in joining
    r"(?:very\s+much|very|really|truly|genuinely|most|particularly|especially|keenly|highly|even\s+more|"
    r"all\s+the\s+more)\s+interested",
    r"interested\s+in\s+(?:joining|working|the\s+(?:role|position|job|opportunity))",
    # particularly drawn to joining your team
    r"(?:(?:particularly|especially|really|strongly|most)\s+)?drawn\s+to",
    # the role I most want, where I want to be, I really want to join, I want this job
    r"(?:role|job|position|place|team|opportunity|where|what)\s+(?:that\s+)?i\s+(?:most\s+|really\s+|truly\s+)?"
    r"want\b",
    r"i\s+(?:really\s+|truly\s+)?want\s+to\s+(?:join|be\s+part|work\s+(?:for|with|at|on)|help)",
    r"i\s+(?:really\s+|truly\s+)?want\s+(?:this|the)\s+(?:role|job|position)",
    # I hope to join, hoping to be part of
    r"(?:hope|hoping)\s+to\s+(?:join|be\s+part|work\s+with|contribute)",
    # I would be proud to work on
    r"proud\s+to",
)

#: Taking up the role: what the frames of wanting below lead to ("join your crew", "be part of
#: St. Brigid's", "serve Brookhaven's residents", "start in January", "build my teaching career
#: here"). Helping with one project ("glad to contribute to the retention project") is a goal,
#: not by itself wanting the role.
JOINING = (r"(?:join|be\s+(?:a\s+)?part|become\s+(?:a\s+)?part|come\s+on\s*board|be\s+on\s+board|"
           r"work\s+(?:for|with|at|here|alongside)|serve|start(?!\s+by)|"
           r"(?:build|grow|spend|develop|continue|make)\s+(?:my|a)\s+(?:\w+\s+){0,2}?career)")
_WOULD = (r"(?:(?:i\s*)?(?:would|['’]d|will|['’]ll)"
          r"(?:\s+(?:really|truly|genuinely|certainly|definitely|absolutely|also|so|very\s+much))*\s+)")
#: Eagerness for a chance: eager by itself ("jump at the chance", "relish the chance"), or, when
#: mild ("welcome the chance"), for the chance to take up the role.
_CHANCE = r"(?:the|a|an|this|that|any|such\s+an?)\s+(?:chance|opportunity)"
#: The frames of wanting the role, each one verb of wanting and what it leads to; a
#: courtesy ("I would be happy to provide references", "I hope to hear from you", "I would
#: welcome the opportunity to discuss") leads to no joining.
WANTING_FRAMES = (
    rf"{_WOULD}?(?:jump|leap)\s+at\s+{_CHANCE}",                    # would jump at the chance
    rf"{_WOULD}?(?:relish|seize|grab|embrace)\s+{_CHANCE}",          # I'd relish the chance
    rf"{_WOULD}(?:welcome|love|like|value)\s+{_CHANCE}\s+to\s+{JOINING}",  # would welcome the chance to serve
    rf"{_WOULD}(?:love|like)\s+to\s+{JOINING}",                    # I'd like to work for
    rf"{_WOULD}be\s+(?:\w+\s+)?(?:happy|glad|pleased|honou?red|proud|delighted|thrilled)\s+to\s+{JOINING}",
    rf"(?:hope|hoping|want|wanting|plan|planning|aim|aiming|wish)\s+to\s+{JOINING}",  # I hope to build my career
    r"(?:count|sign)\s+me\s+(?:in|up)",                             # Count me in
)
ENTHUSIASM_PATTERNS = ENTHUSIASM_PATTERNS + WANTING_FRAMES
_ENTHUSIASM = re.compile(_START + r"(?:" + "|".join(ENTHUSIASM_PATTERNS) + r")(?![\w'’])", re.I)


def enthusiasm_in(text: str) -> str | None:
    """The first phrase of ``text`` that says the candidate wants the role ("very much
    interested", "the role I most want", "can't wait"), as written; None if there is none."""
    match = _ENTHUSIASM.search(text or "")
    return " ".join(match.group(0).split()) if match else None


# -- next steps: an offer of what they need next ---------------------------------------------

#: Offering to provide what the interviewer needs next: "whatever you need next", "if you need
#: anything more from me", "just say the word", "happy to send references".
OFFER_NEXT_PATTERNS = (
    r"(?:whatever|anything|everything)(?:\s+else)?\s+(?:you|the\s+\w+)\s+(?:may\s+|might\s+)?"
    r"(?:need|want|require)s?",
    r"if\s+you\s+(?:need|want|would\s+like|['’]d\s+like|require)\s+(?:anything|any|more|further|me\s+to|my)",
    r"(?:just\s+)?say\s+the\s+word",
    r"(?:happy|glad|ready|able)\s+to\s+(?:provide|send|share|supply|forward)",
    r"(?:do\s+not|don['’]t)\s+hesitate\s+to\s+(?:contact|reach|call|ask)",
)
_OFFER_NEXT = re.compile(_START + r"(?:" + "|".join(OFFER_NEXT_PATTERNS) + r")(?![\w'’])", re.I)


def offer_in(text: str) -> str | None:
    """The first offer in ``text`` to provide what the interviewer needs next ("Whatever you
    need next", "just say the word"), as written; None if there is none."""
    match = _OFFER_NEXT.search(text or "")
    return " ".join(match.group(0).split()) if match else None


# -- goals ----------------------------------------------------------------------------------

_MODAL = r"(?:would|could|can|will|['’]d|['’]ll)"
_ADVERBS = r"(?:\s+(?:also|really|especially|gladly|certainly|definitely|already|very\s+much|so))*"
#: Wanting to do something: "love to", "like to", "enjoy", "welcome the chance to", "jump at the
#: chance to", "be glad to".
_DESIRE = (r"(?:love|like|enjoy|"
           r"(?:welcome|relish|seize|grab|embrace|(?:jump|leap)\s+at)\s+(?:the|a|an)\s+(?:chance|opportunity)|"
           r"be\s+(?:very\s+|so\s+|really\s+|more\s+than\s+)?"
           r"(?:glad|happy|keen|eager|excited|delighted|thrilled|proud|pleased|ready|able))(?:\s+to)?")
#: The candidate offering or wanting to do something; what follows is the action.
OFFER_PATTERNS = (
    rf"(?:i\s*)?{_MODAL}{_ADVERBS}\s+{_DESIRE}",                     # I would love to, I'd be glad to
    rf"i\s*{_MODAL}{_ADVERBS}",                                      # I could take on, I'd pair with
    r"(?:am|['’]m|are)\s+(?:so\s+|very\s+|really\s+|also\s+)?(?:eager|keen|excited|glad|happy|ready)\s+to",
    r"(?:eager|keen)\s+to",                                          # and eager to help
    r"can(?:no|['’])?t\s+wait\s+to",
    rf"{_MODAL}\s+let\s+me",                                        # my experience would let me help
    r"picture\s+myself",                                             # I can already picture myself leading
    r"i\s+(?:really\s+|also\s+)?(?:want|hope|plan)\s+to",
    r"look(?:ing)?\s+forward\s+to(?=\s+\w+ing\b)",                   # looking forward to tackling
)
_OFFER = re.compile(_START + r"(?:" + "|".join(OFFER_PATTERNS) + r")(?![\w'’])", re.I)
#: Where the action offered ends: the end of a sentence or clause, a reason or a condition.
_CLAUSE_END = re.compile(
    r"[.!?;:—–](?:\s|$)|\n|,\s*(?:so|because|since|as|but|which|while|where|although|though|if|when)\b", re.I)
#: Coordinated actions: "join Maison Aubert and help put together the press kit".
_PIECES = re.compile(r",|\band\b|\bor\b|\bthen\b", re.I)
#: Taking part in something named before it, or by a pronoun: "the project I would love to
#: contribute to", "work I would enjoy taking on", "I would love to work on that".
_TAKING_PART = (("help", "with"), ("contribut", "to"), ("work", "on"), ("take", "on"), ("take", "part", "in"),
                ("tackl",), ("lead",), ("own",))


def goal_in(text: str, ignore: Iterable[str] = ()) -> str | None:
    """The first goal or project the candidate offers or wants to take on in ``text``, as
    written ("help plan the launch content"); None if there is none.

    A goal is a phrase of offering or wanting (:data:`OFFER_PATTERNS`: "I'd love to", "I could",
    "eager to") followed, in the same clause, by an action whose object holds a specific word:
    one that is no function word, no generic word (:data:`GENERIC_WORDS`: team, role, company,
    projects, goals...) and no word of ``ignore`` (the role's title and the company's name).
    "eager to contribute to your projects and goals" and "keen to bring that discipline to
    Westbrook" name none. A verb of courtesy ("meet the rest of the team", "hear from you")
    is no goal. Taking part in something named before ("the project I would love to
    contribute to", "work on that") is one.
    """
    text = text or ""
    ignored = name_stems(*ignore)
    for match in _OFFER.finditer(text):
        rest = text[match.end():]
        end = _CLAUSE_END.search(rest)
        clause = rest[:end.start()] if end else rest
        for number, piece in enumerate(_PIECES.split(clause)):
            found = words(piece)
            if number and found and found[0] in _SUBJECTS:
                break  # a new clause with its own subject: "..., and my years of pastry work mean..."
            offered = _OFFER.match(piece.strip())  # "... and would welcome the chance to take part in"
            if offered:
                piece = piece.strip()[offered.end():]
                found = words(piece)
            if _specific_action(found, ignored):
                return _shown(piece)
    return None


#: A piece of a clause that opens with one of these is a new clause, not one more action.
_SUBJECTS = frozenset("i i'm i'd i'll i've my we our you your it its they their he she his her this that there".split())
#: The most words of a goal the advice shows.
_SHOWN_WORDS = 10


def _shown(piece: str) -> str:
    """A goal as the advice quotes it: from its verb, at most :data:`_SHOWN_WORDS` words."""
    shown = piece.split()
    while shown and shown[0].lower() == "to":
        shown = shown[1:]
    return " ".join(shown[:_SHOWN_WORDS]) + ("…" if len(shown) > _SHOWN_WORDS else "")


def _specific_action(found: list[str], ignored: frozenset[str]) -> bool:
    """Whether an action (its folded words, from the verb on) is about something specific."""
    while found and found[0] in FUNCTION_WORDS:  # "to", "be": "be part of the fix"
        found = found[1:]
    if not found:
        return False
    found_stems = [stem(w) for w in found]
    if found_stems[0] in _courtesy_stems():
        return False
    if found_stems[0] == "bring" and "to" in found:  # bring that approach TO the intake redesign
        at = len(found) - 1 - found[::-1].index("to")
        found, found_stems = found[at + 1:], found_stems[at + 1:]
    generic = _generic_stems()
    content = [w for w, s in zip(found, found_stems)
               if w not in FUNCTION_WORDS and s not in generic and s not in ignored and not w.isdigit()]
    if content:
        return True
    # Taking part in something already named: nothing after the verb but function words and
    # the company ("two things I would be eager to help with at Lakeshore").
    for verb in _TAKING_PART:
        if tuple(found_stems[:len(verb)]) == verb:
            after = zip(found[len(verb):], found_stems[len(verb):])
            return all(w in FUNCTION_WORDS or s in ignored for w, s in after)
    return False


# -- skills ---------------------------------------------------------------------------------

#: A skill's or a note's words for matching skills: split at hyphens and slashes too, so that
#: "incident-response rota" holds "incident response" and "A/B" holds "a" and "b"; a
#: contraction or a possessive stays one word ("I'd", "Hartwell's").
_PART = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@lru_cache(maxsize=64)
def _part_stems(folded: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _PART.findall(folded))


def part_stems(text: str) -> tuple[str, ...]:
    """The stems of the words of ``text`` with hyphenated and slashed words taken apart
    ("incident-response rotas" -> incid, respons, rota)."""
    return _part_stems(fold(text or ""))


#: Near matches (typos) of a skill's words: single words of at least this many letters...
TYPO_LETTERS = 5
#: ... whose stems score at least this ``rapidfuzz`` ratio ("schedual" / "schedul": 93,
#: "merchandiz" / "merchandis": 89, "complainc" / "complianc": 89).
TYPO_RATIO = 88


@lru_cache(maxsize=65536)
def near_word(a: str, b: str) -> bool:
    """Whether two stems are one word, written with a small typo: both of
    :data:`TYPO_LETTERS` letters or more, the same first letter, and a ``rapidfuzz`` ratio of
    :data:`TYPO_RATIO` or more ("schedual" for "schedule", "complaince" for "compliance",
    "merchandizing" for "merchandising"); "sales" is still not "salesforce", nor "data"
    "date". A typo the stemmer cuts otherwise ("recieving", "inventroy") is missed, and a
    real word one letter from another ("contact" / "contract") is taken for it."""
    if same_word(a, b):
        return True
    if len(a) < TYPO_LETTERS or len(b) < TYPO_LETTERS or a[0] != b[0]:
        return False
    from rapidfuzz import fuzz  # only when a note is first reviewed

    return fuzz.ratio(a, b) >= TYPO_RATIO


def _needed(size: int) -> int:
    """How many of a skill's words a note must use: all of one or two, two of three, three of
    four: "social campaigns" restates "social media campaigns", "media" alone does not."""
    return size if size <= 2 else -(-2 * size // 3)


#: How far apart a skill's words may stand: "mapped more than twenty customer journeys".
SPAN_BEYOND = 5


@lru_cache(maxsize=256)
def skill_stems(skill: str) -> tuple[str, ...]:
    """The stems of a skill's content words, without function words ("social media campaigns"
    -> social, media, campaign; "A/B testing" -> b, test); a skill of nothing but function
    words keeps them all."""
    folded = _PART.findall(fold(skill))
    content = [w for w in folded if w not in FUNCTION_WORDS]
    return tuple(dict.fromkeys(stem(w) for w in (content or folded)))


#: A word of a skill written in capitals as logged: an acronym or a name ("IV", "NEC", "GIS").
_CAPITALS = re.compile(r"(?<![\w'’])[A-Z][A-Z0-9]+(?![\w'’])")


@lru_cache(maxsize=256)
def specific_words(skill: str) -> tuple[str, ...]:
    """The most specific words of a skill of three content words or more: those written in
    capitals as logged, acronyms and names that say one thing ("IV" of "pediatric IV
    insertion", "NEC" of "NEC code compliance"), where its other words ("insertion", "code",
    "compliance") fit many skills. None when the skill is shorter, or all in capitals."""
    if len(skill_stems(skill)) < 3:
        return ()
    found = tuple(dict.fromkeys(_CAPITALS.findall(skill)))
    return found if len(found) < len(skill_stems(skill)) else ()


def _blank_runs(note: Sequence[str], runs: Iterable[Sequence[str]]) -> list[str]:
    """``note`` (stems) with every occurrence of each run (a role's title, a company's name)
    blanked: what stands there is no skill."""
    note = list(note)
    for run in sorted((tuple(r) for r in runs if r), key=len, reverse=True):
        size = len(run)
        for start in range(len(note) - size + 1):
            if tuple(note[start:start + size]) == run:
                note[start:start + size] = [""] * size
    return note


def _skill_in(note: Sequence[str], skill: tuple[str, ...]) -> bool:
    # Where each of the skill's words stands in the note, then whether enough of them stand
    # within one window: a few set look-ups per word, not a comparison per pair of words.
    distinct = set(note) - {""}
    forms = [{w for w in distinct if near_word(w, s)} for s in skill]
    places = sorted((at, which) for at, word in enumerate(note) for which, found in enumerate(forms) if word in found)
    needed, window = _needed(len(skill)), len(skill) + SPAN_BEYOND
    for first, (start, _) in enumerate(places):
        seen = {which for at, which in places[first:] if at < start + window}
        if len(seen) >= needed:
            return True
    return False


def _written(word: str, text: str) -> bool:
    """Whether ``text`` has ``word`` as written (its capitals too), or its plural ("IVs")."""
    return re.search(rf"(?<![\w'’]){re.escape(word)}(?:s|['’]s)?(?![\w'’])", text) is not None


def skills_named(text: str, skills: Sequence[str], ignore: Iterable[str] = ()) -> list[str]:
    """The logged ``skills`` that ``text`` restates, as logged, in their order.

    A skill is restated when most of its content words (all of one or two, two of three...)
    stand in the note in any form and order, within a few words of each other ("running
    social campaigns" for "social media campaigns", "interviewing stakeholders" for
    "stakeholder interviews", "written grants" for "grant writing"). Hyphenated and slashed
    words count as their words ("incident-response rota"); a word of five letters or more
    counts with a small typo (:func:`near_word`: "schedual"). A skill of three words or more
    is also restated by its most specific words (:func:`specific_words`: "placed IVs" for
    "pediatric IV insertion"), written in capitals as logged. The runs of ``ignore`` (the
    role's title, the company's name) are taken out of the note first. A skill of one or two
    letters ("R", "Go") counts only written as logged: "r&d" is no R, "go" is a verb.
    """
    note = _blank_runs(part_stems(text), (part_stems(name) for name in ignore if name))
    named = []
    for skill in skills:
        if len(skill.strip()) <= 2:
            if re.search(rf"(?<!\w){re.escape(skill.strip())}(?!\w)", text or ""):
                named.append(skill)
        elif (found := skill_stems(skill)) and _skill_in(note, found):
            named.append(skill)
        elif (specific := specific_words(skill)) and all(
                stem(w.lower()) in note and _written(w, text or "") for w in specific):
            named.append(skill)
    return named


#: With no skills logged: the note describes the candidate's own experience.
#: "My skills and experience make me a strong fit" names none.
EXPERIENCE_PATTERNS = (
    r"experience\s+(?:with|in|of)",                                   # my experience with Kafka
    r"background\s+in", r"skills?\s+in",
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|many|several)\s+years?\s+(?:of|in|as)",  # 5 years of Java
    r"(?:in|at)\s+my\s+(?:current|last|previous|former)\s+(?:role|job|position|school|company|team|employer)",
    r"i\s+have\s+(?:\w+\s+)?(?:built|led|shipped|run|managed|designed|written|planned|launched|taught|worked)",
    r"i\s+(?:built|led|ran|managed|designed|created|launched|set\s+up|wrote|planned|taught|coordinated)",
)
_EXPERIENCE = re.compile(r"(?<![\w'’])(?:" + "|".join(EXPERIENCE_PATTERNS) + r")(?![\w'’])", re.I)


def experience_in(text: str) -> str | None:
    """The first phrase of ``text`` that describes the candidate's own experience ("background
    in", "five years of", "I have led"), as written; None if there is none."""
    match = _EXPERIENCE.search(text or "")
    return " ".join(match.group(0).split()) if match else None


# -- the candidate's own experience, concretely ----------------------------------------------

#: Past forms of the irregular verbs (and their participles) that tell of work done; regular
#: ones end in "-ed". English has a closed list of irregular verbs: these are the ones of doing.
IRREGULAR_PAST = frozenset("""
    built rebuilt ran run led misled wrote written rewrote rewritten taught retaught brought
    made remade cut set reset spent grew grown drove driven held won sold bought began begun
    took taken gave given oversaw overseen undertook undertaken drew drawn dealt fed lent paid
    rode ridden shot stood struck swept threw thrown wove woven upheld withdrew broke broken
    chose chosen fought caught hung laid lost put quit rose risen sought shook shut split spread
    stuck wound underwent undergone underwrote underwritten outsold overcame overcome
""".split())
#: Verbs of the interview, of courtesy, feeling, thinking or being, with the past forms of the
#: irregular ones: "I enjoyed our talk", "I noted your aim", "I applied for the position", "I
#: heard about the lab", "I sent the samples" tell of no work the candidate did.
NOT_WORK_VERBS = COURTESY_VERBS | frozenset("""
    enjoy appreciate notice learn interview apply feel find think want hope wish understand
    believe realise realize wonder like love admire value reflect forget remember welcome
    walk leave watch listen read receive get go be been was were have had do did done try
    become became need mean seem happen decide sign attend attach enclose include submit forward
    heard sent told said spoke met saw felt found thought understood came left knew got went kept
""".split())
_NUMBER_WORDS = frozenset("""
    two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty sixty hundred hundreds thousand thousands dozen dozens half quarter million
""".split())
_ADVERB = r"(?:\s+(?:\w+ly|also|once|then|later|since|even|still|just|already|first))"
#: "I rebuilt", "I have placed", "I've also led": the candidate and a verb of the past.
_I_DID = re.compile(rf"(?<![\w'’])I{_ADVERB}{{0,2}}(?:\s+(?:have|had)|['’]ve)?{_ADVERB}{{0,2}}\s+"
                    r"(?P<verb>[A-Za-z]+)(?=\s)")
#: "In my current job I handle", "at my last store I ran": any tense, in the candidate's job.
_IN_MY_JOB = re.compile(rf"\b(?:in|at|with)\s+my\s+(?:current|last|previous|former|present)\s+\w+"
                        rf"(?:\s+\w+)?,?\s+I{_ADVERB}{{0,2}}\s+(?P<verb>[A-Za-z]+)(?=\s)", re.I)
#: "six years teaching", "with nine years of residential service work", "three years on the rota".
_YEARS_OF = re.compile(r"\b(?:with|after|my|I\s+have|I['’]ve|I\s+had|I\s+bring)\s+(?:over\s+|nearly\s+|almost\s+|"
                       r"more\s+than\s+|about\s+)?(?P<verb>\d+|[a-z]+)\s+(?:years?|months?|seasons?)(?=\s)", re.I)
#: Where what the candidate did ends: the end of a clause, or another action or clause.
_DONE_END = re.compile(r"[.!?](?:\s|$)|[;:,—–()\n]|\s(?:and|but|so|because|which|while|when|where|that|who|as)\s",
                       re.I)
#: The most words of an experience the advice shows.
_SHOWN_DONE = 6


def _is_past(word: str) -> bool:
    word = word.lower()
    return word in IRREGULAR_PAST or (len(word) >= 5 and word.endswith("ed"))


@lru_cache(maxsize=1)
def _not_work_stems() -> frozenset[str]:
    return _stem_set(NOT_WORK_VERBS)


def own_experience_in(text: str, ignore: Iterable[str] = ()) -> str | None:
    """The first thing ``text`` says the candidate did, concretely, as written ("rebuilt the
    rotas", "placed IVs in toddlers", "six years teaching six-year-olds to read"); None if
    there is none.

    Concrete experience is the candidate (first person) with an action of the past ("I ran",
    "I have placed", "I've led"; or, in any tense, "in my current job I handle"), or years of
    something ("with nine years of residential service work"), followed, in the same clause, by
    an object that holds a number or a specific word: no function word, no generic word
    (:data:`GENERIC_WORDS`), no word of ``ignore`` (the role's title, the company's name).
    Verbs of the interview, courtesy or feeling (:data:`NOT_WORK_VERBS`: "I enjoyed our
    talk", "I applied for the Python Developer position") are no experience.
    """
    text = text or ""
    ignored = name_stems(*ignore)
    # What the candidate did ("I ran...") is shown before how long they did it ("six years of").
    for pattern, tense in ((_I_DID, "past"), (_IN_MY_JOB, "any"), (_YEARS_OF, "years")):
        for match in pattern.finditer(text):
            if not _tells_of_work(match.group("verb"), tense):
                continue
            rest = text[match.end():]
            end = _DONE_END.search(rest)
            done = rest[:end.start()] if end else rest
            if _concrete(done, ignored):
                shown = (text[match.start("verb"):match.end()] + done).split()
                return " ".join(shown[:_SHOWN_DONE]) + ("…" if len(shown) > _SHOWN_DONE else "")
    return None


def _tells_of_work(verb: str, tense: str) -> bool:
    """Whether the word a frame of experience found tells of work: a number of years, or a
    verb of work (of the past when ``tense`` is "past")."""
    verb = verb.lower()
    if tense == "years":
        return verb.isdigit() or verb in _NUMBER_WORDS
    return (tense != "past" or _is_past(verb)) and stem(verb) not in _not_work_stems()


#: An action on these is about this application, not the candidate's experience: "I
#: researched Northwind before our call", "I reviewed the job description", "I worked hard on
#: my answers", "I checked the route to your office".
ABOUT_THE_APPLICATION = frozenset("""
    you your yours interview interviews call calls meeting conversation visit application
    answer answers question questions website site description posting advert ad office
""".split())


def _concrete(done: str, ignored: frozenset[str]) -> bool:
    """Whether the object of an action holds a number or a specific word, and is not about
    this application (:data:`ABOUT_THE_APPLICATION`)."""
    found_words = _PART.findall(fold(done))
    if ABOUT_THE_APPLICATION.intersection(found_words):
        return False
    if re.search(r"\d", done):
        return True
    generic = _generic_stems()
    for word in found_words:
        if word in _NUMBER_WORDS:
            return True
        if word not in FUNCTION_WORDS and len(word) >= 3 and not word.endswith("ly"):
            found = stem(word)
            if found not in generic and found not in ignored:
                return True
    return False
