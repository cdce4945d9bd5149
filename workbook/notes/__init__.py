"""A thank-you note to one person met: what the workbook knows about them
(:class:`~workbook.notes.context.NoteContext`, read from the log once), composing a draft,
reviewing it against the guideline, and handing it to the mail program. Everything after the
context is read is pure computation on it.

Each step has two forms: one on a context (``compose.compose(ctx, parts)``,
``review.review(ctx, body)``, ``mail.email_message / save_eml / mailto(ctx, body)``), for a
person typing, and one on the log and an interviewer id (:func:`compose_note`,
:func:`review_note`, ``mail.note_message / write_eml / mailto_link``), which reads the context
first. (The context forms are not imported here: ``workbook.notes.review`` is the module.)
"""

from .compose import compose_note
from .context import NamesInLog, NoteContext, names_in_log, note_context
from .review import review_note

__all__ = ["NamesInLog", "NoteContext", "compose_note", "names_in_log", "note_context", "review_note"]
