"""Sent mail: how long :func:`workbook.read_sent_mail` takes on a generated mbox of 100,000
messages (about 1 GB: one message in ten carries an attachment of about 90 kB), beside the
floor: Python finding the message boundaries in the same file (reading it line by line in
binary and counting the lines that start with ``From ``). And its peak memory, measured in a
fresh process for a tenth of the file and for all of it: flat, since the bodies of messages
that concern nobody met are never parsed.

The mailbox is a Gmail Takeout of a long job search: the candidate's notes to the people met
(about 1 message in 100), their replies, and the rest of a mailbox (newsletters, threads with
friends, messages to recruiters not met); "From " lines inside bodies quoted as ">From ".
It is written as bytes from templates, so that a gigabyte takes seconds to make.

Target: ours at most 3× the floor. Run:
``.venv/bin/python benchmarks/bench_mail.py [MESSAGES ...]`` (default 100000).
"""

from __future__ import annotations

import base64
import json
import random
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, interleaved  # noqa: E402

import workbook  # noqa: E402

TARGET = 3.0
CANDIDATE = "Maya Okafor"
CANDIDATE_EMAIL = "maya@example.com"
NOW = "2027-06-30T12:00:00+00:00"
INTERVIEWS = 200  # three people met at each
START = datetime(2026, 1, 5, 15, tzinfo=timezone.utc)
ATTACHMENT = base64.encodebytes(random.Random(16).randbytes(66_000))  # about 90 kB of base64 lines
FIRST = ["Ana", "Bo", "José", "Zoë", "Sam", "Aisha", "Dmitri", "Renée", "Kwame", "Ingrid", "Tomás", "Grace"]
LAST = ["Lima", "Chen", "Ramírez", "Müller", "Ortiz", "O'Connell", "Vasquez", "Çelik", "Mensah", "Solberg"]
PARAGRAPH = ("Thank you for the conversation today about the team's plans for the coming year. I enjoyed "
             "hearing how you test every model before it ships, and I would be glad to help.\n")


def _person(i: int) -> tuple[str, str]:
    """The name and address of the i-th person met (three per interview)."""
    name = f"{FIRST[i % len(FIRST)]} {LAST[i // len(FIRST) % len(LAST)]}"
    return name, f"person{i}@company{i // 3}.example"


def _interview_end(k: int) -> datetime:
    return START + timedelta(days=k * 2, hours=1)


