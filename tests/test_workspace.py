"""The person's own workspace (workbook/workspace.py): their copies of the notebooks, made
from the shipped ones without the sample's outputs, and brought up to a newer workbook
without losing anything they changed. On temporary folders; the project's notebooks are read,
and checked byte for byte to be unchanged."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from workbook.config import NOTEBOOKS_DIR, REPO_ROOT
from workbook.workspace import (
    RECORD_NAME,
    WorkspaceError,
    cells_fingerprint,
    install_lab_settings,
    lab_command,
    prepare_workspace,
    split_arguments,
)

SHIPPED = sorted(path.name for path in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its path, as a hash of its bytes."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def read(path: Path):
    return nbformat.read(path, as_version=4)


def outputs_of(notebook) -> list:
    return [cell.outputs for cell in notebook.cells if cell.cell_type == "code" and cell.outputs]


def edit_cell(path: Path, index: int, text: str) -> None:
    """Change one cell's text, as a person does in JupyterLab, and save."""
    notebook = read(path)
    notebook.cells[index].source = text
    nbformat.write(notebook, path)


@pytest.fixture
def project_unchanged():
    """Fails the test if the project's notebooks changed in any byte."""
    before = digests(NOTEBOOKS_DIR)
    yield
    assert digests(NOTEBOOKS_DIR) == before


@pytest.fixture
def shipped(tmp_path) -> Path:
    """A workbook's notebooks that a test can make newer: a copy of the project's."""
    folder = tmp_path / "shipped"
    shutil.copytree(NOTEBOOKS_DIR, folder)
    return folder


def newer_version(shipped: Path, name: str, text: str) -> None:
    """A newer workbook: the last cell of ``name`` says something else."""
    notebook = read(shipped / name)
    notebook.cells[-1].source = text
    nbformat.write(notebook, shipped / name)


# -- the first run ------------------------------------------------------------------------

def test_the_first_run_copies_every_notebook_without_the_samples_outputs(tmp_path, project_unchanged):
    workspace = tmp_path / "data" / "notebooks"
    report = prepare_workspace(workspace)

    assert report.created and report.added == SHIPPED
    assert sorted(path.name for path in workspace.glob("*.ipynb")) == SHIPPED
    for name in SHIPPED:
        mine, theirs = read(workspace / name), read(NOTEBOOKS_DIR / name)
        assert outputs_of(mine) == []
        assert all(cell.execution_count is None for cell in mine.cells if cell.cell_type == "code")
        # The cells are the workbook's, word for word, ids included; the kernel is kept.
        assert [(c.cell_type, c.source, c.get("id")) for c in mine.cells] == \
               [(c.cell_type, c.source, c.get("id")) for c in theirs.cells]
        assert mine.metadata["kernelspec"] == theirs.metadata["kernelspec"]
        # Nothing the sample's run left behind: no saved widget state, no cell timings.
        assert "widgets" not in mine.metadata
        assert all("execution" not in cell.metadata for cell in mine.cells)
        nbformat.validate(mine)
    # The sample's people are in a copy only where its cells' own text names them.
    assert "overdue by" in (NOTEBOOKS_DIR / "03-sent-notes-and-outcomes.ipynb").read_text()
    assert "overdue by" not in (workspace / "03-sent-notes-and-outcomes.ipynb").read_text()
    for name in SHIPPED:
        in_cells = sum(cell.source.count("Okafor") for cell in read(workspace / name).cells)
        assert (workspace / name).read_text().count("Okafor") == in_cells
    assert report.lines()[0].startswith(f"Your notebooks: {workspace.resolve()} (your own copies")


def test_the_project_notebooks_are_stored_executed_still():
    """Strict nbval needs the project's notebooks with their outputs; copies are the ones
    without."""
    assert all(outputs_of(read(NOTEBOOKS_DIR / name)) for name in SHIPPED)


def test_a_second_run_of_the_same_workbook_changes_nothing(tmp_path, project_unchanged):
    workspace = tmp_path / "notebooks"
    prepare_workspace(workspace)
    edit_cell(workspace / "03-sent-notes-and-outcomes.ipynb", 0, "# My tracker")
    before = digests(workspace)

    report = prepare_workspace(workspace)

    assert digests(workspace) == before
    assert (report.created, report.added, report.refreshed, report.beside, report.waiting) == (False, [], [], [], [])
    assert report.lines() == [f"Your notebooks: {workspace.resolve()}"]


