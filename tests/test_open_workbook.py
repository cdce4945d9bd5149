"""`./open-workbook`, the README's first command, as a person runs it: it says which log it
opened and where the person's own notebooks are before JupyterLab starts (here asked only for
its version, so that nothing keeps running). The person's data folder is a temporary one
(``XDG_DATA_HOME``), so that no test makes a workspace in the real one."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.config import NOTEBOOKS_DIR, REPO_ROOT
from workbook.habits.views import FIRST_STEP

# platformdirs follows XDG_DATA_HOME on Linux and the BSDs only.
xdg_only = pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the data folder follows XDG_DATA_HOME on Linux only")


def open_workbook(log: str, data: Path, *arguments: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess:
    environment = dict(os.environ, WORKBOOK_LOG=log, XDG_DATA_HOME=str(data))
    return subprocess.run([str(REPO_ROOT / "open-workbook"), *arguments, "--version"], env=environment, cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_it_names_the_log_and_says_what_to_do_on_an_empty_one(tmp_path):
    done = open_workbook(str(tmp_path / "my-log.sqlite"), tmp_path / "data", "--workspace", str(tmp_path / "mine"))
    assert done.returncode == 0, done.stderr
    assert f"Your log: {tmp_path / 'my-log.sqlite'}" in done.stdout
    assert FIRST_STEP in done.stdout


@xdg_only
def test_it_opens_the_persons_own_notebooks_in_their_data_folder(tmp_path):
    project = digests(NOTEBOOKS_DIR)
    (tmp_path / "elsewhere").mkdir()  # a log named by WORKBOOK_LOG: the notebooks stay in the data folder
    done = open_workbook(str(tmp_path / "elsewhere" / "my-log.sqlite"), tmp_path / "data")
    assert done.returncode == 0, done.stderr
    workspace = tmp_path / "data" / "followup-workbook" / "notebooks"
    assert f"Your notebooks: {workspace} (your own copies, made now from the workbook's" in done.stdout
    assert sorted(p.name for p in workspace.glob("*.ipynb")) == sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
    assert digests(NOTEBOOKS_DIR) == project

    again = open_workbook(str(tmp_path / "elsewhere" / "my-log.sqlite"), tmp_path / "data")
    assert again.returncode == 0, again.stderr
    assert f"Your notebooks: {workspace}\n" in again.stdout and "made now" not in again.stdout


def test_a_workspace_named_relative_to_where_the_command_was_typed(tmp_path):
    done = open_workbook(str(tmp_path / "my-log.sqlite"), tmp_path / "data", "--workspace", "coaching/notebooks",
                         cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "coaching" / "notebooks" / "00-start-here.ipynb").is_file()
    assert f"Your notebooks: {tmp_path / 'coaching' / 'notebooks'} (your own copies" in done.stdout


def test_it_refuses_the_projects_notebooks_as_a_workspace_and_starts_nothing(tmp_path):
    project = digests(NOTEBOOKS_DIR)
    done = open_workbook(str(tmp_path / "my-log.sqlite"), tmp_path / "data", "--workspace", "notebooks")
    assert done.returncode == 2
    assert f"open-workbook: {NOTEBOOKS_DIR} cannot be your workspace: it holds the workbook's own notebooks" in done.stderr
    assert "Your notebooks" not in done.stdout
    assert digests(NOTEBOOKS_DIR) == project


@pytest.mark.postgres
def test_it_opens_a_practices_postgresql_log_and_never_shows_the_password(tmp_path, postgres_server, postgres_database):
    role = postgres_server.create_role("coach_with_password", password="s3cret-Pass")
    with postgres_server.connect(postgres_database) as conn:
        conn.execute(f'GRANT CREATE, USAGE ON SCHEMA public TO "{role}"')
    done = open_workbook(postgres_server.url(postgres_database, user=role, password="s3cret-Pass"), tmp_path / "data",
                         "--workspace", str(tmp_path / "mine"))
    assert done.returncode == 0, done.stderr
    assert f"Your log: postgresql+psycopg://{role}:***@127.0.0.1:{postgres_server.port}/{postgres_database}" in done.stdout
    assert "s3cret-Pass" not in done.stdout + done.stderr
