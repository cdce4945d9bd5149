"""Typing: what runs on every keystroke in the note builder.

1. ``review_note`` on a 150-word note to a person with five others met at the same interview,
   each with a note (the ``distinct`` check compares against all five). Target: under 5 ms.
   Floor: splitting the same note into lower-case words, the least any check of it does.
2. The note builder's refresh after a field change, without a browser: a keystroke in the body
   of the same 150-word note in one person's tab reviews it and redraws the preview, word
   count, timing, checklist and mail link. Target: under 20 ms. Floor: setting the value of one
   ipywidgets HTML widget to the same preview, the least any visible refresh costs.

Run: ``.venv/bin/python benchmarks/bench_typing.py [REPEAT]``.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, interleaved  # noqa: E402

import workbook  # noqa: E402
from workbook.notes.context import note_context  # noqa: E402
from workbook.notes.review import word_count  # noqa: E402

REVIEW_TARGET = 0.005
REFRESH_TARGET = 0.020
NOW = "2026-11-20T17:00:00+00:00"


def build_log(folder: Path):
    """A sample log plus one interview with six people, five of whom already have a note."""
    log = workbook.open_log(folder / "bench.sqlite")
    workbook.load_sample(log)
    candidate = log.candidates()["candidate"].iloc[0]
    interview = log.add_interview(candidate, "Quillfeather Labs", "Data analyst", "2026-11-20T09:00",
                                  "2026-11-20T11:00", "America/Chicago")
    people = [log.add_interviewer(interview, f"Person{i} Surname{i}", email=f"person{i}@quillfeather.example",
                                  talking_points=f"topic {i} of the roadmap") for i in range(6)]
    for i, person in enumerate(people[1:], start=1):
        log.add_note(person, body=f"Dear Person{i},\n\nThank you for the talk about topic {i} of the roadmap. " * 4)
    return log, interview, people[0]


def note_of(words: int) -> str:
    sentence = ("Thank you for your time today and for the chance to discuss topic zero of the roadmap at "
                "Quillfeather Labs. ")
    text = "Dear Person0,\n\n"
    while word_count(text) < words:
        text += sentence
    return " ".join(text.split()[:words])


def measure(repeat: int = 200) -> list[Figure]:
    import ipywidgets as widgets

    from workbook.ui import NoteBuilder

    with tempfile.TemporaryDirectory() as folder:
        log, interview, person = build_log(Path(folder))
        body = note_of(150)
        context = note_context(log, person)
        words = re.compile(r"\w+")
        review = interleaved({
            "ours": lambda: workbook.review_note(log, person, body, "Thank you", context=context),
            "floor": lambda: words.findall(body.lower()),
        }, repeat)

        builder = NoteBuilder(log, interview_id=interview, now=NOW, display=False)
        tab = builder.controls["people"][person]
        html = widgets.HTML()
        typed = iter(range(10**9))

        def type_a_letter():
            tab["body"].value = body + " x" * (next(typed) % 3)

        def set_the_preview():
            html.value = tab["preview"].value + str(next(typed))

        refresh = interleaved({"ours": type_a_letter, "floor": set_the_preview}, repeat)
        assert tab["words"].value == f"{word_count(tab['body'].value)} words"  # the refresh ran
        log.close()
    return [
        Figure("Typing", f"`review_note` on a {word_count(body)}-word note with 5 sibling notes", review["ours"],
               "splitting the note into words", review["floor"], repeat, REVIEW_TARGET, on="time"),
        Figure("Typing", "note builder refresh after a keystroke in the body (review, preview, checklist, mail link)",
               refresh["ours"], "setting one HTML widget's value", refresh["floor"], repeat, REFRESH_TARGET,
               on="time"),
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    repeat = int(argv[0]) if argv else 200
    print(f"Typing (median of {repeat}):")
    for figure in measure(repeat):
        print(figure.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
