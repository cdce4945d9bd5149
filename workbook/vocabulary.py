"""The fixed words the log uses for a note's channel and an interview's outcome.

Kept apart from :mod:`workbook.store.schema` so that what needs only the words (the checks, the
analysis) does not load SQLAlchemy.
"""

#: How a thank-you note went out.
CHANNELS = ("email", "handwritten", "other")
#: What came of an interview.
OUTCOMES = ("next_round", "offer", "rejected", "no_response", "withdrew")
#: Outcomes that count as good news for the candidate.
POSITIVE_OUTCOMES = ("next_round", "offer")
