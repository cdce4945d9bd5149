"""An IMAP server of the test session's own: Debian's ``dovecot-imapd``, with a configuration
written to a temporary folder (``dovecot -c DIR/dovecot.conf``), listening on two free loopback
ports, plain IMAP and IMAPS, stopped by the pid in ``DIR/run/master.pid`` and removed at the
end. Never the machine's own dovecot service.

One throw-away user, :data:`USER` (``maya@example.com``), with a random password
(:attr:`ImapServer.password`). IMAPS uses a self-signed certificate made at start with the
``openssl`` command (subjectAltName ``IP:127.0.0.1`` and ``DNS:localhost``), written to
:attr:`ImapServer.ca_file`: a client trusts it with ``SSL_CERT_FILE=server.ca_file`` (read by
``ssl.create_default_context()``), and without it the certificate check fails, as it should.

URLs: the user name holds an ``@``, so the user part of a URL is percent-encoded (RFC 3986:
``@`` is not allowed unescaped in userinfo), ``imap://maya%40example.com@127.0.0.1:PORT/Sent``;
a reader unquotes the user part (``urllib.parse.unquote(urlsplit(url).username)``). The folder
is percent-encoded too (``/`` kept), so ``Sent Items`` is ``Sent%20Items``.

A *cutting proxy* (:meth:`ImapServer.cutting_url`) forwards a loopback port to the plain IMAP
port and closes both sides once the server has sent a given number of bytes on a connection:
a server that drops the connection in the middle of a fetch.

Used by ``tests/conftest.py``; importable on its own (no pytest in here)::

    from tests.imap_server import ImapServer
    with ImapServer.start() as server:
        server.append("Sent", b"From: maya@example.com\\r\\n\\r\\nHello\\r\\n")
        print(server.url("Sent"))
"""

from __future__ import annotations

import imaplib
import os
import pwd
import secrets
import shutil
import signal
import socket
import socketserver
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

#: The throw-away mail user; it holds an ``@`` like most real IMAP logins.
USER = "maya@example.com"
#: Dovecot runs its login processes and owns the mail as these OS users (Debian's package makes them).
INTERNAL_USER = "dovecot"
LOGIN_USER = "dovenull"
STARTUP_TIMEOUT = 30  # seconds


def dovecot_program() -> Path | None:
    """The dovecot master program: ``$WORKBOOK_DOVECOT``, else ``/usr/sbin/dovecot``, else on the PATH."""
    chosen = os.environ.get("WORKBOOK_DOVECOT")
    if chosen:
        return Path(chosen)
    if Path("/usr/sbin/dovecot").is_file():
        return Path("/usr/sbin/dovecot")
    on_path = shutil.which("dovecot")
    return Path(on_path) if on_path else None


def dovecot_missing() -> str | None:
    """Why an IMAP server cannot be started here, or None when it can."""
    program = dovecot_program()
    if program is None or not program.is_file():
        return "no dovecot program in /usr/sbin or on the PATH (apt-get install dovecot-imapd)"
    if not Path("/usr/lib/dovecot/imap").is_file() and shutil.which("imap") is None:
        return "dovecot is installed without its IMAP server (apt-get install dovecot-imapd)"
    if shutil.which("openssl") is None:
        return "no openssl command to make the test certificate (apt-get install openssl)"
    if os.geteuid() != 0:
        return "dovecot's login processes run chrooted as another user: the IMAP tests must run as root"
    for user in (INTERNAL_USER, LOGIN_USER):
        try:
            pwd.getpwnam(user)
        except KeyError:
            return f"there is no {user!r} OS user for dovecot (apt-get install dovecot-core)"
    return None


def free_port() -> int:
    """A loopback TCP port no one listens on (at the moment of asking)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


CONFIG = """\
# Written by tests/imap_server.py for one test session; removed at its end.
protocols = imap
listen = 127.0.0.1
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
info_log_path = {folder}/dovecot.log
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_user}
first_valid_uid = 100
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
ssl = yes
ssl_cert = <{folder}/cert.pem
ssl_key = <{folder}/key.pem
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/users
}}
userdb {{
  driver = static
  args = uid={internal_user} gid={internal_user} home={folder}/mail/%u
}}
mail_location = maildir:~/Maildir
# No growing delay (up to 15 s) after each failed login from 127.0.0.1: the tests log in wrongly on
# purpose. Without this socket, dovecot's auth process keeps no penalty (anvil's auth penalty).
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
"""


class CuttingProxy(socketserver.ThreadingTCPServer):
    """A TCP proxy on a free loopback port to ``target``: each connection is forwarded both
    ways until the server has sent ``after_bytes`` bytes on it; then both sides are closed.

    ``connections`` records, per connection, what the client sent (``client_bytes``), how many
    bytes of the server's reached the client (``server_bytes``) and whether it was cut."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, target: tuple[str, int], after_bytes: int):
        self.target = target
        self.after_bytes = after_bytes
        self.connections: list[dict] = []
        super().__init__(("127.0.0.1", 0), _CuttingHandler)
        self.port = self.server_address[1]
        self._thread = threading.Thread(target=self.serve_forever, name=f"cutting-proxy-{self.port}", daemon=True)
        self._thread.start()

    @property
    def cuts(self) -> int:
        """How many connections were cut."""
        return sum(1 for record in self.connections if record["cut"])

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(5)


