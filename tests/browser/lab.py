"""JupyterLab on loopback, over a copy of the notebooks and a copy of the sample log, and a
notebook in a Chromium page driven as a person drives it.

Used by ``tests/browser/conftest.py``; importable on its own (no pytest in here) to poke at a
page by hand::

    from tests.browser.lab import LabServer
    with LabServer.start(folder) as server:
        print(server.url("01-log-an-interview"))
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import workbook
from workbook.sample import SAMPLE_NOW

REPO = Path(__file__).resolve().parents[2]
#: Debian's Chromium; never a browser downloaded by Playwright.
CHROMIUM = Path(os.environ.get("WORKBOOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: The notebooks, in the order a person uses them.
NOTEBOOKS = tuple(path.stem for path in sorted((REPO / "notebooks").glob("*.ipynb")))

#: JupyterLab settings of the test server only: every cell stays in the page (no windowing,
#: no blank screen after the last cell, so the whole notebook can be read and photographed),
#: and nothing asks the network.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none",
                                                                   "scrollPastEnd": False},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
}
STARTUP_TIMEOUT = 90  # seconds
# The mime type of a widget's view in an output area.
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def stop_process(process) -> None:
    """Stop a server's process: terminate it, then kill it if it has not ended in 15 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Playwright for Python is not importable ({error})"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    """A JupyterLab server of our own: its port, token, folders and process."""

    folder: Path
    port: int
    token: str
    process: subprocess.Popen
    output: Path
    log_path: Path
    timings: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook: str) -> str:
        """Where a notebook of the copy opens, with a fresh workspace (``reset``)."""
        return f"{self.base}/lab/tree/notebooks/{notebook}.ipynb?reset&token={self.token}"

    def api(self, path: str, method: str = "GET"):
        request = urllib.request.Request(f"{self.base}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        """End every session's kernel (each test opens its own), through the server's API."""
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def server_output(self, last: int = 4000) -> str:
        try:
            return self.output.read_text(errors="replace")[-last:]
        except OSError:
            return ""

    @classmethod
    def start(cls, folder: Path) -> "LabServer":
        """Copy the notebooks and a fresh sample log into ``folder`` and serve them.

        The server and the kernels it starts see ``WORKBOOK_LOG`` (the copy) and
        ``WORKBOOK_NOW`` (the sample's instant), and settings, workspaces and Jupyter
        configuration of their own in ``folder``: nothing of the person's leaks in or out.
        Raises RuntimeError with the server's output when it does not answer in time; the
        process is stopped then.
        """
        root, home = folder / "root", folder / "jupyter"
        shutil.copytree(REPO / "notebooks", root / "notebooks")
        log_path = folder / "browser-log.sqlite"
        workbook.sample_log(log_path).close()
        for name, settings in LAB_SETTINGS.items():
            path = home / "lab-settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings))
        for sub in ("config", "data", "runtime", "workspaces", "ipython"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        env = {**os.environ,
               "WORKBOOK_LOG": str(log_path), "WORKBOOK_NOW": SAMPLE_NOW,
               "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "IPYTHONDIR": str(home / "ipython"),
               "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
        env.pop("MPLBACKEND", None)  # the kernels draw inline
        env.pop("PYTEST_CURRENT_TEST", None)
        problems = []
        for _attempt in range(3):  # a port taken between choosing and binding: choose again
            port, token = _free_port(), secrets.token_hex(24)
            output = folder / f"jupyter-lab-{port}.log"
            command = [
                sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
                "--LabApp.news_url=None", "--LabApp.expose_app_in_browser=True",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                f"--LabApp.user_settings_dir={home / 'lab-settings'}",
                f"--LabApp.workspaces_dir={home / 'workspaces'}",
                "--ServerApp.terminals_enabled=False",
            ]
            with output.open("wb") as sink:
                process = subprocess.Popen(command, cwd=root, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                           stdin=subprocess.DEVNULL)
            server = cls(folder=root, port=port, token=token, process=process, output=output, log_path=log_path)
            try:
                server._wait_until_up()
                return server
            except RuntimeError as error:
                server.stop()
                problems.append(str(error))
                if "address already in use" not in server.server_output().lower():
                    break
        raise RuntimeError("JupyterLab did not start:\n" + "\n\n".join(problems))

    def _wait_until_up(self) -> None:
        started = time.monotonic()
        while time.monotonic() - started < STARTUP_TIMEOUT:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self.server_output()}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2) as answer:
                    if answer.status == 200:
                        self.timings["startup"] = time.monotonic() - started
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"no answer from /api/status in {STARTUP_TIMEOUT} s:\n{self.server_output()}")

    def stop(self) -> None:
        """Stop the server (it shuts its kernels down): terminate, then kill."""
        stop_process(self.process)

    def __enter__(self) -> "LabServer":
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


# -- a notebook in a page -----------------------------------------------------------------

_KERNEL_IDLE = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = panel && panel.sessionContext && panel.sessionContext.session
        && panel.sessionContext.session.kernel;
    return !!(kernel && kernel.status === 'idle' && panel.content && panel.content.widgets.length);
}"""

# Done: every code cell has an execution count and the kernel is idle, or run-all stopped at
# a cell that failed (its later cells never run).
_RUN_FINISHED = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
    const counted = cells.every(cell => cell.model.executionCount !== null);
    const failed = cells.some(cell => {
        const outputs = cell.model.outputs;
        for (let i = 0; i < outputs.length; i++) {
            if (outputs.get(i).type === 'error') return true;
        }
        return false;
    });
    return !!kernel && kernel.status === 'idle' && (counted || failed);
}"""

_CELL_COUNTS = """() => window.jupyterapp.shell.currentWidget.content.widgets
    .filter(cell => cell.model.type === 'code').map(cell => cell.model.executionCount)"""


def open_notebook(page, server: LabServer, name: str, timeout: float = 60_000) -> None:
    """Open a notebook of the copy in ``page`` and wait until its kernel is idle."""
    page.goto(server.url(name))
    page.wait_for_function(_KERNEL_IDLE, timeout=timeout)


def _command(page, name: str) -> None:
    """Start one of JupyterLab's commands, as a menu item does, without waiting on its promise:
    what it does is awaited by what follows. (Playwright awaiting the promise itself can fail
    with "Resulting promise was garbage collected" while a long run-all goes on; the promise
    is kept on the page instead.)"""
    page.evaluate("name => { window.__workbookCommand = window.jupyterapp.commands.execute(name); }", name)


def run_all(page, timeout: float = 90_000) -> list:
    """Clear every output (stored ones included, so nothing old is mistaken for new), run
    all cells as a person does from the Run menu, and wait until run-all is done; return the
    code cells' execution counts."""
    _command(page, "notebook:clear-all-cell-outputs")
    page.wait_for_function("""() => window.jupyterapp.shell.currentWidget.content.widgets
        .every(cell => cell.model.type !== 'code' || cell.model.executionCount === null)""")
    _command(page, "notebook:run-all-cells")
    page.wait_for_function(_RUN_FINISHED, timeout=timeout, polling=100)
    return page.evaluate(_CELL_COUNTS)


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)[:120]


