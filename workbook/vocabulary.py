"""The fixed words the log uses for a note's channel and an interview's outcome.

Kept apart from :mod:`workbook.store.schema` so that what needs only the words (the checks, the
analysis) does not load SQLAlchemy.
"""

#: The fields of one person met, as a person gives them (the form's rows, ``add_interview``'s people).
PERSON_FIELDS = ("name", "title", "email", "phone", "talking_points")
#: How a thank-you note went out.
CHANNELS = ("email", "handwritten", "other")
#: What came of an interview.
OUTCOMES = ("next_round", "offer", "rejected", "no_response", "withdrew")
#: Outcomes that end the candidate's part in the process: after one, a thank-you note for the
#: interview can no longer be sent. After "next_round" it still can (and should, before the next).
FINAL_OUTCOMES = ("offer", "rejected", "no_response", "withdrew")
#: Outcomes that count as good news for the candidate.
POSITIVE_OUTCOMES = ("next_round", "offer")
