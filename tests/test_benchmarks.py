"""Every benchmark runs once on tiny sizes, so that none of them rots. Their figures are not
checked here: speed targets live in benchmarks/RESULTS.md, not in tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name: str):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module


@pytest.mark.slow
def test_the_benchmark_command_writes_every_figure_beside_its_floor(tmp_path, capsys, postgres_server):
    results = tmp_path / "RESULTS.md"
    assert load("run").main(["--quick", "--output", str(results)], postgres=postgres_server) == 0
    text = results.read_text(encoding="utf-8")
    for area in ("Start-up", "Analysis at scale", "Import", "Analysis at scale (PostgreSQL)", "Import (PostgreSQL)",
                 "Calendar", "Sent mail", "Typing", "Charts", "Notebooks"):
        assert f"| {area} |" in text, area
    assert "## Machine" in text and "cores" in text
    assert "`python -c \"import workbook\"`" in text and "`charts.due_now`" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "×" in line]
    assert len(rows) == 2 + 3 + 1 + 2 + 1 + 1 + 6 + 7 + 1
    assert all(row.count("|") == 10 for row in rows)  # every figure has its floor, ratio, target
    assert f"Wrote {results}" in capsys.readouterr().out


def test_the_postgresql_benchmark_analyses_the_same_log_as_sqlite(tmp_path, postgres_server, postgres_database):
    """The rows the PostgreSQL benchmark copies in make the same log: the same follow-ups."""
    import pandas as pd

    import workbook

    bench = load("bench_postgres")
    path = load("scale").generate_log(tmp_path / "generated.sqlite", 500)
    with workbook.open_log(path) as log:
        expected = workbook.followups(log, now=load("bench_analysis").NOW)  # the NOW analyse() judges at
    url = bench.copy_generated(postgres_server, postgres_database, path)
    pd.testing.assert_frame_equal(bench.analyse(url), expected)


def test_without_a_postgresql_server_the_benchmark_says_why_and_records_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WORKBOOK_POSTGRES_BIN", str(tmp_path / "no-postgresql-here"))
    assert load("bench_postgres").measure(tmp_path, sizes=(500,), repeat=1) == []
    assert "PostgreSQL benchmarks not run: no PostgreSQL server programs" in capsys.readouterr().out


def test_a_figure_holds_its_ratio_and_its_target():
    common = load("common")
    slow = common.Figure("Import", "ours", 3.0, "floor", 1.0, 3, limit=2.0)
    assert slow.ratio == 3.0 and slow.met is False and slow.target == "≤ 2×"
    quick = common.Figure("Typing", "ours", 0.002, "floor", 0.0001, 3, limit=0.005, on="time")
    assert quick.met is True and quick.target == "< 5.00 ms"
    assert common.Figure("Notebooks", "ours", 2.0, "floor", 1.0, 1).met is None


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
