"""The person's own workspace: their copies of the workbook's notebooks, which they work in.

The project's notebooks (``notebooks/``) are templates and tests, stored executed on the
sample cohort. ``./open-workbook`` never opens them: it serves JupyterLab on a folder of the
person's (by default ``notebooks`` in their data folder, beside their log; or
``--workspace DIR``), made from the shipped notebooks on the first run, without the sample's
outputs. Whatever the person types, runs or saves stays in their folder.

A newer workbook brings newer notebooks without destroying the person's:

- a notebook they do not have yet (new in this workbook, or one they deleted) is copied in;
- a copy whose cells they never changed is replaced by the newer version;
- a copy they changed is kept as it is, and the newer version is put beside it as
  ``NAME (new).ipynb``, once per version, and the terminal says so.

"Changed" is exact: a small record in the workspace (``.workbook-notebooks.json``) keeps,
for each copy, a fingerprint of the cells of the shipped notebook it was made from. Only the
cells count (their kind, text and attachments), not outputs, execution counts or metadata,
so running a notebook is not changing it, and storing the project's notebooks again with new
outputs is not a new version.

Run by ``./open-workbook`` as ``python -m workbook.workspace FOLDER_TYPED_IN [ARGS...]``:
prepare the workspace, say where it is and what changed, then become JupyterLab on it; or,
with ``--app``, the app view of it (:func:`app_command`): the same notebooks as Voila pages,
widgets and charts without code, for a client who never sees code.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .config import LAB_SETTINGS_FILE, NOTEBOOKS_DIR, REPO_ROOT, default_workspace_path
from .errors import WorkbookError

#: The record of where each copy came from, inside the workspace.
RECORD_NAME = ".workbook-notebooks.json"
#: The notebook JupyterLab opens on.
START_NOTEBOOK = "00-start-here.ipynb"
#: The workbook's notebooks among the files of a folder.
NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"
#: The notebook metadata a copy keeps: which kernel runs it and its language. The rest (the
#: sample's saved widget state above all) is what running it on the sample left behind.
KEPT_METADATA = ("kernelspec", "language_info")
#: Cell metadata that only records a run (timings, folded outputs).
RUN_METADATA = ("execution", "collapsed", "scrolled")
#: The file name of the workbook's JupyterLab settings in JupyterLab's ``overrides.d``.
LAB_SETTINGS_NAME = "followup-workbook.json"
#: The option of ``./open-workbook`` that serves the app view instead of JupyterLab.
APP_OPTION = "--app"
#: Voila's extension of Jupyter's server: the only one the app view loads.
VOILA_EXTENSION = "voila.server_extension"
#: Where Voila renders a notebook of the workspace as a page, below the server's address.
APP_PAGE = "/voila/render/{name}"
#: A page's kernel is ended this many seconds after its page was closed (see app_command).
APP_KERNEL_IDLE_SECONDS = 600
#: The tag of a cell the app view leaves out (text meant for someone running the code, a cell
#: whose output only a code reader needs); JupyterLab shows it as usual.
APP_HIDDEN_TAG = "hide-in-app"


class WorkspaceError(WorkbookError):
    """The workspace cannot be used (it is the project's own notebooks, or not a folder)."""


# -- one notebook -------------------------------------------------------------------------

def _read(path: Path):
    import nbformat

    return nbformat.read(path, as_version=4)


def without_outputs(notebook):
    """A copy of ``notebook`` as a person first meets it: no outputs, no execution counts,
    nothing recorded by a run; cells, their ids and tags, and the kernel kept."""
    clean = copy.deepcopy(notebook)
    clean.metadata = {key: clean.metadata[key] for key in KEPT_METADATA if key in clean.metadata}
    for cell in clean.cells:
        for key in RUN_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return clean


def cells_fingerprint(notebook) -> str:
    """What a person reads and changes in a notebook, as a hash: each cell's kind, text and
    attachments. Outputs, execution counts and metadata do not count."""
    cells = [[cell.cell_type, cell.source, cell.get("attachments", {})] for cell in notebook.cells]
    text = json.dumps(cells, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fingerprint_of(path: Path) -> str | None:
    """The cells' fingerprint of the notebook at ``path``, or None when it is no notebook we
    can read (then it is the person's, whatever it holds)."""
    try:
        return cells_fingerprint(_read(path))
    except Exception:  # noqa: BLE001 -- an unreadable file is theirs and is left alone
        return None


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as sink:
            sink.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_notebook(notebook, path: Path) -> None:
    import nbformat

    _write_atomically(path, nbformat.writes(notebook) + "\n")


# -- the workspace ------------------------------------------------------------------------

@dataclass
class WorkspaceReport:
    """What :func:`prepare_workspace` did, for the terminal."""

    folder: Path
    created: bool = False
    #: Copied in: new in this workbook, or missing from the workspace (deleted by the person).
    added: list[str] = field(default_factory=list)
    #: Copies the person had not changed, replaced by the newer version.
    refreshed: list[str] = field(default_factory=list)
    #: Newer versions put beside a copy the person changed: (their copy, the new file).
    beside: list[tuple[str, str]] = field(default_factory=list)
    #: Newer versions put beside earlier, still there: (their copy, the new file).
    waiting: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report in a few plain lines."""
        if self.created:
            lines = [f"Your notebooks: {self.folder} (your own copies, made now from the workbook's;"
                     " what you do in them stays there)"]
        else:
            lines = [f"Your notebooks: {self.folder}"]
        if self.added and not self.created:
            lines.append("Copied into your notebooks: " + ", ".join(self.added) + ".")
        if self.refreshed:
            lines.append("Updated to this workbook's version (you had not changed them): "
                         + ", ".join(self.refreshed) + ".")
        for theirs, new in self.beside:
            lines.append(f"This workbook has a newer {theirs}. Yours has your changes and stays as it is; "
                         f"the new one is beside it: {new}.")
        for theirs, new in self.waiting:
            lines.append(f"The newer version of your {theirs} is still beside it: {new}.")
        if self.beside or self.waiting:
            lines.append("To switch to a new one: copy what you want to keep into it, delete your copy "
                         "and rename the new one (or delete your copy: the next ./open-workbook makes a fresh one).")
        return lines


def _new_name(name: str, taken) -> str:
    """``NAME (new).ipynb``, or ``NAME (new 2).ipynb`` and so on when that one is taken."""
    stem = name.removesuffix(".ipynb")
    candidate, number = f"{stem} (new).ipynb", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem} (new {number}).ipynb"
    return candidate


def check_workspace(folder: Path, shipped: Path = NOTEBOOKS_DIR, project: Path = REPO_ROOT) -> Path:
    """``folder`` made absolute, or :class:`WorkspaceError` when it cannot be the person's
    workspace: the project's notebooks, a folder holding them, anything inside the project's
    folder (a person's names and notes never land in the repository), or a file."""
    folder = Path(folder).expanduser().resolve()
    shipped, project = Path(shipped).resolve(), Path(project).resolve()
    if folder == shipped or shipped in folder.parents or folder in shipped.parents:
        raise WorkspaceError(f"{folder} cannot be your workspace: it holds the workbook's own notebooks "
                             f"({shipped}), which must stay as they are. Choose a folder outside it "
                             f"(--workspace DIR) or leave --workspace out.")
    if folder == project or project in folder.parents:
        raise WorkspaceError(f"{folder} cannot be your workspace: it is inside the workbook's own folder "
                             f"({project}), where your names and notes would sit among the project's files. "
                             f"Choose a folder outside it (--workspace DIR) or leave --workspace out.")
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(f"{folder} cannot be your workspace: it is a file, not a folder.")
    return folder


def _read_record(folder: Path) -> dict:
    try:
        record = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    notebooks = record.get("notebooks") if isinstance(record, dict) else None
    if not isinstance(notebooks, dict):  # a record changed by hand: as if there were none
        return {}
    return {name: entry for name, entry in notebooks.items() if isinstance(entry, dict)}


def _write_record(folder: Path, notebooks: dict) -> None:
    record = {
        "about": "Where each notebook here came from, kept by ./open-workbook: the fingerprint of the "
                 "cells of the workbook's notebook each copy was made from (copied_from), and the newer "
                 "version put beside a copy you changed (offered, offered_as). Delete this file and your "
                 "notebooks are taken as yours: nothing is replaced, newer versions go beside them.",
        "notebooks": dict(sorted(notebooks.items())),
    }
    _write_atomically(folder / RECORD_NAME, json.dumps(record, indent=1, ensure_ascii=False) + "\n")


def prepare_workspace(folder: Path, shipped: Path = NOTEBOOKS_DIR) -> WorkspaceReport:
    """Make ``folder`` the person's workspace, or bring it up to this workbook's notebooks,
    never changing a notebook the person changed (see the module's docstring). Only
    ``folder`` is written; ``shipped`` is only read.

    Raises
    ------
    WorkspaceError
        ``folder`` is (or holds, or is inside) the project's notebooks, or is a file.
    """
    folder = check_workspace(folder, shipped)
    # Made now: nothing there yet (a folder the person made empty for it counts as nothing).
    report = WorkspaceReport(folder=folder, created=not folder.exists() or not any(folder.iterdir()))
    folder.mkdir(parents=True, exist_ok=True)
    record = _read_record(folder)
    for source in sorted(Path(shipped).glob(NOTEBOOK_PATTERN)):
        name = source.name
        fresh = without_outputs(_read(source))
        current = cells_fingerprint(fresh)
        entry = record.get(name, {})
        mine = folder / name
        if not mine.exists():
            _write_notebook(fresh, mine)
            record[name] = {**_offer_of(entry), "copied_from": current}
            report.added.append(name)
            continue
        theirs = _fingerprint_of(mine)
        if theirs == current:
            # Already this version (also a "(new)" copy the person renamed into place).
            record[name] = {**_offer_of(entry), "copied_from": current}
            continue
        if entry.get("copied_from") is not None and theirs == entry["copied_from"]:
            _write_notebook(fresh, mine)  # untouched since it was copied: simply the newer one
            record[name] = {**_offer_of(entry), "copied_from": current}
            report.refreshed.append(name)
            continue
        # Theirs, changed. A newer version goes beside it, once per version.
        record[name] = entry = {"copied_from": entry.get("copied_from"), **_offer_of(entry)}
        if entry.get("copied_from") == current:
            continue  # the workbook's notebook has not changed since their copy was made
        offered_as = entry.get("offered_as")
        offered_path = folder / offered_as if offered_as else None
        if entry.get("offered") == current:
            if offered_path is not None and offered_path.exists():
                report.waiting.append((name, offered_as))
            continue  # offered already (and deleted by the person if it is gone: not again)
        if offered_path is None or not offered_path.exists() or _fingerprint_of(offered_path) != entry.get("offered"):
            # No earlier new version to refresh, or the person has worked in it: a free name.
            taken = {path.name for path in folder.iterdir()}
            offered_path = folder / _new_name(name, taken)
        _write_notebook(fresh, offered_path)
        entry.update(offered=current, offered_as=offered_path.name)
        report.beside.append((name, offered_path.name))
    _write_record(folder, record)
    return report


def _offer_of(entry: dict) -> dict:
    """The part of a record's entry about a newer version put beside the person's copy."""
    return {key: entry[key] for key in ("offered", "offered_as") if entry.get(key)}


# -- the workbook's JupyterLab ------------------------------------------------------------

def install_lab_settings(app_dir: Path | None = None) -> Path:
    """Put the workbook's JupyterLab settings (no "Would you like to get notified about
    official Jupyter news?" question, no update check) among the default settings of the
    JupyterLab that ``./open-workbook`` runs: ``overrides.d`` of its application folder, in
    the workbook's ``.venv``. The person's own settings (``~/.jupyter``) are not touched and
    still win. Returns the file written."""
    if app_dir is None:  # as jupyterlab.commands.get_app_dir() finds it, without importing it
        chosen = os.environ.get("JUPYTERLAB_DIR")
        app_dir = Path(chosen).resolve() if chosen else Path(sys.prefix) / "share" / "jupyter" / "lab"
    target = Path(app_dir) / "settings" / "overrides.d" / LAB_SETTINGS_NAME
    wanted = LAB_SETTINGS_FILE.read_text(encoding="utf-8")
    if not target.exists() or target.read_text(encoding="utf-8") != wanted:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, wanted)
    return target


def lab_command(folder: Path, lab_arguments: list[str]) -> list[str]:
    """The command that serves JupyterLab on the workspace ``folder`` (its root: nothing
    outside it is reachable from the page), opening on 00-start-here; the person's own
    arguments last, so that theirs win."""
    command = [sys.executable, "-m", "jupyterlab",
               f"--ServerApp.root_dir={folder}",
               f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}",
               "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    # Jupyter refuses to start as root unless told to; many containers and CI machines run as root.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command + list(lab_arguments)


def _other_server_extensions() -> list[str]:
    """The Jupyter server extensions enabled in this environment (JupyterLab, terminals, the
    language server...) other than Voila's, as Jupyter's server finds them in its config."""
    from jupyter_core.paths import jupyter_config_path
    from jupyter_server.extension.config import ExtensionConfigManager

    enabled = ExtensionConfigManager(read_config_path=jupyter_config_path()).get_jpserver_extensions()
    return sorted(name for name, on in enabled.items() if on and name != VOILA_EXTENSION)


def app_command(folder: Path, app_arguments: list[str]) -> list[str]:
    """The command that serves the app view of the workspace ``folder``: each notebook a page
    of widgets and charts (``/voila/render/NAME.ipynb``), opening on 00-start-here; the person's
    own arguments last, so that theirs win.

    Voila runs as an extension of Jupyter's server, not on its own (``voila`` alone asks for
    no token): the server asks for the token JupyterLab asks for (generated and printed in the
    address, or ``--IdentityProvider.token``) and listens on the loopback address only. It
    loads Voila and nothing else (no JupyterLab, no terminal), never sends a code cell's source
    to the page, and shows no traceback: a cell that fails says so in one line. A cell tagged
    APP_HIDDEN_TAG is left out (not run, not shown; so never one that defines what later cells
    use). A page's kernel ends some minutes after its page is closed: Voila's own request to
    end it is refused by the server's cross-site check (voila-dashboards/voila#1458), so the
    server ends kernels that have had no page for APP_KERNEL_IDLE_SECONDS.
    """
    ours = [f"--ServerApp.root_dir={folder}",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.default_url={APP_PAGE.format(name=START_NOTEBOOK)}",
            f"--ServerApp.jpserver_extensions={VOILA_EXTENSION}=True",
            *(f"--ServerApp.jpserver_extensions={name}=False" for name in _other_server_extensions()),
            "--ServerApp.terminals_enabled=False",
            "--VoilaConfiguration.strip_sources=True",
            "--VoilaConfiguration.show_tracebacks=False",
            "--TagRemovePreprocessor.enabled=True",
            f"--TagRemovePreprocessor.remove_cell_tags={APP_HIDDEN_TAG}",
            "--VoilaExecutor.cell_error_instruction=This part of the page could not be shown; "
            "the rest works. Open the workbook in JupyterLab (./open-workbook) to see why.",
            f"--MappingKernelManager.cull_idle_timeout={APP_KERNEL_IDLE_SECONDS}",
            "--MappingKernelManager.cull_interval=60"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        ours.append("--allow-root")
    # A setting given twice on the command line stops the server ("only accepts one value"):
    # one the person gives replaces ours.
    theirs = {_setting(argument) for argument in app_arguments}
    return ([sys.executable, "-m", "jupyter_server"]
            + [option for option in ours if _setting(option) not in theirs] + list(app_arguments))


#: Short options of Jupyter's server for a setting the app view gives in full.
_SHORT_OPTIONS = {"--ip": "--ServerApp.ip", "--notebook-dir": "--ServerApp.root_dir"}


def _setting(option: str) -> str:
    """The setting a command-line option sets: ``--ServerApp.ip`` for ``--ip=0.0.0.0``; for
    a server extension turned on or off, the extension's own (``...jpserver_extensions=NAME``)."""
    if option.startswith("--ServerApp.jpserver_extensions="):
        return option.rpartition("=")[0]
    name = option.partition("=")[0]
    return _SHORT_OPTIONS.get(name, name)


def split_arguments(arguments: list[str], typed_in: Path) -> tuple[Path, list[str]]:
    """``--workspace DIR`` (or ``--workspace=DIR``; relative to ``typed_in``, the folder the
    command was typed in) apart from the arguments for JupyterLab. No ``--workspace``: the
    default workspace (:func:`workbook.config.default_workspace_path`)."""
    folder, rest, given = None, [], iter(arguments)
    for argument in given:
        if argument == "--workspace":
            folder = next(given, None)
            if not folder:
                raise WorkspaceError("--workspace needs a folder: ./open-workbook --workspace ~/my-notebooks")
        elif argument.startswith("--workspace="):
            folder = argument.partition("=")[2]
            if not folder:
                raise WorkspaceError("--workspace needs a folder: ./open-workbook --workspace ~/my-notebooks")
        else:
            rest.append(argument)
    if folder is None:
        return default_workspace_path(), rest
    return Path(typed_in) / Path(folder).expanduser(), rest


def main(argv: list[str] | None = None) -> int:
    """``./open-workbook`` after its welcome: the workspace, then JupyterLab on it (or, with
    ``--app``, the app view of it: :func:`app_command`)."""
    typed_in, *arguments = (sys.argv[1:] if argv is None else argv) or [os.getcwd()]
    app = APP_OPTION in arguments
    arguments = [argument for argument in arguments if argument != APP_OPTION]
    try:
        folder, lab_arguments = split_arguments(arguments, Path(typed_in))
        if app and importlib.util.find_spec("voila") is None:
            raise WorkspaceError("--app needs Voila, which is not installed here: "
                                 ".venv/bin/pip install 'voila>=0.5' (./open-workbook installs it).")
        report = prepare_workspace(folder)
    except WorkspaceError as error:
        print(f"open-workbook: {error}", file=sys.stderr)
        return 2
    print("\n".join(report.lines()), flush=True)
    if app:
        print("The app view: the notebooks as pages, without code. Open the address below, with its token.",
              flush=True)
        command = app_command(report.folder, lab_arguments)
    else:
        install_lab_settings()
        command = lab_command(report.folder, lab_arguments)
    os.chdir(report.folder)
    os.execv(command[0], command)
    return 0  # not reached: this process is JupyterLab now


if __name__ == "__main__":
    raise SystemExit(main())
