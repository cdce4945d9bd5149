"""A thank-you note to one person met: what the workbook knows about them
(:class:`~workbook.notes.context.NoteContext`, read from the log once), composing a draft,
reviewing it against the guideline, and handing it to the mail program. Everything after the
context is read is pure computation on it.
"""

from .compose import compose_note
from .review import review_note

__all__ = ["compose_note", "review_note"]
