"""The session report: one self-contained HTML file (or a PDF of it) a client takes home.

The report is a notebook, :data:`REPORT_NOTEBOOK` (``session-report.ipynb``, shipped with the
package), so that a coach can open it and change it like the others. :func:`make_report`
runs it with papermill for one candidate as of one instant, exports it with nbconvert without
its code (``--no-input``) into a page that needs nothing from the network (the charts are
embedded PNGs), and for a ``.pdf`` prints that page with a headless Chromium.

What the notebook shows is written by :mod:`workbook.report.sections`, from the habits'
analysis, views and charts. papermill, nbconvert and Chromium are loaded or started only
by :func:`make_report`: ``import workbook`` loads none of them.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReportError

#: The report notebook papermill runs: its ``parameters`` cell takes ``log_target``,
#: ``candidate``, ``as_of`` (an ISO 8601 instant) and ``coach_note``.
REPORT_NOTEBOOK = Path(__file__).with_name("session-report.ipynb")
#: The nbconvert template: the classic one's cells in a small page of our own (no scripts,
#: no fonts, no style sheet from the network), with print rules that never cut a chart.
TEMPLATE = Path(__file__).with_name("session-report.html.j2")
#: The files a report is written as.
SUFFIXES = (".html", ".htm", ".pdf")
#: The browsers that can print the report to PDF, in the order looked for on the PATH.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: The longest the notebook may run, and Chromium may take to print, in seconds.
RUN_TIMEOUT = 300
PRINT_TIMEOUT = 120


def make_report(log_or_target, candidate: str, out, as_of=None, coach_note: str | None = None) -> Path:
    """Write the session report of ``candidate`` to ``out`` (``.html`` or ``.pdf``).

    Parameters
    ----------
    log_or_target : Log, str or Path
        The log (an open :class:`~workbook.store.log.Log`), or what
        :func:`~workbook.open_log` takes: a SQLite file or a database URL.
    candidate : str
        The candidate's name as the log holds it.
    out : str or Path
        The file to write: ``.html`` (one self-contained page) or ``.pdf`` (that page
        printed by a headless Chromium).
    as_of : datetime or str, optional
        The instant the report is made for (ISO 8601 with a UTC offset); by default
        ``$WORKBOOK_NOW`` if set, else the real clock.
    coach_note : str, optional
        A few words from the coach, shown at the end (as text, never as HTML).

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    ReportError
        The candidate is not in the log, ``out`` is neither ``.html`` nor ``.pdf`` or cannot be
        written, the report notebook stopped, or no Chromium is installed to print a PDF.
    WorkbookError
        ``as_of`` is not a time, or the log cannot be opened.
    """
    from ..instants import resolve_now

    out = Path(out).expanduser().absolute()
    if out.suffix.lower() not in SUFFIXES:
        raise ReportError(f"{out.name}: a report is written as .html or .pdf, not as "
                          f"{out.suffix or 'a file without an extension'}")
    if not out.parent.is_dir():
        raise ReportError(f"cannot write the report to {out}: the folder {out.parent} does not exist")
    now = resolve_now(as_of)
    target = _check_candidate(log_or_target, candidate)
    browser = _chromium() if out.suffix.lower() == ".pdf" else None
    with tempfile.TemporaryDirectory(prefix="workbook-report-") as work:
        work = Path(work)
        page = _export_html(_execute(target, candidate, now, coach_note, work), candidate)
        try:
            if browser is None:
                out.write_text(page, encoding="utf-8")
            else:
                html_file = work / "session-report.html"
                html_file.write_text(page, encoding="utf-8")
                _print_pdf(browser, html_file, out, work)
        except OSError as error:
            raise ReportError(f"cannot write the report to {out}: {error.strerror or error}") from None
    return out


def report_file_name(candidate: str, as_of=None, suffix: str = ".html") -> str:
    """A file name for a report: ``session-report-priya-raman-2026-11-20.html`` (the date in
    UTC), made of letters, digits and dashes only."""
    from ..instants import resolve_now

    words = "".join(ch if ch.isalnum() else " " for ch in candidate.lower()).split()
    return f"session-report-{'-'.join(words) or 'candidate'}-{resolve_now(as_of):%Y-%m-%d}{suffix}"


# -- the steps ---------------------------------------------------------------------------

def _check_candidate(log_or_target, candidate: str) -> str:
    """The log's target as text for the report's kernel, once the log is known to hold
    ``candidate``: an unknown name is told at once, before a kernel starts."""
    from ..store import Log, open_log

    if isinstance(log_or_target, Log):
        log, opened = log_or_target, False
    else:
        log, opened = open_log(log_or_target), True
    from .sections import known_candidate

    try:
        known_candidate(log, candidate)
        return _target_text(log)
    finally:
        if opened:
            log.close()


def _target_text(log) -> str:
    """What the report's kernel opens: a SQLite log's file, or the database's URL. The URL
    keeps the password before the host (one given as ``?password=`` is not in ``log.url``:
    libpq's ``PGPASSWORD`` or ``~/.pgpass`` reach the kernel as they reach this process). It
    stays in the temporary notebook papermill runs, removed after, never in the report,
    whose code is left out."""
    if log.url.get_backend_name() == "sqlite":
        # The kernel runs in a folder of its own: a relative path is taken from here.
        return str(Path(log.url.database).resolve())
    return log.url.render_as_string(hide_password=False)


def _execute(target: str, candidate: str, now, coach_note: str | None, work: Path):
    """The report notebook run by papermill in a kernel of this Python, as a notebook node."""
    import nbformat
    import papermill
    import zmq
    from jupyter_client.kernelspec import NoSuchKernel
    from papermill.exceptions import PapermillException, PapermillExecutionError
    from traitlets.config import Config

    executed = work / "session-report.ipynb"
    # The kernel talks over loopback TCP: encrypted (CurveZMQ) where pyzmq can, which also
    # keeps the kernel's warning about plain text off the terminal of `workbook report`.
    config = Config({"KernelManager": {"transport_encryption": "auto" if zmq.has("curve") else "disabled"}})
    parameters = {"log_target": target, "candidate": candidate, "as_of": now.isoformat(),
                  "coach_note": coach_note or None}
    try:
        papermill.execute_notebook(
            str(REPORT_NOTEBOOK), str(executed), parameters=parameters, kernel_name="python3",
            cwd=str(work), progress_bar=False, log_output=False, execution_timeout=RUN_TIMEOUT,
            config=config,
            # The kernel's own log (a KeyboardInterrupt at shutdown) is not the report's business;
            # what goes wrong in a cell comes back as the cell's error.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except PapermillExecutionError as error:
        # The kernel's own error, without its traceback: a WorkbookError's message says it all.
        said = "; ".join(line.strip() for line in str(error.evalue).splitlines() if line.strip())
        raise ReportError(f"the report for {candidate} could not be made: {said or error.ename}") from None
    except (NoSuchKernel, PapermillException, RuntimeError, TimeoutError) as error:
        said = " ".join(str(error).split()) or type(error).__name__
        raise ReportError(f"the report notebook could not run: {said}") from None
    return nbformat.read(executed, as_version=4)


def _export_html(notebook, candidate: str) -> str:
    """The executed notebook as one page: outputs only, no code, no prompts, no stderr."""
    from nbconvert import HTMLExporter

    # The page shows no live widget (none is drawn): no widget state, which would come with its script.
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type == "code":  # a warning on stderr is for whoever edits the notebook, not the client
            cell.outputs = [o for o in cell.outputs if o.get("name") != "stderr"]
    exporter = HTMLExporter(
        template_name="classic", extra_template_paths=[str(TEMPLATE.parent)], template_file=TEMPLATE.name,
        anchor_link_text="", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
    )
    page, _resources = exporter.from_notebook_node(
        notebook, resources={"metadata": {"name": f"Session report: {candidate}"}})
    return page


def _chromium() -> str:
    """The headless browser that prints the PDF, or a ReportError saying how to get one."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ReportError("cannot print a PDF: no Chromium found (looked for " + ", ".join(CHROMIUM_NAMES)
                      + "); install the chromium package, or write the report as .html")


def _print_pdf(browser: str, html_file: Path, out: Path, work: Path) -> None:
    """Print ``html_file`` to ``out`` with a headless Chromium, without its header and footer."""
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={work / 'chromium'}", f"--print-to-pdf={out}",
        html_file.as_uri(),
    ]
    out.unlink(missing_ok=True)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PRINT_TIMEOUT, cwd=work)
    except subprocess.TimeoutExpired:
        raise ReportError(f"Chromium took more than {PRINT_TIMEOUT} s to print the report; try again, "
                          "or write it as .html") from None
    if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise ReportError(f"Chromium could not print the report to {out} (exit status {done.returncode}"
                          + (f": {lines[-1].strip()}" if lines else "") + ")")