def test_running_a_notebook_is_not_changing_it(tmp_path):
    """Outputs, execution counts and the kernel's metadata do not count: a copy only run is
    untouched, and the project's notebooks stored again with new outputs are no new version."""
    notebook = read(NOTEBOOKS_DIR / "03-sent-notes-and-outcomes.ipynb")
    ran = read(NOTEBOOKS_DIR / "03-sent-notes-and-outcomes.ipynb")
    for cell in ran.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="Ana Lima\n")]
            cell.execution_count = 7
    ran.metadata["language_info"] = {"name": "python", "version": "3.13.1"}
    assert cells_fingerprint(ran) == cells_fingerprint(notebook)
    ran.cells[1].source += "\nlog"
    assert cells_fingerprint(ran) != cells_fingerprint(notebook)


# -- a newer workbook ---------------------------------------------------------------------

def test_a_newer_workbook_keeps_a_changed_copy_and_puts_the_new_one_beside_it(tmp_path, shipped):
    workspace = tmp_path / "notebooks"
    prepare_workspace(workspace, shipped)
    tracker = workspace / "03-sent-notes-and-outcomes.ipynb"
    edit_cell(tracker, 0, "# My tracker\nAna: call back on Monday.")
    theirs = tracker.read_bytes()

    newer_version(shipped, "03-sent-notes-and-outcomes.ipynb", "Newer words from the workbook.")
    report = prepare_workspace(workspace, shipped)

    assert tracker.read_bytes() == theirs
    new = workspace / "03-sent-notes-and-outcomes (new).ipynb"
    assert report.beside == [("03-sent-notes-and-outcomes.ipynb", new.name)]
    assert read(new).cells[-1].source == "Newer words from the workbook."
    assert outputs_of(read(new)) == []
    assert report.refreshed == [] and report.added == []
    said = "\n".join(report.lines())
    assert "This workbook has a newer 03-sent-notes-and-outcomes.ipynb. Yours has your changes and stays" in said
    assert "03-sent-notes-and-outcomes (new).ipynb" in said
    assert "delete your copy and rename the new one" in said

    # Said once; later runs remind while it is there, and make no other copy.
    again = prepare_workspace(workspace, shipped)
    assert again.beside == [] and again.waiting == [("03-sent-notes-and-outcomes.ipynb", new.name)]
    assert sorted(p.name for p in workspace.glob("03-*")) == [new.name, tracker.name]


def test_an_untouched_copy_is_simply_refreshed(tmp_path, shipped):
    workspace = tmp_path / "notebooks"
    prepare_workspace(workspace, shipped)
    # Run, not edited: outputs of the person's own log in it.
    builder = workspace / "02-write-thank-you-notes.ipynb"
    notebook = read(builder)
    next(c for c in notebook.cells if c.cell_type == "code").outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="Zoë Müller\n")]
    nbformat.write(notebook, builder)

    newer_version(shipped, "02-write-thank-you-notes.ipynb", "A better checklist.")
    report = prepare_workspace(workspace, shipped)

    assert report.refreshed == ["02-write-thank-you-notes.ipynb"] and report.beside == []
    assert read(builder).cells[-1].source == "A better checklist."
    assert outputs_of(read(builder)) == []
    assert not list(workspace.glob("*(new)*"))
    assert "Updated to this workbook's version (you had not changed them): 02-write-thank-you-notes.ipynb." \
        in report.lines()


def test_a_notebook_new_in_the_workbook_or_deleted_by_the_person_is_copied_in(tmp_path, shipped):
    workspace = tmp_path / "notebooks"
    prepare_workspace(workspace, shipped)
    (workspace / "05-coach-cohort-review.ipynb").unlink()
    shutil.copy(shipped / "04-my-follow-up-habits.ipynb", shipped / "06-calendar-import.ipynb")
    (workspace / "my-own-analysis.ipynb").write_text("not even a notebook")

    report = prepare_workspace(workspace, shipped)

    assert report.added == ["05-coach-cohort-review.ipynb", "06-calendar-import.ipynb"]
    assert outputs_of(read(workspace / "06-calendar-import.ipynb")) == []
    assert "Copied into your notebooks: 05-coach-cohort-review.ipynb, 06-calendar-import.ipynb." in report.lines()
    assert (workspace / "my-own-analysis.ipynb").read_text() == "not even a notebook"


