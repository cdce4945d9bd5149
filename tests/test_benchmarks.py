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
