"""How long reviewing a note takes while someone types: one `review_note` call on a 150-word
note to a person with five others met at the same interview, each with a note.

Target: under 5 ms per call. Run: `.venv/bin/python benchmarks/bench_review.py`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import workbook
from workbook.context import note_context
from workbook.review import review_note, word_count

TARGET_MS = 5.0


def build_log(folder: Path):
    """A sample log plus one interview with six people, five of whom already have a note."""
    log = workbook.open_log(folder / "bench.sqlite")
    workbook.load_sample(log)
    candidate = log.candidates()["candidate"].iloc[0]
    interview = log.add_interview(candidate, "Quillfeather Labs", "Data analyst", "2026-11-20T09:00",
                                  "2026-11-20T11:00", "America/Chicago")
    people = [log.add_interviewer(interview, f"Person{i} Surname{i}", talking_points=f"topic {i} of the roadmap")
              for i in range(6)]
    for i, person in enumerate(people[1:], start=1):
        log.add_note(person, body=f"Dear Person{i},\n\nThank you for the talk about topic {i} of the roadmap. " * 4)
    return log, people[0]


def note_of(words: int) -> str:
    sentence = ("Thank you for your time today and for the chance to discuss topic zero of the roadmap at "
                "Quillfeather Labs. ")
    text = "Dear Person0,\n\n"
    while word_count(text) < words:
        text += sentence
    return " ".join(text.split()[:words])


def measure(repeat: int = 200) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        log, person = build_log(Path(folder))
        body = note_of(150)
        context = note_context(log, person)
        review_note(log, person, body, "Thanks", context=context)  # warm up
        typing = []
        for i in range(repeat):
            start = time.perf_counter()
            review_note(log, person, body + " x" * (i % 3), "Thanks", context=context)
            typing.append(time.perf_counter() - start)
        cold = []
        for _ in range(max(repeat // 10, 3)):
            start = time.perf_counter()
            review_note(log, person, body, "Thanks")
            cold.append(time.perf_counter() - start)
        log.close()
    return {
        "words": word_count(body),
        "review_ms_median": statistics.median(typing) * 1000,
        "review_ms_p90": statistics.quantiles(typing, n=10)[-1] * 1000,
        "review_with_log_read_ms_median": statistics.median(cold) * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    repeat = int(argv[0]) if argv else 200
    figures = measure(repeat)
    print(f"review_note on a {figures['words']}-word note, 5 sibling notes, {repeat} calls:")
    print(f"  while typing (context loaded once): median {figures['review_ms_median']:.2f} ms, "
          f"p90 {figures['review_ms_p90']:.2f} ms (target < {TARGET_MS} ms)")
    print(f"  reading the person's context from the log each time: median "
          f"{figures['review_with_log_read_ms_median']:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
