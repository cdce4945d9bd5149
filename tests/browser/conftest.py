"""The real browser: one JupyterLab server and one Chromium for the whole session, a fresh
browser context and page for each test.

The server serves a copy of ``notebooks/`` and a fresh copy of the sample log, with
``WORKBOOK_LOG`` and ``WORKBOOK_NOW`` (the sample's instant) in its environment, so the
kernels it starts inherit them: the repository's stored notebooks and the person's own log are
never touched. Where there is no Chromium (or no Playwright) the tests skip, unless
``WORKBOOK_REQUIRE_BROWSER=1`` (CI), where that is a failure.

Screenshots of every notebook after it ran, and of the page at a failure, go to
``$WORKBOOK_SCREENSHOTS`` if set, else to a folder under pytest's temporary directory; the
folder and the suite's time are printed at the end of the run.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from .lab import CHROMIUM, CHROMIUM_ARGS, LabServer, browser_missing, safe_name, snap_notebook

_CLOCK: dict[str, float] = {}
_SCREENSHOTS: list[Path] = []


def _require_browser() -> None:
    reason = browser_missing()
    if reason is None:
        return
    if os.environ.get("WORKBOOK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"WORKBOOK_REQUIRE_BROWSER=1, but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (WORKBOOK_REQUIRE_BROWSER=1 makes this a failure)")


# -- the suite's time and where its screenshots are ---------------------------------------

def pytest_runtest_setup(item):
    if item.get_closest_marker("browser") is not None:
        _CLOCK.setdefault("start", time.monotonic())


def pytest_runtest_logfinish(nodeid, location):
    if "start" in _CLOCK and "/browser/" in nodeid.replace("\\", "/"):
        _CLOCK["end"] = time.monotonic()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so a fixture can tell that the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def pytest_terminal_summary(terminalreporter):
    if "start" in _CLOCK:
        seconds = _CLOCK.get("end", time.monotonic()) - _CLOCK["start"]
        terminalreporter.write_line(f"browser suite: {seconds:.0f} s")
    if _SCREENSHOTS:
        terminalreporter.write_line(f"browser screenshots: {_SCREENSHOTS[0]}")


# -- the server, the browser, a page ------------------------------------------------------

@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """The folder of this run's screenshots."""
    chosen = os.environ.get("WORKBOOK_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("browser-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    _SCREENSHOTS.append(folder)
    return folder


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """JupyterLab on a free loopback port with a random token, over a copy of the notebooks
    and a fresh sample log; always stopped at the end (terminate, then kill)."""
    _require_browser()
    server = LabServer.start(tmp_path_factory.mktemp("jupyter-lab"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser(lab_server):
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class PageProblems:
    """What went wrong in a page: uncaught errors (which fail a test) and console errors
    (kept, shown when a test fails)."""

    def __init__(self, page):
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))

    def __str__(self) -> str:
        return f"page errors: {self.page_errors}\nconsole errors: {self.console_errors}"


@pytest.fixture
def page(request, browser, lab_server, screenshots):
    """A page in a browser context of its own; its kernels are shut down afterwards, and a
    screenshot is kept when the test fails."""
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.problems = PageProblems(page)
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            path = screenshots / f"FAILED-{safe_name(request.node.name)}.png"
            try:
                try:  # the whole notebook, if one is open
                    snap_notebook(page, path)
                except Exception:  # noqa: BLE001 -- else what the window shows
                    page.screenshot(path=path, full_page=True)
                print(f"\nscreenshot of the failure: {path}\n{page.problems}")
            except Exception as error:  # noqa: BLE001 -- the failure itself is what matters
                print(f"\nno screenshot of the failure: {error}")
        context.close()
        try:
            lab_server.shut_down_kernels()
        except OSError:
            pass