def test_a_new_version_the_person_deleted_is_not_offered_again_until_a_newer_one(tmp_path, shipped):
    workspace = tmp_path / "notebooks"
    name = "04-my-follow-up-habits.ipynb"
    prepare_workspace(workspace, shipped)
    edit_cell(workspace / name, 0, "# Mine")
    newer_version(shipped, name, "Version 2.")
    prepare_workspace(workspace, shipped)
    (workspace / "04-my-follow-up-habits (new).ipynb").unlink()

    assert prepare_workspace(workspace, shipped).lines() == [f"Your notebooks: {workspace.resolve()}"]
    assert not list(workspace.glob("*(new)*"))

    newer_version(shipped, name, "Version 3.")
    report = prepare_workspace(workspace, shipped)
    assert report.beside == [(name, "04-my-follow-up-habits (new).ipynb")]
    assert read(workspace / "04-my-follow-up-habits (new).ipynb").cells[-1].source == "Version 3."


def test_a_new_version_waiting_untouched_is_replaced_by_a_newer_one_and_one_worked_in_is_kept(tmp_path, shipped):
    workspace = tmp_path / "notebooks"
    name = "04-my-follow-up-habits.ipynb"
    prepare_workspace(workspace, shipped)
    edit_cell(workspace / name, 0, "# Mine")
    newer_version(shipped, name, "Version 2.")
    prepare_workspace(workspace, shipped)

    newer_version(shipped, name, "Version 3.")
    report = prepare_workspace(workspace, shipped)
    assert report.beside == [(name, "04-my-follow-up-habits (new).ipynb")]
    assert read(workspace / "04-my-follow-up-habits (new).ipynb").cells[-1].source == "Version 3."

    edit_cell(workspace / "04-my-follow-up-habits (new).ipynb", 0, "# Trying the new one")
    newer_version(shipped, name, "Version 4.")
    report = prepare_workspace(workspace, shipped)
    assert report.beside == [(name, "04-my-follow-up-habits (new 2).ipynb")]
    assert read(workspace / "04-my-follow-up-habits (new).ipynb").cells[0].source == "# Trying the new one"
    assert read(workspace / "04-my-follow-up-habits (new 2).ipynb").cells[-1].source == "Version 4."


def test_a_new_version_renamed_into_place_is_the_persons_copy_of_that_version(tmp_path, shipped):
    workspace = tmp_path / "notebooks"
    name = "01-log-an-interview.ipynb"
    prepare_workspace(workspace, shipped)
    edit_cell(workspace / name, 0, "# Mine")
    newer_version(shipped, name, "Version 2.")
    prepare_workspace(workspace, shipped)
    (workspace / "01-log-an-interview (new).ipynb").replace(workspace / name)

    assert prepare_workspace(workspace, shipped).lines() == [f"Your notebooks: {workspace.resolve()}"]
    entry = json.loads((workspace / RECORD_NAME).read_text())["notebooks"][name]
    assert entry["copied_from"] == cells_fingerprint(read(shipped / name))

    # Untouched since: the next version simply replaces it.
    newer_version(shipped, name, "Version 3.")
    assert prepare_workspace(workspace, shipped).refreshed == [name]


def test_without_its_record_a_workspace_keeps_every_copy_that_differs(tmp_path, shipped):
    workspace = tmp_path / "notebooks"
    prepare_workspace(workspace, shipped)
    (workspace / RECORD_NAME).unlink()
    newer_version(shipped, "02-write-thank-you-notes.ipynb", "Version 2.")
    before = digests(workspace)

    report = prepare_workspace(workspace, shipped)

    assert report.refreshed == [] and report.beside == [
        ("02-write-thank-you-notes.ipynb", "02-write-thank-you-notes (new).ipynb")]
    assert all(digests(workspace)[name] == before[name] for name in before)


# -- where the workspace may be -----------------------------------------------------------

@pytest.mark.parametrize("where", [NOTEBOOKS_DIR, REPO_ROOT, NOTEBOOKS_DIR / "mine"])
def test_the_projects_notebooks_are_never_a_workspace(where, project_unchanged):
    with pytest.raises(WorkspaceError, match="holds the workbook's own notebooks"):
        prepare_workspace(where)
    assert not (NOTEBOOKS_DIR / "mine").exists() and not (NOTEBOOKS_DIR / RECORD_NAME).exists()


