"""The app view in a real browser: ``./open-workbook --app`` serves the person's notebooks as
Voilà pages (widgets and charts, no code, no traceback), asks for a token as JupyterLab does,
and listens on the loopback address only.

The server is started the way ``./open-workbook --app`` starts it (``python -m
workbook.workspace FOLDER --workspace DIR --app``, the same code), once for this module, on a
workspace and a sample log of its own, at the sample's instant; the token is the one it
generates and prints. Every notebook is rendered in one page, one after the other (Voilà
starts a kernel per page), and their kernels are ended after each test.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import workbook
from workbook.config import NOTEBOOKS_DIR
from workbook.sample import SAMPLE_NOW
from workbook.workspace import APP_HIDDEN_TAG, app_command

from .lab import NOTEBOOKS, STARTUP_TIMEOUT, WIDGET_MIME, _free_port, safe_name, stop_process
from .test_notebooks_in_browser import expect

pytestmark = pytest.mark.browser

#: A notebook of the person's own (not one of the workbook's) whose cell fails, with a detail
#: in the error that must never reach the page.
BROKEN = "my-broken-notebook.ipynb"
SECRET = "the-secret-detail-of-a-failed-cell"
#: A text cell of that notebook meant for someone running the code, tagged to stay out of the app.
FOR_CODE_READERS = "Run the next cell with Shift+Enter"
#: What Voilà writes in place of a failed cell's output (tracebacks hidden).
FAILED_CELL = "There was an error when executing cell"
#: How the page looks when something went wrong, whatever the notebook.
TROUBLE = ("Traceback", FAILED_CELL, "Error displaying widget", "Error:", SECRET)


@dataclass
class AppServer:
    """``./open-workbook --app`` running on a workspace of the test's."""

    process: subprocess.Popen
    output: Path
    workspace: Path
    log_path: Path
    port: int
    token: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page_url(self, notebook: str, token: str | None = None) -> str:
        name = notebook if notebook.endswith(".ipynb") else f"{notebook}.ipynb"
        token = self.token if token is None else token
        return f"{self.base}/voila/render/{name}" + (f"?token={token}" if token else "")

    def server_output(self) -> str:
        return self.output.read_text(errors="replace")

    def get(self, path: str, token: str | None = None):
        """``(status, location, body)`` of a GET, redirects not followed."""
        headers = {"Authorization": f"token {token}"} if token else {}
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(urllib.request.Request(f"{self.base}{path}", headers=headers), timeout=30) as answer:
                return answer.status, answer.headers.get("Location"), answer.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location"), error.read().decode(errors="replace")

    def shut_down_kernels(self) -> None:
        """End every kernel (one per page opened): Voilà's own request to end a page's kernel is
        refused by the server's cross-site check (voila-dashboards/voila#1458)."""
        def end(kernel: dict) -> None:
            request = urllib.request.Request(f"{self.base}/api/kernels/{kernel['id']}", method="DELETE",
                                             headers={"Authorization": f"token {self.token}"})
            urllib.request.urlopen(request, timeout=30).close()

        kernels = json.loads(self.get("/api/kernels", self.token)[2])
        with ThreadPoolExecutor(max_workers=8) as pool:  # each takes a second or so: all at once
            list(pool.map(end, kernels))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _broken_notebook() -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# A notebook of my own"),
               nbformat.v4.new_markdown_cell(FOR_CODE_READERS, metadata={"tags": [APP_HIDDEN_TAG]}),
               nbformat.v4.new_code_cell(f'raise ValueError("{SECRET}")')],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """``./open-workbook --app --workspace DIR --no-browser`` on a free loopback port, on a
    fresh sample log; its kernels ended and the server stopped at the end."""
    folder = tmp_path_factory.mktemp("app-view")
    workspace, log_path = folder / "workspace", folder / "app-log.sqlite"
    workbook.sample_log(log_path).close()
    workspace.mkdir()
    nbformat.write(_broken_notebook(), workspace / BROKEN)
    home = folder / "jupyter"
    for sub in ("config", "data", "runtime", "ipython"):
        (home / sub).mkdir(parents=True)
    env = {**os.environ, "WORKBOOK_LOG": str(log_path), "WORKBOOK_NOW": SAMPLE_NOW,
           "XDG_DATA_HOME": str(folder / "data"),
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "IPYTHONDIR": str(home / "ipython")}
    env.pop("MPLBACKEND", None)  # the kernels draw inline
    env.pop("PYTEST_CURRENT_TEST", None)
    port = _free_port()
    output = folder / "open-workbook-app.log"
    # No token given: the server makes one and prints it in its address, as for a person.
    command = [sys.executable, "-m", "workbook.workspace", str(folder), "--workspace", str(workspace),
               "--app", "--no-browser", f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    with output.open("wb") as sink:
        process = subprocess.Popen(command, cwd=folder, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    server = AppServer(process=process, output=output, workspace=workspace, log_path=log_path, port=port)
    try:
        started = time.monotonic()
        while not server.token:
            if process.poll() is not None or time.monotonic() - started > STARTUP_TIMEOUT:
                pytest.fail(f"./open-workbook --app did not start:\n{server.server_output()[-4000:]}")
            found = re.search(rf"http://127\.0\.0\.1:{port}/voila/render/00-start-here\.ipynb\?token=(\w+)",
                              server.server_output())
            if found and server.get(f"/api/status?token={found[1]}")[0] == 200:
                server.token = found[1]
            else:
                time.sleep(0.2)
        yield server
    finally:
        try:
            if process.poll() is None and server.token:
                server.shut_down_kernels()
        finally:
            stop_process(process)


@pytest.fixture
def app_page(page, app_server):
    """The conftest's page (a screenshot at a failure); the app's kernels ended afterwards."""
    try:
        yield page
    finally:
        try:
            app_server.shut_down_kernels()
        except OSError:
            pass


def rendered(page, server: AppServer, notebook: str):
    """Open a notebook's page and wait until Voilà has run it all and shown it."""
    page.goto(server.page_url(notebook))
    page.locator("#rendered_cells").wait_for(state="visible", timeout=60_000)
    expect(page.locator("#loading")).to_have_count(0)
    return page.locator("#rendered_cells")


def stored(notebook: str) -> tuple[int, int, list[str]]:
    """What the project's stored notebook shows: widget views and charts (PNG) among its
    outputs, and the lines of its code that no text cell quotes (so none is on the page)."""
    cells = nbformat.read(NOTEBOOKS_DIR / f"{notebook}.ipynb", as_version=4).cells
    outputs = [output for cell in cells if cell.cell_type == "code" for output in cell.outputs]
    widgets = sum(WIDGET_MIME in output.get("data", {}) for output in outputs)
    charts = sum("image/png" in output.get("data", {}) for output in outputs)
    prose = "\n".join(cell.source for cell in cells if cell.cell_type != "code")
    code = [line.strip() for cell in cells if cell.cell_type == "code" for line in cell.source.splitlines()]
    return widgets, charts, [line for line in code if len(line) >= 12 and line not in prose]


# -- (1) no token, no page ----------------------------------------------------------------

def test_without_the_token_nothing_is_served(app_server, app_page):
    heading = "Log an interview"  # on the page of 01, with the token
    for path in ("/voila/render/01-log-an-interview.ipynb", "/voila/render/01-log-an-interview.ipynb?token=wrong",
                 "/voila/tree", "/voila", "/api/contents/01-log-an-interview.ipynb",
                 "/files/01-log-an-interview.ipynb", "/api/kernels"):
        status, location, body = app_server.get(path)
        assert status in (302, 403), (path, status)
        if status == 302:
            assert location.startswith("/login?"), (path, location)
        assert heading not in body and "open_log" not in body, path

    # A person following the address without its token is asked for it, and sees nothing else.
    app_page.goto(app_server.page_url("01-log-an-interview", token=""))
    assert "/login" in app_page.url
    expect(app_page.get_by_text(re.compile("token", re.IGNORECASE)).first).to_be_visible()
    assert heading not in app_page.content()
    assert app_page.problems.page_errors == []


# -- (2) every notebook, as an app --------------------------------------------------------

def test_every_notebook_renders_without_code_or_error(app_server, app_page, screenshots):
    page = app_page
    for notebook in NOTEBOOKS:
        cells = rendered(page, app_server, notebook)
        widgets, charts, code_lines = stored(notebook)
        # Widget views and charts: as many as the stored notebook has, all drawn.
        if widgets:
            expect(cells.locator(".jp-OutputArea-output > .widget-box")).to_have_count(widgets)
        assert cells.locator(".jp-OutputArea-output img").count() >= charts, notebook
        page.screenshot(path=screenshots / f"app-{safe_name(notebook)}.png")
        # No code: no code cell's input, and no line of the notebook's code anywhere in the page.
        assert page.locator(".jp-CodeCell:not(.jp-mod-noInput), .jp-CodeCell .jp-InputArea, .jp-InputPrompt, .cm-editor").count() == 0
        assert cells.locator(".jp-MarkdownCell").count() > 0, notebook  # the text cells are shown
        html = page.content()
        assert [line for line in code_lines if line in html] == [], notebook
        # No error: nothing on stderr, no error output, no traceback, no broken widget.
        assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0, notebook
        text = cells.inner_text()
        assert [word for word in TROUBLE if word in text] == [], notebook
        assert page.problems.page_errors == [], (notebook, page.problems.page_errors)
        if notebook == "00-start-here":  # the same log as the notebooks: the one the server was given
            expect(cells).to_contain_text(f"Your log: {app_server.log_path}")


def test_a_failed_cell_shows_no_traceback_and_a_tagged_cell_stays_out(app_server, app_page):
    cells = rendered(app_page, app_server, BROKEN)
    expect(cells).to_contain_text("A notebook of my own")
    expect(cells).not_to_contain_text(FOR_CODE_READERS)  # tagged hide-in-app
    expect(cells).to_contain_text(FAILED_CELL)
    expect(cells).to_contain_text("Open the workbook in JupyterLab (./open-workbook) to see why.")
    html = app_page.content()
    assert SECRET not in html and "ValueError" not in html and "Traceback" not in html


# -- (3) the interview form saves through it ----------------------------------------------

def test_the_interview_form_saves_to_the_log(app_server, app_page):
    cells = rendered(app_page, app_server, "01-log-an-interview")
    form = cells.locator(".jp-OutputArea-output > .widget-box").filter(
        has=app_page.get_by_label("Open a logged interview", exact=True))
    expect(form).to_have_count(1)
    form.get_by_label("Candidate", exact=True).fill("Tove Lindahl")
    form.get_by_label("Company", exact=True).fill("Nordlys App Studio")
    form.get_by_label("Role", exact=True).fill("Data analyst")
    form.get_by_label("Date", exact=True).fill("2026-11-20")
    form.get_by_label("Start time", exact=True).fill("09:00")
    form.get_by_label("End time", exact=True).fill("10:00")
    form.get_by_label("Time zone", exact=True).fill("Europe/Oslo")
    form.get_by_label("Name", exact=True).fill("Sigrun Dahl")
    form.get_by_role("button", name="Save interview").click()
    said = form.get_by_text(re.compile("^Added candidate Tove Lindahl. Saved interview "))
    expect(said).to_be_visible()
    assert "1 person met" in said.inner_text()

    with workbook.open_log(app_server.log_path) as log:
        interviews = log.interviews()
        mine = interviews[interviews["company"] == "Nordlys App Studio"]
        assert len(mine) == 1
        row = mine.iloc[0]
        assert (row["role"], row["starts_at"]) == ("Data analyst", pd.Timestamp("2026-11-20T08:00Z"))
        met = log.interviewers()
        assert met.loc[met["interview_id"] == row["interview_id"], "name"].tolist() == ["Sigrun Dahl"]
    assert app_page.problems.page_errors == []


# -- (4) loopback only --------------------------------------------------------------------

def _listening_addresses(port: int) -> set[str]:
    """The addresses a TCP socket on this machine listens on at ``port`` (Linux's /proc)."""
    found = set()
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            # The kernel writes each 32-bit word in the machine's (little-endian) order.
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, width, 4)) if sys.byteorder == "little" else raw
            found.add(str(ipaddress.ip_address(raw)))
    return found


