"""`./open-workbook`, the README's first command, as a person runs it: it says which log it
opened before JupyterLab starts (here asked only for its version, so that nothing keeps running)."""

from __future__ import annotations

import os
import subprocess

import pytest

from workbook.config import REPO_ROOT


def open_workbook(log: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, WORKBOOK_LOG=log)
    return subprocess.run([str(REPO_ROOT / "open-workbook"), "--version"], env=environment,
                          capture_output=True, text=True, timeout=300)


def test_it_names_the_log_and_says_what_to_do_on_an_empty_one(tmp_path):
    done = open_workbook(str(tmp_path / "my-log.sqlite"))
    assert done.returncode == 0, done.stderr
    assert f"Your log: {tmp_path / 'my-log.sqlite'}" in done.stdout
    assert "It is empty. Next: log your first interview in 01-log-an-interview." in done.stdout


@pytest.mark.postgres
def test_it_opens_a_practices_postgresql_log_and_never_shows_the_password(postgres_server, postgres_database):
    role = postgres_server.create_role("coach_with_password", password="s3cret-Pass")
    with postgres_server.connect(postgres_database) as conn:
        conn.execute(f'GRANT CREATE, USAGE ON SCHEMA public TO "{role}"')
    done = open_workbook(postgres_server.url(postgres_database, user=role, password="s3cret-Pass"))
    assert done.returncode == 0, done.stderr
    assert f"Your log: postgresql+psycopg://{role}:***@127.0.0.1:{postgres_server.port}/{postgres_database}" in done.stdout
    assert "s3cret-Pass" not in done.stdout + done.stderr
