"""The notebooks: the strict nbval run of every notebook (as the README's test command runs
them: a fresh sample log, ``--nbval`` with outputs compared) beside the floor: the same number
of notebooks holding one empty code cell, run by nbval the same way, which is what starting a
kernel per notebook costs.

Reported as a ratio; there is no target. Run:
``.venv/bin/python benchmarks/bench_notebooks.py [REPEAT]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, interleaved  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EMPTY = {
    "cells": [{"cell_type": "code", "execution_count": 1, "id": "empty", "metadata": {}, "outputs": [],
               "source": "pass"}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def pytest(arguments: list[str], folder: Path):
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments]
    return lambda: subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL)


def measure(repeat: int = 3, notebooks: list[Path] | None = None) -> list[Figure]:
    notebooks = notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for i in range(len(notebooks)):
            (folder / f"empty-{i}.ipynb").write_text(json.dumps(EMPTY))
        times = interleaved({
            # From the project's folder: its pytest settings (strict --nbval, the sanitiser)
            # and its conftest (a fresh sample log), as ./run-tests runs them.
            "ours": pytest([str(n.relative_to(ROOT)) for n in notebooks], ROOT),
            "floor": pytest(["--nbval", "--nbval-current-env", "."], folder),
        }, repeat)
    return [Figure("Notebooks", f"strict nbval run of {len(notebooks)} notebook{'s' * (len(notebooks) > 1)}",
                   times["ours"], f"nbval run of {len(notebooks)} notebooks with one empty cell each (kernel start-up)",
                   times["floor"], repeat)]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    repeat = int(argv[0]) if argv else 3
    print(f"Notebooks (median of {repeat}):")
    for figure in measure(repeat):
        print(figure.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