def _other_addresses() -> set[str]:
    """This machine's own addresses that are not 127.0.0.1 (its name's, its outgoing one)."""
    addresses = {"127.0.1.1"}  # loopback too, but not the address the server was given
    try:
        addresses.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    except OSError:
        pass
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: only the route is looked up
            addresses.add(probe.getsockname()[0])
        except OSError:
            pass
    return addresses - {"127.0.0.1", "0.0.0.0"}


def test_it_listens_on_the_loopback_address_only(app_server):
    assert f"http://127.0.0.1:{app_server.port}/voila/render/00-start-here.ipynb?token=" in app_server.server_output()
    assert _listening_addresses(app_server.port) == {"127.0.0.1"}
    for address in _other_addresses():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(5)
            assert sock.connect_ex((address, app_server.port)) != 0, address


def test_the_persons_own_server_options_are_taken_as_given(tmp_path):
    """``./open-workbook --app --port 8899 --MappingKernelManager.cull_idle_timeout=60``, read
    by Jupyter's server as the app view passes it: the person's settings replace the app
    view's (a setting given twice would stop the server), the others stay."""
    from jupyter_server.serverapp import ServerApp

    command = app_command(tmp_path, ["--port=8899", "--MappingKernelManager.cull_idle_timeout=60"])
    assert command[1:3] == ["-m", "jupyter_server"]
    server = ServerApp()
    server.parse_command_line(command[3:])
    assert (server.port, server.ip, Path(server.root_dir)) == (8899, "127.0.0.1", tmp_path)
    assert server.config.MappingKernelManager.cull_idle_timeout == 60
    from voila.configuration import VoilaConfiguration

    voila = VoilaConfiguration(config=server.config)
    assert (voila.show_tracebacks, voila.strip_sources) == (False, True)
    extensions = server.config.ServerApp.jpserver_extensions
    assert extensions.pop("voila.server_extension") is True and not any(extensions.values())
