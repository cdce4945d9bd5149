"""Regex pieces that Python's ``re`` and Arrow's RE2 read alike.

On text kept in Arrow arrays (pandas' ``str`` columns), pandas runs a regex check over a whole
column in C with RE2, unless the pattern holds something RE2 reads differently; then it calls
Python's ``re`` once per value, about ten times slower on a large import. So the checks'
patterns avoid ``\\u`` escapes (they hold the characters themselves) and ``\\s`` (RE2's misses
some of Python's whitespace): :data:`SPACE` spells Python's out. A test holds both engines to
the same answers.
"""

#: The characters Python counts as whitespace (``str.isspace()``, what ``str.strip()`` takes
#: away and ``\s`` matches), as the inside of a regex class: ``f"[{SPACE}]"``.
SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

#: An email address, as the log takes one (the whole text).
EMAIL = f'^[^@{SPACE}<>,;"]+@[^@{SPACE}<>,;"]+\\.[^@{SPACE}<>,;"]+$'
#: Control characters (line breaks included), which have no place in a one-line field: in a
#: name or a subject they could forge a mail header when the note is handed to a mail program.
CONTROL = r"[\x00-\x1f\x7f-\x9f" + "\u2028\u2029]"
#: Control characters in text of several lines (a note's body): tabs and line breaks are fine.
CONTROL_MULTILINE = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
