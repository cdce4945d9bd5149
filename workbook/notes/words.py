"""How the workbook reads the words of a note and of a name: lower case without accents, so
that "Jose Nunez" typed plainly is the "José Núñez" in the log, and "Dear ANA" greets Ana; and
the ways a company's name is written ("Texas Oil & Investments" for "Texas Oil & Investments,
Inc.", legal forms of many countries from ``cleanco``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

#: A word: letters and digits, with inner apostrophes and hyphens ("o'brien", "jean-luc").
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _fold(text: str) -> str:
    text = text or ""
    if text.isascii():  # most names and notes: nothing to take apart
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=512)
def fold(text: str) -> str:
    """Lower case without accents, for comparing names as people type them."""
    return _fold(text)


def words(text: str) -> list[str]:
    """The words of ``text``, folded (see :func:`fold`)."""
    return WORD.findall(fold(text))


def name_words(names: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """Each distinct name of ``names`` with its words (as :func:`words` gives them): for
    indexing many names at once, without filling :func:`fold`'s cache with them."""
    for name in dict.fromkeys(names):
        yield name, WORD.findall(_fold(name)) if name else []


_POSSESSIVE = re.compile(r"['’]s$")


def name_lookup_words(text: str) -> list[str]:
    """The words of ``text`` as names are looked up by: folded, a possessive dropped ("Harbor
    Point's" -> harbor point, "St. Brigid's" -> st brigid)."""
    return [_POSSESSIVE.sub("", w) for w in words(text)]


def company_words(names: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """Like :func:`name_words`, for companies: each distinct name with its words as
    :func:`name_lookup_words` gives them, once for each way it is written (see
    :func:`company_forms`); for indexing many at once."""
    for name in dict.fromkeys(names):
        for form in _company_forms(name, _strip_legal_form(name)):
            yield name, [_POSSESSIVE.sub("", w) for w in WORD.findall(_fold(form))]


@lru_cache(maxsize=1)
def _legal_forms() -> tuple[frozenset[tuple[str, ...]], frozenset[str], int]:
    """Company legal forms ("inc", "ltd", "s a de c v", "gmbh & co kg"...) from ``cleanco``'s
    list for many countries, folded and without their dots and commas, as tuples of words;
    the words they end in; the most words one has."""
    from cleanco import prepare_default_terms  # only when a company is first read

    forms = frozenset(tuple(parts) for _, parts in prepare_default_terms())
    return forms, frozenset(form[-1] for form in forms), max(map(len, forms))


def _bare(token: str) -> str:
    return _fold(token).replace(".", "").replace(",", "").replace("-", "")


def _strip_legal_form(name: str) -> str:
    tokens = (name or "").split()
    forms, ends, longest = _legal_forms()
    while len(tokens) > 1 and _bare(tokens[-1]) in ends:
        bare = [_bare(t) for t in tokens[-longest - 1:]]
        size = next((size for size in range(min(longest, len(tokens) - 1), 0, -1) if tuple(bare[-size:]) in forms),
                    0)
        if not size:
            break
        tokens = tokens[:-size]
    base = " ".join(tokens).rstrip(" ,;-–—")
    # "The Company" is a name, not "The" with a legal form.
    return base if base and _fold(base) not in ("the", "a", "an") else (name or "")


@lru_cache(maxsize=4096)
def without_legal_form(name: str) -> str:
    """A company's name without its legal form: "Texas Oil & Investments" for "Texas Oil &
    Investments, Inc.", "Grupo Alameda" for "Grupo Alameda S.A. de C.V."; the name itself when
    it has none, or when it is nothing but one."""
    return _strip_legal_form(name)


def _company_forms(name: str, base: str) -> tuple[str, ...]:
    forms = (name, base) if base != name else (name,)
    if "&" in name:
        forms = tuple(dict.fromkeys(forms + tuple(re.sub(r"\s*&\s*", " and ", x) for x in forms)))
    return forms


def company_forms(name: str) -> tuple[str, ...]:
    """The ways a note may write a company's full name: as logged, without its legal form, and
    with "&" written "and" ("Harper and Lowe" for "Harper & Lowe LLP")."""
    return _company_forms(name, without_legal_form(name)) if name else ()


def mentions(text: str, phrase: str) -> bool:
    """Whether ``phrase`` stands in ``text`` as whole words (case and accents ignored)."""
    if not phrase.strip():
        return False
    return re.search(rf"(?<!\w){re.escape(fold(phrase).strip())}(?!\w)", fold(text)) is not None


def one_full_stop(sentence: str) -> str:
    """A sentence in which a word ending in a full stop ("… at Cascade Robotics Inc.") is followed
    by another keeps one full stop, not two; an ellipsis stays."""
    # Inside a sentence too: "... Investments, Inc.. Then ..." keeps one; "..." stays.
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", sentence)