def prepare_log(path: Path) -> Path:
    """A log of the candidate's 200 interviews, three people met at each (one CSV import)."""
    import csv

    with workbook.open_log(path) as log:
        if log.is_empty():
            folder = path.parent / "mail-log-csv"
            folder.mkdir(exist_ok=True)
            with open(folder / "candidates.csv", "w", newline="", encoding="utf-8") as file:
                csv.writer(file).writerows([["candidate", "email", "phone", "skills"], [CANDIDATE, CANDIDATE_EMAIL, "", ""]])
            with open(folder / "interviews.csv", "w", newline="", encoding="utf-8") as file:
                rows = [["interview_id", "candidate", "company", "role", "stage", "timezone", "starts_at", "ends_at"]]
                rows += [[k + 1, CANDIDATE, f"Company {k}", "Data Analyst", "", "UTC",
                          (_interview_end(k) - timedelta(hours=1)).isoformat(), _interview_end(k).isoformat()]
                         for k in range(INTERVIEWS)]
                csv.writer(file).writerows(rows)
            with open(folder / "interviewers.csv", "w", newline="", encoding="utf-8") as file:
                rows = [["interviewer_id", "interview_id", "name", "title", "email", "phone", "talking_points"]]
                rows += [[i + 1, i // 3 + 1, *_person(i)[:1], "", _person(i)[1], "", ""] for i in range(3 * INTERVIEWS)]
                csv.writer(file).writerows(rows)
            log.import_csv(folder)
    return path


def _message(out, n: int, sender: str, to: str, when: datetime, subject: str, body: str, attach: bool) -> None:
    date = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
    out.append(f"From {1780000000000000000 + n}@xxx {when:%a %b %d %H:%M:%S +0000 %Y}\n".encode())
    headers = (f"X-GM-THRID: {1780000000000000000 + n // 3}\nX-Gmail-Labels: Sent\n"
               f"Received: by 2002:a05:6a10:e4c1 with SMTP id r1csp{n};\n        {date}\n"
               f"From: {sender}\nTo: {to}\nSubject: {subject}\nDate: {date}\n"
               f"Message-ID: <bench.{n}@mail.example.com>\nMIME-Version: 1.0\n")
    if attach:
        out.append((headers + 'Content-Type: multipart/mixed; boundary="b"\n\n--b\n'
                    'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n'
                    f"{body}\n--b\nContent-Type: application/pdf; name=\"file.pdf\"\n"
                    "Content-Disposition: attachment; filename=\"file.pdf\"\n"
                    "Content-Transfer-Encoding: base64\n\n").encode("utf-8"))
        out.append(ATTACHMENT)
        out.append(b"--b--\n\n")
    else:
        out.append((headers + 'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n'
                    f"{body}\n\n").encode("utf-8"))


def generate(path: Path, messages: int, seed: int = 16) -> Path:
    """Write an mbox of ``messages`` messages to ``path``; return it."""
    rng = random.Random(seed)
    me = f"{CANDIDATE} <{CANDIDATE_EMAIL}>"
    span = (INTERVIEWS * 2 + 30) * 24 * 3600
    with open(path, "wb") as file:
        out: list[bytes] = []
        for n in range(messages):
            roll = rng.random()
            attach = rng.random() < 0.1
            if roll < 0.01:  # a note to a person met, hours after their interview
                i = rng.randrange(3 * INTERVIEWS)
                name, address = _person(i)
                when = _interview_end(i // 3) + timedelta(minutes=rng.randrange(10, 3 * 24 * 60))
                _message(out, n, me, f"{name} <{address}>", when, "Thank you for today",
                         f"Dear {name.split()[0]},\n\n" + PARAGRAPH * 3 + "\nMaya", attach)
            elif roll < 0.015:  # their reply
                i = rng.randrange(3 * INTERVIEWS)
                name, address = _person(i)
                when = _interview_end(i // 3) + timedelta(days=3, minutes=rng.randrange(0, 600))
                _message(out, n, f"{name} <{address}>", me, when, "Re: Thank you for today",
                         "Thank you, Maya!\n\n>From your note: " + PARAGRAPH, attach)
            else:  # the rest of a mailbox
                other = f"{rng.choice(FIRST)} {rng.choice(LAST)} <friend{rng.randrange(500)}@example.org>"
                when = START + timedelta(seconds=rng.randrange(span))
                sender, to = (me, other) if rng.random() < 0.5 else (other, me)
                _message(out, n, sender, to, when, f"Re: plans for week {n % 52}",
                         "Hi,\n\n>From what I remember, " + PARAGRAPH * rng.randrange(2, 12) + "\nSee you", attach)
            if len(out) > 2000:
                file.write(b"".join(out))
                out.clear()
        file.write(b"".join(out))
    return path


def floor(path: Path) -> int:
    """Python finding the message boundaries: the lines that start with "From "."""
    found = 0
    with open(path, "rb") as file:
        for line in file:
            if line.startswith(b"From "):
                found += 1
    return found


def ours(path: Path, log) -> int:
    """:func:`workbook.read_sent_mail` of the file (the notebook's preview); messages read."""
    return workbook.read_sent_mail(path, log, CANDIDATE, now=NOW).attrs["scanned"]


_PEAK = """
import json, sys, time, tracemalloc
sys.path.insert(0, {bench!r})
import bench_mail, workbook
from pathlib import Path

def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024

path = Path({path!r})
with workbook.open_log({log!r}) as log:
    before = status("VmRSS")
    tracemalloc.start()
    found = bench_mail.ours(path, log) if {which!r} == "ours" else bench_mail.floor(path)
    heap = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
print(json.dumps({{"found": found, "before_mb": before, "heap_mb": heap, "peak_mb": status("VmHWM")}}))
"""


def peak_memory(path: Path, log_path: Path, which: str = "ours") -> dict:
    """Run ``which`` ("ours" or "floor") once in a fresh Python and say what memory it took (MB):
    ``heap_mb``, the most Python allocated during the run (tracemalloc); ``peak_mb``, the
    process's resident high-water mark (``VmHWM``, which a new program starts afresh, unlike
    ``ru_maxrss``); ``before_mb``, resident before the run (the interpreter, pandas and the
    log opened)."""
    code = _PEAK.format(bench=str(Path(__file__).resolve().parent), path=str(path), log=str(log_path), which=which)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(work: Path, sizes=(100_000,), repeat: int = 3, flat: bool = True) -> list[Figure]:
    """The figures; with ``flat``, peak memory is measured for a tenth of each mailbox too
    (each in a fresh process), to show it does not grow with the file."""
    figures = []
    log_path = prepare_log(work / "mail.sqlite")
    with workbook.open_log(log_path) as log:
        for size in sizes:
            path = generate(work / f"mail-{size}.mbox", size)
            assert ours(path, log) == floor(path) == size  # the same messages, and warm caches
            times = interleaved({"ours": lambda: ours(path, log), "floor": lambda: floor(path)}, repeat)
            large = peak_memory(path, log_path)
            note = (f"memory, in a fresh process: Python's allocations peak at {large['heap_mb']:.0f} MB reading "
                    f"{size:,} messages")
            if flat:
                tenth = generate(work / f"mail-{size // 10}.mbox", max(size // 10, 1))
                small = peak_memory(tenth, log_path)
                tenth.unlink()
                note += f", {small['heap_mb']:.0f} MB reading {max(size // 10, 1):,}"
            note += f"; resident {large['before_mb']:.0f} MB before, at most {large['peak_mb']:.0f} MB during"
            figures.append(Figure(
                "Sent mail", f"`read_sent_mail` of a {size:,}-message mbox ({path.stat().st_size / 1e9:.2f} GB)",
                times["ours"], "Python finding the message boundaries in the same file (lines starting "
                               "with `From `)", times["floor"], repeat, TARGET, note=note))
            path.unlink()
    return figures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sizes = [int(a) for a in argv] or [100_000]
    print("Sent mail (median of 3):")
    with tempfile.TemporaryDirectory() as work:
        for figure in measure(Path(work), sizes):
            print(figure.line())
            print(f"    {figure.note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
