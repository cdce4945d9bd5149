"""The workbook's widgets (ipywidgets 8): thin layers over the package's functions.

Only this subpackage imports ipywidgets; ``import workbook`` does not load it.

- :class:`AboutYou`: the candidate's own name, email address, phone number and skills, which
  every note gives.
- :class:`InterviewForm`: log an interview and every person met, each problem shown next to
  its field.
- :class:`CalendarImport`: "From your calendar": read ``.ics`` invitations and exports, tick
  and correct the interviews and the people met, import them in one go.
- :class:`NoteBuilder`: one thank-you note per person met at an interview, with the
  guideline's live checklist, saved to the log, marked as sent and handed to a mail program.
- :class:`FollowupTracker`: who still needs a thank-you note, most urgent first; mark notes
  sent, record replies and outcomes.
- :class:`HabitsDashboard`: the follow-up summary and charts for chosen candidates and dates.
"""

from .about_you import AboutYou
from .calendar_import import CalendarImport
from .followup_tracker import FollowupTracker
from .habits_dashboard import HabitsDashboard
from .interview_form import InterviewForm
from .note_builder import NoteBuilder

__all__ = ["AboutYou", "CalendarImport", "FollowupTracker", "HabitsDashboard", "InterviewForm", "NoteBuilder"]
