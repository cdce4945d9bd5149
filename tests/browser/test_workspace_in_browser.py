"""The person's own notebooks in a real browser: the real ``./open-workbook --workspace DIR``
started as a person starts it (with the extra arguments it passes on to JupyterLab: no
browser of its own, a port and a token of the test's), and Chromium on the address it prints.

It lands on 00-start-here, without the "Would you like to get notified about official Jupyter
news?" question; JupyterLab sees the workspace and nothing else; a cell of 03 edited and saved
with Ctrl+S changes the person's copy and leaves the project's notebooks byte for byte as they
were.

The server gets Jupyter folders of its own (settings, workspaces, runtime), so that nothing of
the machine's ``~/.jupyter`` (a news answer given there, say) makes the test pass; the log and
"now" are the test session's (``WORKBOOK_LOG``, ``WORKBOOK_NOW``, set by the root conftest).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from workbook.config import NOTEBOOKS_DIR, REPO_ROOT

from .lab import STARTUP_TIMEOUT, safe_name, stop_process

pytestmark = pytest.mark.browser

NEWS_QUESTION = "Would you like to get notified about official Jupyter news?"
EDIT = "# Zoë Müller asked for my portfolio: send it on Monday (an edit of my own)"
TRACKER = "03-sent-notes-and-outcomes.ipynb"


def digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OpenWorkbook:
    """``./open-workbook`` running, serving JupyterLab on a workspace."""

    def __init__(self, folder: Path, workspace: Path):
        self.folder, self.workspace = folder, workspace
        folder.mkdir(parents=True, exist_ok=True)
        self.port, self.token = _free_port(), secrets.token_hex(24)
        self.output = folder / f"open-workbook-{self.port}.log"
        home = folder / "jupyter"
        for sub in ("config", "data", "runtime", "ipython", "lab-settings", "lab-workspaces"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        env = {**os.environ,
               "XDG_DATA_HOME": str(folder / "data"),
               "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "IPYTHONDIR": str(home / "ipython"),
               "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(home / "lab-workspaces")}
        env.pop("MPLBACKEND", None)
        env.pop("PYTEST_CURRENT_TEST", None)
        command = [str(REPO_ROOT / "open-workbook"), "--workspace", str(workspace),
                   "--no-browser", "--port", str(self.port), "--ServerApp.ip=127.0.0.1",
                   "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                   "--LabApp.expose_app_in_browser=True", "--ServerApp.terminals_enabled=False"]
        with self.output.open("wb") as sink:
            self.process = subprocess.Popen(command, cwd=folder, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def printed(self) -> str:
        return self.output.read_text(errors="replace")

    def wait_until_up(self) -> None:
        started = time.monotonic()
        while time.monotonic() - started < STARTUP_TIMEOUT + 60:  # + setting up the workspace
            if self.process.poll() is not None:
                raise RuntimeError(f"open-workbook exited with {self.process.returncode}:\n{self.printed()[-4000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"no answer from /api/status:\n{self.printed()[-4000:]}")

    def api(self, path: str):
        request = urllib.request.Request(f"{self.base}{path}", headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read())

    def stop(self) -> None:
        stop_process(self.process)


@pytest.fixture
def chromium(browser):
    """The session's Chromium (tests/browser/conftest.py): one Playwright per test session."""
    return browser


@pytest.fixture
def open_workbook(tmp_path):
    """``./open-workbook`` serving a workspace in a new folder ("my notebooks"); stopped after."""
    for attempt in range(3):  # a port taken between choosing and binding: choose again
        server = OpenWorkbook(tmp_path / f"run-{attempt}", tmp_path / "my notebooks")
        try:
            server.wait_until_up()
            break
        except RuntimeError:
            server.stop()
            if attempt == 2 or "address already in use" not in server.printed().lower():
                raise
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def project_before() -> dict[str, str]:
    """The project's notebooks, hashed before ./open-workbook starts."""
    return digests(NOTEBOOKS_DIR)


_CURRENT_PATH = "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget; " \
                "return w && w.context ? w.context.path : null; }"


def test_the_person_works_in_their_own_copies_and_the_projects_notebooks_never_change(
        project_before, open_workbook, chromium, screenshots, request):
    from playwright.sync_api import expect

    workspace = open_workbook.workspace
    copy_before = (workspace / TRACKER).read_bytes()
    printed = open_workbook.printed()
    assert f"Your notebooks: {workspace} (your own copies" in printed

    # JupyterLab sees the workspace, and nothing of the repository.
    listed = sorted(item["name"] for item in open_workbook.api("/api/contents")["content"])
    assert listed == sorted(path.name for path in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    # The workbook's JupyterLab never asks about news (its shipped setting, not the machine's).
    notification = open_workbook.api("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert notification["schema"]["properties"]["fetchNews"]["default"] == "false"
    assert notification["settings"] == {}  # nobody answered: the question would be asked without it

    # The address it prints for the person to open is 00-start-here (it hides a token given
    # to it); the server's bare address leads there too.
    assert f"http://127.0.0.1:{open_workbook.port}/lab/tree/00-start-here.ipynb?token=" in printed

    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        page.goto(f"{open_workbook.base}/?token={open_workbook.token}")
        # It lands on 00-start-here, a notebook of the workspace.
        page.wait_for_function(f"() => ({_CURRENT_PATH})() === '00-start-here.ipynb'", timeout=60_000)
        page.wait_for_function("() => { const s = window.jupyterapp.shell.currentWidget.sessionContext.session;"
                               " return !!(s && s.kernel && s.kernel.status === 'idle'); }", timeout=60_000)
        expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell").first).to_be_visible()
        # The news question is asked, if at all, once the app is restored and its settings
        # loaded: well before a kernel is idle. Give it a moment more, then look.
        page.wait_for_timeout(2000)
        assert page.get_by_text(NEWS_QUESTION).count() == 0
        assert page.locator(".Toastify__toast").count() == 0

        # A cell of 03 edited and saved with Ctrl+S, as a person does.
        page.goto(f"{open_workbook.base}/lab/tree/{TRACKER}?token={open_workbook.token}")
        page.wait_for_function(f"() => ({_CURRENT_PATH})() === '{TRACKER}'", timeout=60_000)
        first_code = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .cm-content").first
        first_code.click()
        page.keyboard.press("Control+Home")
        page.keyboard.type(EDIT)
        page.keyboard.press("Enter")
        page.keyboard.press("Control+s")
        deadline = time.monotonic() + 30
        while (workspace / TRACKER).read_bytes() == copy_before and time.monotonic() < deadline:
            time.sleep(0.2)
        page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")
        assert page_errors == []
    except Exception:
        path = screenshots / f"FAILED-{safe_name(request.node.name)}.png"
        page.screenshot(path=path, full_page=True)
        print(f"\nscreenshot of the failure: {path}\nserver output:\n{open_workbook.printed()[-3000:]}")
        raise
    finally:
        context.close()

    saved = nbformat.read(workspace / TRACKER, as_version=4)
    first = next(cell for cell in saved.cells if cell.cell_type == "code")
    assert first.source.startswith(EDIT + "\n")
    assert digests(NOTEBOOKS_DIR) == project_before
    assert EDIT not in (NOTEBOOKS_DIR / TRACKER).read_text(encoding="utf-8")
