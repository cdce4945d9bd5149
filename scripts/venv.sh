# Sourced by ./open-workbook, ./run-tests and ./run-benchmarks: make sure .venv holds the workbook with the
# extra named in $1 ("ui" or "test"), installing only when pyproject.toml has changed.
set -euo pipefail
# A log named by a relative path means one in the folder the command was typed in, also for
# the notebooks' kernels, which run in the person's workspace.
if [ -n "${WORKBOOK_LOG:-}" ] && [[ "$WORKBOOK_LOG" != *://* ]] && [[ "$WORKBOOK_LOG" != /* ]]; then
    export WORKBOOK_LOG="$PWD/$WORKBOOK_LOG"
fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."
extra="$1"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Follow-up Workbook needs Python 3.11 or newer as '$python' (set PYTHON=...)." >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv ..."
    "$python" -m venv .venv
fi
stamp=".venv/.installed-$extra-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "Installing the workbook and its [$extra] dependencies into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[$extra]"
    # Build matplotlib's font cache now: its one-time notice on stderr would otherwise land
    # in the first notebook cell that draws a chart.
    .venv/bin/python -c "import matplotlib.font_manager" 2>/dev/null
    touch "$stamp"
fi
