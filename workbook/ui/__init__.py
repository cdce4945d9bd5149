"""The workbook's widgets (ipywidgets 8): thin layers over the package's functions.

Only this subpackage imports ipywidgets; ``import workbook`` does not load it.

- :class:`NoteBuilder`: one thank-you note per person met at an interview, with the
  guideline's live checklist, saved to the log, marked as sent and handed to a mail program.
"""

from .note_builder import NoteBuilder

__all__ = ["NoteBuilder"]