def test_a_folder_elsewhere_in_the_project_is_no_workspace(project_unchanged):
    mine = REPO_ROOT / "my-notebooks"
    with pytest.raises(WorkspaceError, match="inside the workbook's own folder"):
        prepare_workspace(mine)
    assert not mine.exists()


@pytest.mark.parametrize("record", ['{"notebooks": ["00-start-here.ipynb"]}', '["x"]', "{not json", '{"notebooks": 3}'])
def test_a_record_changed_by_hand_is_as_if_there_were_none(tmp_path, shipped, record):
    workspace = tmp_path / "notebooks"
    prepare_workspace(workspace, shipped)
    (workspace / RECORD_NAME).write_text(record)
    newer_version(shipped, "02-write-thank-you-notes.ipynb", "Version 2.")
    before = digests(workspace)

    report = prepare_workspace(workspace, shipped)

    assert report.refreshed == [] and report.beside == [
        ("02-write-thank-you-notes.ipynb", "02-write-thank-you-notes (new).ipynb")]
    assert all(digests(workspace)[name] == before[name] for name in before if name != RECORD_NAME)


def test_an_empty_folder_made_for_it_is_a_new_workspace(tmp_path):
    (tmp_path / "mine").mkdir()
    report = prepare_workspace(tmp_path / "mine")
    assert report.created and report.added == SHIPPED
    assert "Copied into" not in "\n".join(report.lines())


def test_a_file_is_no_workspace(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(WorkspaceError, match="it is a file, not a folder"):
        prepare_workspace(tmp_path / "notes.txt")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_workspace_argument_apart_from_jupyterlabs(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    typed_in = tmp_path / "where-i-was"
    assert split_arguments(["--workspace", "mine", "--port", "8899"], typed_in) == \
           (typed_in / "mine", ["--port", "8899"])
    assert split_arguments(["--no-browser", f"--workspace={tmp_path}/x"], typed_in) == \
           (tmp_path / "x", ["--no-browser"])
    default, rest = split_arguments(["--no-browser"], typed_in)
    assert rest == ["--no-browser"]
    if default.is_relative_to(tmp_path):  # Linux: platformdirs follows XDG_DATA_HOME
        assert default == tmp_path / "data" / "followup-workbook" / "notebooks"
    with pytest.raises(WorkspaceError, match="--workspace needs a folder"):
        split_arguments(["--workspace"], typed_in)


def test_jupyterlab_serves_the_workspace_and_opens_on_start_here(tmp_path):
    command = lab_command(tmp_path, ["--port", "8899", "--ServerApp.root_dir=/elsewhere"])
    assert f"--ServerApp.root_dir={tmp_path}" in command
    assert "--LabApp.default_url=/lab/tree/00-start-here.ipynb" in command
    assert "--LabApp.news_url=None" in command
    assert command[-3:] == ["--port", "8899", "--ServerApp.root_dir=/elsewhere"]  # the person's win


def test_the_workbooks_jupyterlab_never_asks_about_news(tmp_path):
    written = install_lab_settings(tmp_path / "lab")
    assert written == tmp_path / "lab" / "settings" / "overrides.d" / "followup-workbook.json"
    settings = json.loads(written.read_text())["@jupyterlab/apputils-extension:notification"]
    assert settings == {"fetchNews": "false", "checkForUpdates": False}
    assert install_lab_settings(tmp_path / "lab").read_text() == written.read_text()


@pytest.mark.slow
def test_every_copy_runs_in_the_workspace(tmp_path):
    """The copies run where they are, the kernel's folder being the workspace: no notebook
    reaches for a file beside the project's notebooks (a ``../data`` path would fail here).
    One kernel runs them all, one after another, as a person goes through them."""
    from nbclient import NotebookClient

    workspace = tmp_path / "notebooks"
    prepare_workspace(workspace)
    together = nbformat.v4.new_notebook(metadata=read(workspace / SHIPPED[0]).metadata)
    for name in SHIPPED:
        together.cells += [nbformat.v4.new_code_cell(f"# {name}\n{cell.source}")
                           for cell in read(workspace / name).cells if cell.cell_type == "code"]
    together.cells.append(nbformat.v4.new_code_cell("import os\nprint(os.getcwd())"))
    NotebookClient(together, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(workspace)}}).execute()
    problems = [(cell.source.splitlines()[0], output) for cell in together.cells for output in cell.outputs
                if output.output_type == "error" or output.get("name") == "stderr"]
    assert problems == []
    assert together.cells[-1].outputs[0].text.strip() == str(workspace)