# What went wrong in the cells of the notebook shown: error outputs and anything on stderr
# (a warning included), by cell.
_CELL_PROBLEMS = """() => {
    const problems = [];
    window.jupyterapp.shell.currentWidget.content.widgets.forEach((cell, index) => {
        if (cell.model.type !== 'code') return;
        const outputs = cell.model.outputs;
        for (let i = 0; i < outputs.length; i++) {
            const output = outputs.get(i).toJSON();
            if (output.output_type === 'error') {
                problems.push(`cell ${index}: ${output.ename}: ${output.evalue}`);
            } else if (output.output_type === 'stream' && output.name === 'stderr') {
                problems.push(`cell ${index} wrote to stderr: ${[].concat(output.text).join('')}`);
            }
        }
    });
    return problems;
}"""

# How many outputs of the notebook shown are widget views, by the model.
_WIDGET_OUTPUTS = """() => {
    let count = 0;
    window.jupyterapp.shell.currentWidget.content.widgets.forEach(cell => {
        if (cell.model.type !== 'code') return;
        const outputs = cell.model.outputs;
        for (let i = 0; i < outputs.length; i++) {
            if (outputs.get(i).data['application/vnd.jupyter.widget-view+json']) count++;
        }
    });
    return count;
}"""

_TWO_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
_SCROLLER = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"


def cell_problems(page) -> list[str]:
    return page.evaluate(_CELL_PROBLEMS)


def widget_outputs(page) -> int:
    return page.evaluate(_WIDGET_OUTPUTS)


def snap_notebook(page, path: Path, max_height: int = 15_000) -> Path:
    """A screenshot of the whole notebook shown, every cell (the window is made as tall as
    the notebook for it, the file browser folded away), then the window as it was."""
    if not page.evaluate("window.jupyterapp.shell.leftCollapsed"):
        _command(page, "application:toggle-left-area")
        page.wait_for_function("window.jupyterapp.shell.leftCollapsed")
    page.evaluate(f"document.querySelector({_SCROLLER!r}).scrollTop = 0")
    viewport = dict(page.viewport_size)
    try:
        for _ in range(3):  # a taller window can lay the notebook out again
            scroll_height = page.evaluate(f"document.querySelector({_SCROLLER!r}).scrollHeight")
            height = min(max(viewport["height"], scroll_height + 160), max_height)
            if height == page.viewport_size["height"]:
                break
            page.set_viewport_size({"width": viewport["width"], "height": height})
            page.evaluate(_TWO_FRAMES)  # the notebook lays itself out for the new size
        page.screenshot(path=path, full_page=True)
    finally:
        page.set_viewport_size(viewport)
    return path
