"""The package as a person installs and imports it."""

from __future__ import annotations

import subprocess
import sys


def test_import_workbook_loads_no_plotting_or_widget_toolkit():
    """`import workbook` stays fast: matplotlib, ipywidgets and IPython load only when used."""
    code = "import sys, workbook; print(sorted(m for m in ('matplotlib', 'ipywidgets', 'IPython') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_public_names_are_there():
    import workbook

    for name in workbook.__all__:
        assert hasattr(workbook, name), name
    assert issubclass(workbook.CsvImportError, workbook.WorkbookError)
    assert issubclass(workbook.UnknownTimeZoneError, workbook.InvalidValueError)
