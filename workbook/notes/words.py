"""How the workbook reads the words of a note and of a name: lower case without accents, so
that "Jose Nunez" typed plainly is the "José Núñez" in the log, and "Dear ANA" greets Ana.
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


def mentions(text: str, phrase: str) -> bool:
    """Whether ``phrase`` stands in ``text`` as whole words (case and accents ignored)."""
    if not phrase.strip():
        return False
    return re.search(rf"(?<!\w){re.escape(fold(phrase).strip())}(?!\w)", fold(text)) is not None


def one_full_stop(sentence: str) -> str:
    """A sentence whose last word already ends in a full stop ("… at Cascade Robotics Inc.")
    keeps one full stop, not two; an ellipsis stays."""
    return sentence[:-1] if sentence.endswith("..") and not sentence.endswith("...") else sentence
