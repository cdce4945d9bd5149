"""The package as a person installs and imports it."""

from __future__ import annotations

import subprocess
import sys

import pytest


def loaded_after(code: str) -> list[str]:
    """Which of the heavy libraries are loaded after running ``code`` in a fresh interpreter."""
    code += "; import sys; print(sorted(m for m in ('matplotlib', 'ipywidgets', 'IPython', 'sqlalchemy') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return eval(result.stdout)


def test_import_workbook_loads_no_plotting_widget_or_database_toolkit():
    """`import workbook` stays fast: matplotlib, ipywidgets and IPython load only when used,
    SQLAlchemy with the first log opened."""
    assert loaded_after("import workbook") == []
    assert loaded_after("import workbook; workbook.open_log('sqlite://')") == ["sqlalchemy"]
    assert loaded_after("from workbook import review_note; from workbook.habits import views") == ["sqlalchemy"]


def test_names_the_package_does_not_have_are_an_attribute_error():
    import workbook

    assert "open_log" in dir(workbook)
    with pytest.raises(AttributeError, match="no_such_thing"):
        workbook.no_such_thing


def test_the_public_names_are_there():
    import workbook

    for name in workbook.__all__:
        assert hasattr(workbook, name), name
    assert issubclass(workbook.CsvImportError, workbook.WorkbookError)
    assert issubclass(workbook.UnknownTimeZoneError, workbook.InvalidValueError)
