"""The parts of a thank-you note, read before it is judged: address blocks and the date line, the
greeting (wherever it stands), the body, the closing and the signature.

A short email ("Hi Ana, ... Best, Kai") and a mailed business letter (the sender's block, a date,
the inside address, "Dear Mr. Peterman:", ..., "Sincerely,", the name, enclosure and cc lines)
hold the same message in different frames. The checks judge each part on what it is for: the
greeting names the person, the body is what is read and counted, the signature carries the
contact details. :func:`read_note` is cached, so the checks of one keystroke read a note once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: A salutation: "Dear Mr. Peterman:", "Hi Ana,", "Hello Dr. Lima", "Good morning Sam —", and the
#: usual ones of a few other languages ("Hola Ana,", "Bonjour Julien,", "Sehr geehrte Frau Lange,").
_SALUTATION = (r"(?:dear|hi|hello|hey|hiya|greetings|(?:good )?(?:morning|afternoon|evening)|"
               r"hola|querid[oa]|estimad[oa]|bonjour|cher|chère|hallo|liebe[r]?|sehr geehrter?|ciao|caro|cara|"
               r"gentile|olá|ola|prezad[oa]|beste|hej)")
_GREETING = re.compile(
    rf"^\s*(?:{_SALUTATION}|to whom it may concern)(?=[\s,:;!—–]|$)"
    r"(?P<name>[^,:;!\n—–]{0,60}?)\s*(?P<end>[,:;!—–]|\s-\s|$)",
    re.I,
)
#: The name after "Hello," in "Hello, Ana! Thank you for...".
_NAME_AFTER = re.compile(r"\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*[,:;!—–]")
#: A name alone opening a note ("Ana,", "Priya and Sam —"): a greeting without "Dear".
_BARE_GREETING = re.compile(r"^\s*[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&)){0,4}\s*[,—–]\s*$")
#: A complimentary close on a line of its own: "Sincerely,", "Best regards,", "Warmly", "Thanks again,".
_CLOSING = re.compile(
    r"^\s*(?:(?:with )?(?:best|kind|warm|warmest|kindest|many)?\s*(?:regards|wishes|thanks)|best|all the best|"
    r"sincerely(?: yours)?|yours(?: sincerely| truly| faithfully)?|(?:very )?truly yours|respectfully(?: yours)?|"
    r"cordially|warmly|cheers|thanks(?: again| so much)?|thank you(?: again| so much)?|with (?:gratitude|appreciation)|"
    r"gratefully|talk soon|take care|until then)\s*(?P<end>[,!—–-]?)\s*$",
    re.I,
)
#: A signature squeezed onto the last line of a one-paragraph message: "... next steps. — Sara".
_INLINE_SIGNATURE = re.compile(r"\s+[—–-]{1,2}\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*$")
#: A postscript under the signature is read as part of the message: "P.S. ...", "PS: ...".
_POSTSCRIPT = re.compile(r"^\s*p\.?\s?s\.?(?:\s|:|$)", re.I)
#: A line ending a sentence is message, not a name or a title.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')]*$")


@dataclass(frozen=True)
class NoteStructure:
    """A note taken apart (see :func:`read_note`).

    address_lines : the sender's and the inside address blocks and the date line, above the
        greeting (empty in an email).
    greeting : the salutation line ("Dear Mr. Peterman:"), "" if the note has none.
    body : the message between greeting and closing; paragraphs apart by a blank line, a line
        broken inside a sentence joined with a space.
    closing : "Sincerely,", "Best regards," ...; "" if none.
    signature : the lines after the closing (name, title, phone, email, enclosure and cc lines,
        a legal footer), or the short lines ending a note that has no closing.
    """

    address_lines: tuple[str, ...]
    greeting: str
    body: str
    closing: str
    signature: tuple[str, ...]

    @property
    def greeted(self) -> tuple[str, ...]:
        """Whom the greeting names, as written: ``("Priya", "Sam", "Lucia")`` for "Dear Priya,
        Sam and Lucia,", ``("Mr. Peterman",)`` for "Dear Mr. Peterman:", ``("Hiring Manager",)``
        for "Dear Hiring Manager,"; empty for no greeting."""
        names = re.sub(rf"^\s*{_SALUTATION}\b[\s,]*", "", self.greeting, flags=re.I).strip().rstrip(",:;!—–- ")
        return tuple(part.strip() for part in re.split(r"\s*(?:,|&|\band\b|/)\s*", names)
                     if any(ch.isalnum() for ch in part))

    @property
    def message(self) -> str:
        """What the person reads as the note: the greeting and the body."""
        return "\n\n".join(part for part in (self.greeting, self.body) if part)


def _paragraphs(lines: list[str]) -> str:
    """Lines joined into paragraphs: a blank line ends one; a line break inside one is a space."""
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


_SMALL = frozenset("of and at the for in & | · - — –".split())


def _is_signature_line(line: str) -> bool:
    """A short line that is no sentence and reads as a name, a title or contact details: each
    word capitalised ("Rachel Adams, RN", "Director of Research"), or a digit or an email in it."""
    text = line.strip()
    if not text or len(text.split()) > 8 or _SENTENCE_END.search(text):
        return False
    return (any(ch.isdigit() for ch in text) or "@" in text or text[0] in "—–-"
            or all(w[0].isupper() or w in _SMALL for w in text.split()))


@lru_cache(maxsize=64)
def read_note(text: str) -> NoteStructure:
    """Take a note apart into address lines, greeting, body, closing and signature.

    The greeting is the first line that opens with a salutation ("Dear", "Hi", "Hello"...),
    wherever it stands; the lines above it are address blocks and the date. A note with no
    salutation may open with a name alone ("Ana,"). When the greeting shares its line with the
    message ("Hi Ian — thank you for..."), the salutation is the greeting and the rest is body.
    The closing is the last line after the greeting that is a complimentary close on its own;
    what follows is signature. A note with no closing may still end in a few lines that read as
    a signature (a name, a phone number) under its last sentence, or in "— Sara". A postscript
    ("P.S. ...") under the signature is message.
    """
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    greeting, address = "", ()
    for index, line in enumerate(lines):
        match = _GREETING.match(line)
        if match and (match.group("end") or len(line.split()) <= 6):
            split = match.end()
            if not match.group("name").strip() and match.group("end") == ",":
                named = _NAME_AFTER.match(line, split)  # "Hello, Ana! ..."
                split = named.end() if named else split
            rest = line[split:].strip()
            if rest and len(line.split()) <= 10 and re.search(r"[,:;!—–]\s*$", line):
                rest = ""  # "Dear Priya, Sam and Lucia," greets them all
            greeting = line[:split].strip() if rest else line.strip()
            address = tuple(x.strip() for x in lines[:index] if x.strip())
            lines = ([rest] if rest else []) + lines[index + 1:]
            break
    else:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if (first is not None and _BARE_GREETING.match(lines[first])
                and any(line.strip() for line in lines[first + 1:])):
            greeting, lines = lines[first].strip(), lines[first + 1:]
    closing, signature = "", []
    for index in range(len(lines) - 1, -1, -1):
        match = _CLOSING.match(lines[index])
        after = [x.strip() for x in lines[index + 1:] if x.strip()]
        # "Best," is a closing; "Thank you!" ending the message is not, unless a name follows.
        if match and len(lines[index].split()) <= 4 and (match.group("end") in (",", "—", "–", "-")
                                                         or after and _is_signature_line(after[0])):
            closing, signature, lines = lines[index].strip(), after, lines[:index]
            break
    if not closing:
        # No closing: the last lines that read as a signature ("Sam", "Dana Whitfield / (713)
        # 555-0148"), under a sentence or a blank line with the message above it, are one.
        end = len(lines)
        while end and not lines[end - 1].strip():
            end -= 1
        start = end
        while start and end - start < 6 and _is_signature_line(lines[start - 1]):
            start -= 1
        above = lines[start - 1].strip() if start else ""
        if start < end and (_SENTENCE_END.search(above) or not above and any(x.strip() for x in lines[:start])):
            signature = [x.strip() for x in lines[start:end]]
            lines = lines[:start]
        elif end:
            inline = _INLINE_SIGNATURE.search(lines[end - 1])
            if inline and _SENTENCE_END.search(lines[end - 1][:inline.start()].rstrip()):
                signature = [inline.group("name")]
                lines = lines[:end - 1] + [lines[end - 1][:inline.start()]]
    postscript = next((i for i, line in enumerate(signature) if _POSTSCRIPT.match(line)), len(signature))
    if postscript < len(signature):
        lines += [""] + signature[postscript:]
        signature = signature[:postscript]
    return NoteStructure(address, greeting, _paragraphs(lines), closing, tuple(signature))