class _CuttingHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        proxy: CuttingProxy = self.server
        client = self.request
        record = {"client_bytes": b"", "server_bytes": 0, "cut": False}
        proxy.connections.append(record)
        try:
            upstream = socket.create_connection(proxy.target, timeout=30)
        except OSError:
            return
        done = threading.Event()

        def client_to_server() -> None:
            try:
                while not done.is_set():
                    data = client.recv(65536)
                    if not data:
                        break
                    record["client_bytes"] += data
                    upstream.sendall(data)
            except OSError:
                pass
            done.set()

        pump = threading.Thread(target=client_to_server, daemon=True)
        pump.start()
        try:
            while not done.is_set():
                data = upstream.recv(65536)
                if not data:
                    break
                room = proxy.after_bytes - record["server_bytes"]
                if len(data) >= room:
                    client.sendall(data[:room])
                    record["server_bytes"] += room
                    record["cut"] = True
                    break
                client.sendall(data)
                record["server_bytes"] += len(data)
        except OSError:
            pass
        finally:
            done.set()
            for sock in (client, upstream):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            pump.join(5)


@dataclass
class ImapServer:
    """A running dovecot of our own: its folder, ports, password and certificate."""

    folder: Path
    port: int = 0
    tls_port: int = 0
    password: str = field(default_factory=lambda: "imap-pw-" + secrets.token_hex(10), repr=False)
    user: str = USER
    _proxies: dict = field(default_factory=dict, repr=False)

    @classmethod
    def start(cls) -> "ImapServer":
        """Write a configuration, a user and a certificate in a new temporary folder and start
        dovecot on two free loopback ports (plain IMAP and IMAPS)."""
        reason = dovecot_missing()
        if reason is not None:
            raise RuntimeError(f"cannot start dovecot: {reason}")
        folder = Path(tempfile.mkdtemp(prefix="workbook-imap-"))
        try:
            folder.chmod(0o755)  # the mail user reaches its home below it
            server = cls(folder)
            server._make_certificate()
            internal = pwd.getpwnam(INTERNAL_USER)
            users = folder / "users"  # read by dovecot's auth process, which runs as INTERNAL_USER
            users.write_text(f"{server.user}:{{PLAIN}}{server.password}\n")
            users.chmod(0o600)
            os.chown(users, internal.pw_uid, internal.pw_gid)
            for name in ("run", "state", "mail"):
                (folder / name).mkdir()
            os.chown(folder / "mail", internal.pw_uid, internal.pw_gid)
            for _ in range(3):  # another program may take a port between asking and starting
                server.port, server.tls_port = free_port(), free_port()
                if server.port != server.tls_port and server._start():
                    break
            else:
                raise RuntimeError(f"dovecot did not start; its log:\n{server.log_text()}")
            return server
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def _make_certificate(self) -> None:
        """A self-signed certificate for 127.0.0.1 and localhost (EC P-256: made in milliseconds)."""
        done = subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-days", "30", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
             "-keyout", str(self.folder / "key.pem"), "-out", str(self.ca_file)],
            capture_output=True, text=True, timeout=STARTUP_TIMEOUT)
        if done.returncode != 0:
            raise RuntimeError(f"openssl could not make the test certificate:\n{done.stderr}")
        (self.folder / "key.pem").chmod(0o600)

    @property
    def ca_file(self) -> Path:
        """The server's self-signed certificate (PEM): trust it with ``SSL_CERT_FILE``."""
        return self.folder / "cert.pem"

    @property
    def config(self) -> Path:
        return self.folder / "dovecot.conf"

    @property
    def pid_file(self) -> Path:
        return self.folder / "run" / "master.pid"

    def log_text(self) -> str:
        path = self.folder / "dovecot.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else "(no log)"

    def _start(self) -> bool:
        self.config.write_text(CONFIG.format(folder=self.folder, port=self.port, tls_port=self.tls_port,
                                             login_user=LOGIN_USER, internal_user=INTERNAL_USER))
        # The master forks and keeps its standard streams: they go to a file, not a pipe to wait on.
        with open(self.folder / "dovecot.log", "ab") as log:
            done = subprocess.run([str(dovecot_program()), "-c", str(self.config)], stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=log, timeout=STARTUP_TIMEOUT)
        if done.returncode != 0:
            return False
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:  # the master forks; wait until it greets on both ports
            try:
                for port in (self.port, self.tls_port):
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                with imaplib.IMAP4("127.0.0.1", self.port, timeout=5) as imap:
                    imap.noop()
                return True
            except OSError:
                time.sleep(0.05)
        self._kill()
        return False

    def _master_pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def _kill(self) -> None:
        pid = self._master_pid()
        if pid is None:
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        # The master (not our child: it forked away) ends its processes within about a second,
        # then idles another ~1.5 s before it exits; once its processes are gone, it is killed.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(pid) and _children(pid):
            time.sleep(0.05)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.02)

    def stop(self) -> None:
        """Stop the proxies and dovecot (its master, by the pid it wrote), remove the folder."""
        try:
            for proxy in self._proxies.values():
                proxy.stop()
            self._proxies.clear()
            self._kill()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "ImapServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- URLs and mail ----------------------------------------------------------------------

    def url(self, folder: str, tls: bool = False, port: int | None = None) -> str:
        """``imap://maya%40example.com@127.0.0.1:PORT/Folder`` (``imaps://`` and the IMAPS port
        with ``tls=True``): the user part and the folder percent-encoded."""
        scheme = "imaps" if tls else "imap"
        port = port or (self.tls_port if tls else self.port)
        return f"{scheme}://{quote(self.user, safe='')}@127.0.0.1:{port}/{quote(folder, safe='/')}"

    def cutting_proxy(self, after_bytes: int) -> CuttingProxy:
        """The proxy (started at the first call) that cuts each connection to the plain IMAP
        port after the server has sent ``after_bytes`` bytes on it."""
        if after_bytes not in self._proxies:
            self._proxies[after_bytes] = CuttingProxy(("127.0.0.1", self.port), after_bytes)
        return self._proxies[after_bytes]

    def cutting_url(self, folder: str, after_bytes: int) -> str:
        """A plain ``imap://`` URL of ``folder`` through :meth:`cutting_proxy`."""
        return self.url(folder, port=self.cutting_proxy(after_bytes).port)

    def connect(self) -> imaplib.IMAP4:
        """A logged-in imaplib connection over plain IMAP."""
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        imap.login(self.user, self.password)
        return imap

    def append(self, folder: str, message: bytes, date: datetime | str | None = None, flags: str = r"(\Seen)") -> None:
        """Put one raw message (bytes, CRLF or LF line ends) into ``folder``, creating it if
        needed. ``date`` is the internal (arrival) date, default now; the message's own
        ``Date`` header is what it holds."""
        if isinstance(date, str):
            date = datetime.fromisoformat(date)
        when = imaplib.Time2Internaldate(date or datetime.now(timezone.utc))
        imap = self.connect()
        try:
            mailbox = _quoted(folder)
            if folder.upper() != "INBOX":
                if not [line for line in imap.list('""', mailbox)[1] if line]:
                    _check(imap.create(mailbox), f"CREATE {folder}")
            raw = message.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            _check(imap.append(mailbox, flags, when, raw), f"APPEND to {folder}")
        finally:
            imap.logout()

    def delete_folder(self, folder: str) -> None:
        """Remove a folder and its messages (INBOX: its messages only)."""
        imap = self.connect()
        try:
            mailbox = _quoted(folder)
            if folder.upper() == "INBOX":
                status, data = imap.select(mailbox)
                _check((status, data), "SELECT INBOX")
                if int(data[0]) > 0:
                    imap.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
                    imap.expunge()
                imap.close()
            elif [line for line in imap.list('""', mailbox)[1] if line]:
                _check(imap.delete(mailbox), f"DELETE {folder}")
        finally:
            imap.logout()


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, waiting for init to reap it, does not)."""
    try:
        os.kill(pid, 0)
        return not Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[-1].startswith("Z")
    except (ProcessLookupError, FileNotFoundError):
        return False


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check(response: tuple, what: str) -> None:
    status, data = response
    if status != "OK":
        raise RuntimeError(f"IMAP {what} failed: {status} {data!r}")
