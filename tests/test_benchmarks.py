"""Each benchmark runs once on a tiny size, so that none of them rots."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_review_benchmark_runs_and_prints_its_figures(capsys):
    bench = load("bench_review")
    assert bench.main(["3"]) == 0
    printed = capsys.readouterr().out
    assert "review_note on a 150-word note, 5 sibling notes" in printed
    assert "median" in printed


def test_the_analysis_benchmark_runs_on_a_small_generated_log(capsys):
    bench = load("bench_analysis")
    assert bench.main(["2000", "1"]) == 0
    printed = capsys.readouterr().out
    assert "generated log of 2,000 interviewers" in printed
    assert "x the read" in printed


def test_the_generated_log_obeys_the_logs_rules(tmp_path):
    """The generator writes straight into SQLite: check what it wrote passes the log's own
    import rules, by exporting it and importing it into a fresh log."""
    import workbook

    scale = load("scale")
    path = scale.generate_log(tmp_path / "generated.sqlite", 500)
    with workbook.open_log(path) as log:
        assert len(log.interviewers()) == 500
        folder = log.export_csv(tmp_path / "csv")
    with workbook.open_log(tmp_path / "copy.sqlite") as copy:
        counts = copy.import_csv(folder)
    assert counts["interviewers"] == 500


def test_the_import_benchmark_runs_on_a_small_generated_log(capsys):
    bench = load("bench_import")
    assert bench.main(["1000"]) == 0
    printed = capsys.readouterr().out
    assert "1,000 interviewers: ours" in printed and "ratio" in printed
