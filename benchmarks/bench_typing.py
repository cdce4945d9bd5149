"""Typing: what runs on every keystroke in the note builder, on the sample log and on a
generated log of a practice (100,000 people met), where the recipient check has every other
person's and company's name to look the note's words up in.

For each log, one interview with six people is added, five of whom already have a note:

1. ``review(context, body)``, the form the builder calls on every keystroke, on a 150-word note
   to the sixth person (the ``distinct`` check compares against all five), with the context
   read once before. Target: under 5 ms. Floor: splitting the same note into lower-case words,
   the least any check of it does.
2. The note builder's refresh after a field change, without a browser: a keystroke in the body
   of the same note in that person's tab reviews it and redraws the preview, word count,
   timing, checklist and mail link (the timing line counts minutes: it is written again when
   the minute changes, so with the benchmark's fixed clock only the first keystroke writes it).
   Target: under 20 ms. Floor: setting the value of one ipywidgets HTML widget to the same
   preview, the least any visible refresh costs.
3. Choosing the person: reading their ``NoteContext`` once, the names of everyone in the log
   included (the one read that grows with the log). Reported, no target. Floor: ``sqlite3``
   alone reading the interviewers' and interviews' name columns from the same file.

Run: ``.venv/bin/python benchmarks/bench_typing.py [REPEAT [INTERVIEWERS ...]]`` (default 200
and 100000; the generated log takes a few seconds to make).
"""

from __future__ import annotations

import re
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402
from common import Figure, interleaved  # noqa: E402

import workbook  # noqa: E402
from workbook.notes.context import note_context  # noqa: E402
from workbook.notes.review import review, word_count  # noqa: E402

REVIEW_TARGET = 0.005
REFRESH_TARGET = 0.020
NOW = "2026-11-20T17:00:00+00:00"
#: How many times the (slower) context read is timed.
CONTEXT_REPEAT = 5


def build_log(path: Path, generated: Path | None = None):
    """The sample log (or a copy of a generated one) plus one interview with six people, five
    of whom already have a note."""
    if generated is not None:
        # The generated log is shared with other benchmarks: copied with SQLite's backup, which
        # takes what its write-ahead file holds too (a file copy would miss it).
        with sqlite3.connect(generated) as source, sqlite3.connect(path) as copy:
            source.backup(copy)
        source.close()
        copy.close()
    log = workbook.open_log(path)
    if generated is None:
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


def read_names(path: Path) -> None:
    """The floor of choosing a person: the name columns, read with nothing in between."""
    with sqlite3.connect(path) as db:
        db.execute("SELECT name FROM interviewers").fetchall()
        db.execute("SELECT company FROM interviews").fetchall()
    db.close()


def measure_log(path: Path, label: str, repeat: int, generated: Path | None = None) -> list[Figure]:
    import ipywidgets as widgets

    from workbook.ui import NoteBuilder

    log, interview, person = build_log(path, generated)
    try:
        body = note_of(150)
        chosen = interleaved({"ours": lambda: note_context(log, person), "floor": lambda: read_names(path)},
                             CONTEXT_REPEAT)
        context = note_context(log, person)
        words = re.compile(r"\w+")
        reviewed = interleaved({
            "ours": lambda: review(context, body, "Thank you"),
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
    finally:
        log.close()
    return [
        Figure("Typing", f"`review` (context read once) on a {word_count(body)}-word note with 5 sibling notes",
               reviewed["ours"], "splitting the note into words", reviewed["floor"], repeat, REVIEW_TARGET,
               on="time", note=label),
        Figure("Typing", "note builder refresh after a keystroke in the body (review, preview, checklist, mail link)",
               refresh["ours"], "setting one HTML widget's value", refresh["floor"], repeat, REFRESH_TARGET,
               on="time", note=label),
        Figure("Typing", "choosing a person: reading their `NoteContext`, every name in the log indexed",
               chosen["ours"], "sqlite3 reading the name columns", chosen["floor"], CONTEXT_REPEAT, note=label),
    ]


def measure(work: Path | None = None, sizes=(), repeat: int = 200) -> list[Figure]:
    """The figures on the sample log, then on a generated log of each of ``sizes`` people met
    (made in ``work``, or kept there from another benchmark of the same run)."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        figures = measure_log(folder / "sample.sqlite", "sample log", repeat)
        for size in sizes:
            generated = scale.generated(work if work is not None else folder, size)
            figures += measure_log(folder / f"typing-{size}.sqlite", f"{size:,} people met", repeat, generated)
    return figures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    repeat = int(argv[0]) if argv else 200
    sizes = [int(a) for a in argv[1:]] or [100_000]
    print(f"Typing (median of {repeat}):")
    for figure in measure(sizes=sizes, repeat=repeat):
        print(figure.line() + f" ({figure.note})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
