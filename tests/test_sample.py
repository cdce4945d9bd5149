"""The shipped sample cohort: what the notebooks and the README promise about it."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

import workbook
from workbook import sample
from workbook.config import REPO_ROOT, SAMPLE_DIR
from workbook.store.csv_files import KINDS


def test_the_generator_reproduces_the_shipped_files(tmp_path):
    generator = REPO_ROOT / "scripts" / "generate_sample.py"
    subprocess.run([sys.executable, str(generator), str(tmp_path)], check=True, capture_output=True)
    for kind in KINDS:
        assert (tmp_path / f"{kind}.csv").read_bytes() == (SAMPLE_DIR / f"{kind}.csv").read_bytes(), kind


def test_the_sample_is_a_believable_cohort(sample_log):
    interviews = sample_log.interviews()
    assert sample_log.candidates()["candidate"].nunique() >= 3
    assert len(interviews) >= 40
    assert len(sample_log.interviewers()) >= 100
    assert interviews["ends_at"].max() - interviews["starts_at"].min() >= pd.Timedelta(days=90)
    assert interviews["timezone"].nunique() >= 5
    assert set(sample_log.outcomes()["outcome"]) == set(workbook.OUTCOMES)
    notes = sample_log.notes()
    assert notes["sent_at"].isna().any(), "some drafts"
    assert notes["replied_at"].notna().any(), "some replies"
    assert set(notes["channel"]) >= {"email", "handwritten"}


def test_every_status_is_present_at_the_documented_instant(sample_log):
    table = workbook.followups(sample_log, now=sample.SAMPLE_NOW)
    counts = table["status"].value_counts()
    assert (counts[list(workbook.STATUSES)] >= 2).all(), counts
    assert (table["sent_at"].dropna() <= pd.Timestamp(sample.SAMPLE_NOW)).all()
    assert (table["hours_to_send"] == 24.0).any(), "a note at exactly 24 hours"


def test_the_sample_has_a_follow_up_window_across_a_dst_change(sample_log):
    table = workbook.followups(sample_log, now=sample.SAMPLE_NOW)
    crosses = [
        row.ended_at.tz_convert(row.timezone).utcoffset() != row.due_at.tz_convert(row.timezone).utcoffset()
        for row in table.drop_duplicates("interview_id").itertuples()
    ]
    assert any(crosses)
