"""The session report from notebook 04, in a real browser, as a coach and their client use it:
run the notebook in JupyterLab, type a note for the client, press "Make the session report",
take the download link the widget offers, and open the downloaded page from the disk (file://)
in the same Chromium, as a client opens a file they were given.

The page must look whole there: every chart drawn (its image decoded, not a broken icon), the
candidate's name and every section under its heading, the coach's note, no code and no
traceback; and it must ask nothing of the network: the only requests it makes are for the file
itself (file:) and its embedded images (data:). The page's HTML and the PDF are checked as
files in tests/test_report.py; this is what a person sees of them.

The report is of the notebook's own candidate (Marcus Okafor, of the sample); making it writes
nothing to the shared log. It is saved beside the notebook in the server's copy.
"""

from __future__ import annotations

import re

import pytest

from workbook.report import report_file_name
from workbook.sample import SAMPLE_NOW

from ..test_report import CHARTS, SECTIONS
from .lab import _command, cell_problems, open_notebook
from .test_notebooks_in_browser import expect

pytestmark = pytest.mark.browser

NOTEBOOK = "04-my-follow-up-habits"
CANDIDATE = "Marcus Okafor"  # the notebook's candidate
COACH_NOTE = "Marcus: send the Halvorsen notes tonight & keep the 24-hour habit."
#: What the page must never show: code of the report notebook, prompts, a traceback.
NOT_SHOWN = ("Traceback", "Error", "In [", "Out[", "import workbook", "log_target", "sections.", "papermill")

#: The cells of notebook 04 the button needs, by what they hold: the log and the candidate, then
#: the button. (Every cell of the notebook is run in test_notebooks_in_browser.py.)
CELLS = ("workbook.open_log()", "SessionReport(log, candidate=candidate)")

# Select the code cell holding a text (the first), as a click on it does; its index, or -1.
_SELECT_CELL = """text => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    const index = notebook.widgets.findIndex(
        cell => cell.model.type === 'code' && cell.model.sharedModel.getSource().includes(text));
    if (index >= 0) { notebook.deselectAll(); notebook.activeCellIndex = index; }
    return index;
}"""
_CELL_RAN = """index => {
    const panel = window.jupyterapp.shell.currentWidget;
    return panel.content.widgets[index].model.executionCount !== null
        && panel.sessionContext.session.kernel.status === 'idle';
}"""


def run_cells(page, texts) -> None:
    """Clear every output (the stored ones too), then run the cells holding ``texts``, one
    after the other, as a person does with Shift+Enter."""
    _command(page, "notebook:clear-all-cell-outputs")
    page.wait_for_function("""() => window.jupyterapp.shell.currentWidget.content.widgets
        .every(cell => cell.model.type !== 'code' || cell.model.executionCount === null)""")
    for text in texts:
        index = page.evaluate(_SELECT_CELL, text)
        assert index >= 0, f"{NOTEBOOK} has no cell holding {text!r}"
        _command(page, "notebook:run-cell")
        page.wait_for_function(_CELL_RAN, arg=index, polling=100)


# What a person sees of the page: its headings, its text, its images as drawn, and whether
# anything of a notebook (a code cell, a prompt, an error output) is in it.
_WHAT_IS_SHOWN = """() => ({
    title: document.title,
    h1: Array.from(document.querySelectorAll('h1')).map(h => h.innerText.trim()),
    h2: Array.from(document.querySelectorAll('h2')).map(h => h.innerText.trim()),
    text: document.body.innerText,
    images: Array.from(document.images).map(image => ({
        complete: image.complete, naturalWidth: image.naturalWidth, naturalHeight: image.naturalHeight,
        shownWidth: image.getBoundingClientRect().width, right: image.getBoundingClientRect().right,
        scheme: image.currentSrc.split(':')[0],
    })),
    pageWidth: document.documentElement.clientWidth,
    notebookParts: document.querySelectorAll(
        '.input, .input_area, .prompt, .jp-InputArea, .output_error, .output_stderr, script, link').length,
})"""


