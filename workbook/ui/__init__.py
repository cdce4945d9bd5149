"""The workbook's widgets (ipywidgets 8): thin layers over the package's functions.

Only this subpackage imports ipywidgets; ``import workbook`` does not load it.

- :class:`AboutYou`: the candidate's own name, email address, phone number and skills, which
  every note gives.
- :class:`InterviewForm`: log an interview and every person met, each problem shown next to
  its field.
- :class:`CalendarImport`: "From your calendar": read ``.ics`` invitations and exports, tick
  and correct the interviews and the people met, import them in one go.
- :class:`SentMailImport`: "From your sent mail": find the thank-you notes sent and the replies
  in a mailbox file, folder or IMAP account, and import their real times in one go.
- :class:`NoteBuilder`: one thank-you note per person met at an interview, with the
  guideline's live checklist, saved to the log, marked as sent and handed to a mail program.
- :class:`FollowupTracker`: who still needs a thank-you note, most urgent first; mark notes
  sent, record replies and outcomes.
- :class:`HabitsDashboard`: the follow-up summary and charts for chosen candidates and dates.
- :class:`SessionReport`: the session report a client takes home, made with one button.
"""

from .about_you import AboutYou
from .calendar_import import CalendarImport
from .followup_tracker import FollowupTracker
from .habits_dashboard import HabitsDashboard
from .interview_form import InterviewForm
from .note_builder import NoteBuilder
from .sent_mail_import import SentMailImport
from .session_report import SessionReport

__all__ = ["AboutYou", "CalendarImport", "FollowupTracker", "HabitsDashboard", "InterviewForm", "NoteBuilder",
           "SentMailImport", "SessionReport"]