def test_the_report_made_in_notebook_04_opens_offline_and_looks_whole(page, lab_server, screenshots, tmp_path):
    name = report_file_name(CANDIDATE, SAMPLE_NOW)
    saved = lab_server.folder / "notebooks" / name  # beside the notebook (the kernel's folder)
    saved.unlink(missing_ok=True)

    # In JupyterLab: run the cells it needs, then use the widget as a coach does.
    open_notebook(page, lab_server, NOTEBOOK)
    run_cells(page, CELLS)
    assert cell_problems(page) == [], f"{NOTEBOOK}: cells failed"
    widget = page.locator(".jp-Notebook .jp-OutputArea-output > .widget-box").filter(
        has=page.get_by_role("button", name="Make the session report"))
    expect(widget).to_have_count(1)
    expect(widget.get_by_label("Candidate", exact=True)).to_have_value(CANDIDATE)
    widget.get_by_label("Coach's note", exact=True).fill(COACH_NOTE)
    button = widget.get_by_role("button", name="Make the session report")
    button.click()
    # While it is made (some seconds): said, and the button off, so a second press does not queue another.
    expect(widget).to_contain_text(f"Making {CANDIDATE}'s report…")
    expect(button).to_be_disabled()
    link = widget.get_by_role("link", name=f"⬇ Download {name}")
    expect(link).to_be_visible(timeout=60_000)  # papermill starts a kernel: some seconds
    expect(widget).to_contain_text(f"{CANDIDATE}'s report is saved as {name} in ")
    expect(widget.get_by_text("⚠")).to_have_count(0)
    expect(button).to_be_enabled()
    assert saved.is_file(), f"not saved beside the notebook: {saved}"
    widget.screenshot(path=screenshots / "report-widget-04.png")
    assert page.problems.page_errors == [], f"uncaught errors in JupyterLab\n{page.problems}"

    # The link downloads the page, under its name, as saved beside the notebook.
    with page.expect_download() as downloading:
        link.click()
    download = downloading.value
    assert download.suggested_filename == name
    assert download.failure() is None
    downloaded = tmp_path / "Downloads" / name  # where the client keeps it
    download.save_as(downloaded)
    assert downloaded.read_bytes() == saved.read_bytes()

    # Opened from the disk in the same browser, everything it asks for recorded.
    report = page.context.new_page()
    requested: list[str] = []
    report.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    report.on("pageerror", lambda error: errors.append(str(error)))
    report.goto(downloaded.as_uri(), wait_until="load")
    report.wait_for_function("() => Array.from(document.images).every(image => image.complete)")
    shown = report.evaluate(_WHAT_IS_SHOWN)
    report.screenshot(path=screenshots / "session-report-in-chromium.png", full_page=True)

    assert requested and requested[0] == downloaded.as_uri(), requested  # the requests were recorded
    outside = [url for url in requested if not url.startswith(("file:", "data:"))]
    assert outside == [], f"the report asks the network (or the lab) for {outside}"
    assert errors == [], f"uncaught errors in the report: {errors}"

    assert shown["title"] == f"Session report: {CANDIDATE}"
    assert shown["h1"] == [f"Session report: {CANDIDATE}"]
    assert shown["h2"] == SECTIONS
    assert COACH_NOTE in shown["text"]
    images = shown["images"]
    assert len(images) == CHARTS, images
    for number, image in enumerate(images, 1):
        assert image["complete"] and image["naturalWidth"] > 0 and image["naturalHeight"] > 0, \
            f"chart {number} is not drawn: {image}"
        assert image["scheme"] == "data", f"chart {number} is not embedded: {image}"
        # Drawn large enough to read, and whole inside the window (not cut at its right edge).
        assert image["shownWidth"] > 300 and image["right"] <= shown["pageWidth"], f"chart {number}: {image}"

    assert shown["notebookParts"] == 0, "the report shows parts of the notebook (code, prompts, errors)"
    for text in NOT_SHOWN:
        assert text not in shown["text"], f"the report shows {text!r}"
    assert not re.search(r"\b\w+Error\b", shown["text"]), "the report shows an exception's name"
    report.close()
