"""Send times from the person's own mail: when each thank-you note really went out, and who
replied.

A person points the workbook at their sent mail (an mbox file, a Maildir, a folder of message
files, one ``.eml``, or an IMAP folder) and :func:`read_sent_mail` finds, for every person met,
the first message the candidate sent them after the interview (within ``window_days``): that is
their note. A message from that person back to the candidate after the note went out is their
reply. :meth:`Log.import_sent_mail <workbook.store.log.Log.import_sent_mail>` records what was
found, in one transaction.

Reading is the standard library's (:mod:`mailbox`, :mod:`email`, :mod:`imaplib`); no parser of
our own. Mail is messy, so one message that cannot be read is skipped and counted, never an
error; only a source that is not mail at all, or a server that cannot be reached, is a
:class:`~workbook.errors.MailImportError`. A message's headers are looked at only when they
name a person met; the bodies of other messages are never read, and nothing but the matches
leaves this module (the IMAP server is asked only for messages to or from a person met).
"""

from __future__ import annotations

import base64
import email
import email.policy
import email.utils
import hashlib
import imaplib
import ipaddress
import mailbox
import os
import re
import ssl
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

import pandas as pd

from . import config
from .errors import MailImportError, Problem, WorkbookError
from .patterns import CONTROL, CONTROL_MULTILINE, EMAIL

#: Environment variable giving the IMAP password when none is passed (never stored).
PASSWORD_ENV = config.IMAP_PASSWORD_ENV
#: Days after an interview ended in which a message to a person met counts as their note.
WINDOW_DAYS = 14
#: The columns of the table of matches, in order.
COLUMNS = ["interviewer_id", "interviewer", "company", "note_id", "message_id", "sent_at", "subject", "action",
           "difference"]
#: What an import does with each match.
ACTIONS = ("marked_sent", "added_note", "already_recorded", "reply")
# A message's header block is never longer than this; past it, what follows is not read.
_HEADER_LIMIT = 256 * 1024
_LINE_LIMIT = 64 * 1024
# Files in a mail folder that are the mail program's own, not messages (Thunderbird's index).
_NOT_MAIL = (".msf", ".plist", ".DS_Store", ".lock")
_IMAP_TIMEOUT = 60  # seconds
_IMAP_BATCH = 200  # messages per FETCH
#: How often (in messages read) a scan tells its progress.
PROGRESS_EVERY = 500
_POLICY = email.policy.default
# Control characters, which the log refuses in text (a note keeps tabs and line breaks).
# Characters the log refuses in text (see workbook.patterns): taken out of what is recorded.
_CONTROL = re.compile(CONTROL_MULTILINE)
_CONTROL_OR_BREAK = re.compile(CONTROL)
_EMAIL = re.compile(EMAIL)
_C1 = re.compile("[\x80-\x9f]+")


def _as_windows_text(text: str) -> str:
    """Text whose C1 control characters are Windows-1252's printable ones (curly quotes,
    dashes), as mail programs and browsers read a message labelled ISO-8859-1."""
    return _C1.sub(lambda found: found.group().encode("latin-1").decode("cp1252", errors="ignore"), text)


# -- the messages --------------------------------------------------------------------------

@dataclass
class Message:
    """One message that concerns the people met: what matching needs of it."""

    message_id: str
    sent_at: pd.Timestamp
    sender: str
    recipients: frozenset
    subject: str
    raw: bytes = field(repr=False)

    def text(self) -> str:
        """The message's text: its plain-text part, else its HTML part as text."""
        message = email.message_from_bytes(self.raw, policy=_POLICY)
        try:
            part = message.get_body(preferencelist=("plain", "html"))
            if part is None:
                return ""
            try:
                content = part.get_content()
            except LookupError:  # a charset Python does not know: the bytes as UTF-8, else Latin-1
                payload = part.get_payload(decode=True) or b""
                try:
                    content = payload.decode("utf-8")
                except UnicodeDecodeError:
                    content = payload.decode("latin-1")
        except (LookupError, ValueError, TypeError, AttributeError, UnicodeError):
            return ""
        if part.get_content_subtype() == "html":
            content = _html_text(content)
        return _CONTROL.sub("", _as_windows_text(content.replace("\r\n", "\n").replace("\r", "\n"))).strip()


@dataclass
class Scan:
    """What was read from the sources: the messages that concern the people met, how many
    messages were read, and why some of those were skipped."""

    messages: list[Message]
    scanned: int = 0
    skipped: Counter = field(default_factory=Counter)
    sources: tuple[str, ...] = ()
    #: Told ``(messages read, messages known so far)`` every few hundred messages, and at the end.
    progress: Callable[[int, int], None] | None = field(default=None, repr=False)
    expected: int = 0

    def expect(self, count: int) -> None:
        """``count`` more messages are to be read (a mailbox's, once its size is known)."""
        self.expected += count

    def read(self, count: int = 1) -> None:
        """``count`` messages were read."""
        before = self.scanned
        self.scanned += count
        if self.progress is not None and before // PROGRESS_EVERY != self.scanned // PROGRESS_EVERY:
            self.progress(self.scanned, max(self.expected, self.scanned))


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "p", "div", "li", "tr"):
            self.parts.append("\n")


def _html_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return re.sub(r"\n\s*\n+", "\n\n", "".join(parser.parts))


def _header_block(read) -> bytes:
    """A message's header block (up to the first empty line), read a line at a time."""
    lines = []
    size = 0
    while size < _HEADER_LIMIT:
        line = read()
        if not line or line in (b"\n", b"\r\n"):
            break
        lines.append(line)
        size += len(line)
    return b"".join(lines)


class _Interest:
    """Which messages concern the people met: a header block naming one of their addresses."""

    def __init__(self, people: set[str], candidate: set[str]):
        self.people = people
        self.candidate = candidate
        addresses = sorted(people, key=len, reverse=True)
        self._pattern = re.compile(b"|".join(re.escape(a.encode("utf-8", "replace")) for a in addresses)) if addresses else None

    def concerns(self, header: bytes) -> bool:
        return self._pattern is not None and self._pattern.search(header.lower()) is not None

    def read(self, header: bytes, raw: bytes, scan: Scan) -> None:
        """Keep the message whose headers are ``header`` (whole message ``raw``) if it goes
        from the candidate to a person met, or back; else count why it was skipped."""
        try:
            parsed = email.message_from_bytes(header + b"\n", policy=_POLICY)
            sender = {a.casefold() for _, a in email.utils.getaddresses([str(v) for v in parsed.get_all("from", [])]) if a}
            recipients = frozenset(a.casefold() for _, a in email.utils.getaddresses(
                [str(v) for name in ("to", "cc", "bcc") for v in parsed.get_all(name, [])]) if a)
            outgoing = bool(sender & self.candidate) and bool(recipients & self.people)
            incoming = bool(sender & self.people) and bool(recipients & self.candidate)
            if not (outgoing or incoming):
                return
            date = parsed.get("date")
            if date is None or not str(date).strip():
                scan.skipped["no date"] += 1
                return
            try:
                when = email.utils.parsedate_to_datetime(str(date))
            except (TypeError, ValueError, IndexError, OverflowError):
                scan.skipped["a date that cannot be read"] += 1
                return
            sent_at = pd.Timestamp(when)
            sent_at = sent_at.tz_localize("UTC") if sent_at.tzinfo is None else sent_at.tz_convert("UTC")
            subject = _CONTROL_OR_BREAK.sub(" ", _as_windows_text(str(parsed.get("subject") or ""))).strip()
            message_id = _CONTROL_OR_BREAK.sub("", str(parsed.get("message-id") or "")).strip()
        except (LookupError, ValueError, TypeError, AttributeError, IndexError, UnicodeError, email.errors.MessageError):
            scan.skipped["headers that cannot be read"] += 1
            return
        if not message_id:
            # The same message in two exports gives the same digest.
            digest = hashlib.sha256("\n".join(
                [",".join(sorted(sender)), ",".join(sorted(recipients)), sent_at.isoformat(), subject]).encode()).hexdigest()
            message_id = f"<sha256:{digest[:40]}>"
        scan.messages.append(Message(message_id, sent_at, min(sender & (self.candidate | self.people)),
                                     recipients, " ".join(subject.split()), raw))


# -- the sources ---------------------------------------------------------------------------

def is_imap(source) -> bool:
    """Whether ``source`` names an IMAP folder (``imap://`` or ``imaps://``), not a path."""
    return isinstance(source, str) and source.strip().lower().startswith(("imap://", "imaps://"))


def source_label(source) -> str:
    """A source as a message names it (an IMAP URL without any password)."""
    if is_imap(source):
        parts = urlsplit(source)
        host = parts.hostname or ""
        port = f":{parts.port}" if _port(parts) else ""
        user = f"{unquote(parts.username)}@" if parts.username else ""
        return f"{parts.scheme.lower()}://{user}{host}{port}{parts.path}"
    return str(source)


def _port(parts):
    try:
        return parts.port
    except ValueError:
        return None


def _read_path(path: Path, interest: _Interest, scan: Scan) -> None:
    label = str(path)
    if not path.exists():
        raise _error(label, "does not exist")
    if not path.is_dir():
        if not _read_file(path, interest, scan, alone=True):
            raise _error(label, "is not a mailbox or a mail message")
        return
    if _is_maildir(path):
        _read_maildir(path, interest, scan)
        return
    # A folder: the Maildirs in it, and every other file that is an mbox or a message.
    maildirs = sorted(d.parent for d in path.rglob("cur") if _is_maildir(d.parent))
    read_any = False
    for maildir in maildirs:
        _read_maildir(maildir, interest, scan)
        read_any = True
    for file in sorted(path.rglob("*")):
        if (file.is_file() and not file.name.startswith(".") and not file.name.endswith(_NOT_MAIL)
                and not any(file.is_relative_to(m) for m in maildirs)):
            read_any = _read_file(file, interest, scan, alone=False) or read_any
    if not read_any:
        raise _error(label, "holds no mail (no mbox file, Maildir or message file in it)")


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _read_file(path: Path, interest: _Interest, scan: Scan, alone: bool) -> bool:
    """Read an mbox file or one message file; False when it is neither."""
    try:
        with open(path, "rb") as file:
            start = file.read(5)
    except OSError as error:
        if alone:
            raise _error(str(path), f"cannot be read ({error.strerror or error})") from None
        scan.skipped["files that cannot be read"] += 1
        return True
    if start == b"From ":
        _read_mbox(path, interest, scan)
        return True
    if start == b"":
        return True  # an empty mailbox (a folder with nothing sent yet)
    try:
        with open(path, "rb") as file:
            header = _header_block(lambda: file.readline(_LINE_LIMIT))  # a binary file: never read whole
            if not _looks_like_headers(header):
                if not alone:
                    scan.skipped["files that are not mail"] += 1
                return False
            scan.read()
            if interest.concerns(header):
                interest.read(header, header + b"\n" + file.read(), scan)
    except OSError:
        scan.skipped["files that cannot be read"] += 1
    return True


_HEADER_LINE = re.compile(rb"^[!-9;-~]+:", re.MULTILINE)


def _looks_like_headers(header: bytes) -> bool:
    first = header.split(b"\n", 1)[0]
    return bool(header) and _HEADER_LINE.match(first) is not None


class _Mbox(mailbox.mbox):
    """The standard library's mbox, finding its messages' boundaries faster.

    :meth:`mailbox.mbox._generate_toc` reads the file a line at a time, asking the file its
    position before every line: on a 1 GB export that is most of the time an import takes.
    This one applies the same rule (a message starts at every line beginning ``From ``, and
    ends before the empty line that precedes the next one, or at the end of the file) by
    searching large blocks of the file for ``"\\nFrom "``, so that memory stays at one block
    whatever the size of the file, and leaves the rest (the messages' reading) to the standard
    library. ``tests/test_mail_rules.py`` checks that both give the same table of contents.
    """

    #: How much of the file is searched at a time.
    BLOCK = 1 << 22
    _MARK = b"\nFrom "

    def _generate_toc(self):
        file = self._file
        file.seek(0)
        starts: list[int] = []
        empty_before: list[bool] = []  # whether the line before each start is empty
        keep = len(self._MARK)
        if file.read(5) == b"From ":
            starts.append(0)
            empty_before.append(False)
        file.seek(0)
        tail, base = b"", 0  # the end of what was searched, and where it is in the file
        while block := file.read(self.BLOCK):
            data = tail + block
            # A mark found before is wholly inside the tail: the search starts after its first byte.
            found = data.find(self._MARK, 1 if len(tail) == keep else 0)
            while found != -1:
                starts.append(base + found + 1)
                empty_before.append(base + found == 0 or (found >= 1 and data[found - 1] == 0x0A))
                found = data.find(self._MARK, found + 1)
            tail = data[-keep:]
            base += len(data) - len(tail)
        size = base + len(tail)
        ends_empty = tail.endswith(b"\n\n") or tail == b"\n"
        stops = [start - 1 if empty else start for start, empty in zip(starts[1:], empty_before[1:])]
        if starts:
            stops.append(size - 1 if ends_empty else size)
        self._toc = dict(enumerate(zip(starts, stops)))
        self._next_key = len(self._toc)
        self._file_length = size

    def header_of(self, key) -> bytes:
        """The header block of message ``key`` (after its ``From `` line), without reading
        the rest of the message."""
        start, stop = self._lookup(key)
        self._file.seek(start)
        block = self._file.read(min(stop - start, 16384))
        first = block.find(b"\n") + 1
        if first and block[first:first + 1] in (b"\n", b"\r"):
            return b""  # no header at all
        end = _END_OF_HEADER.search(block, first) if first else None
        if end is not None:
            return block[first:end.start() + 1]
        self._file.seek(start)  # a long header: line by line
        self._file.readline()
        return _header_block(_bounded(self._file, stop))


_END_OF_HEADER = re.compile(rb"\n\r?\n")


def _bounded(file, stop: int):
    """readline() over ``file`` that stops at position ``stop``."""
    def readline():
        left = stop - file.tell()
        return file.readline(left) if left > 0 else b""
    return readline


def _read_mbox(path: Path, interest: _Interest, scan: Scan) -> None:
    try:
        box = _Mbox(path, create=False)
        keys = box.keys()  # finds the message boundaries, one pass over the file
        scan.expect(len(keys))
    except (OSError, mailbox.Error, ValueError) as error:
        raise _error(str(path), f"cannot be read as an mbox file ({error})") from None
    try:
        for key in keys:
            scan.read()
            try:
                header = box.header_of(key)
                if interest.concerns(header):
                    interest.read(header, box.get_bytes(key), scan)
            except (OSError, KeyError, ValueError):
                scan.skipped["messages that cannot be read"] += 1
    finally:
        box.close()


def _read_maildir(path: Path, interest: _Interest, scan: Scan) -> None:
    box = mailbox.Maildir(path, factory=None, create=False)
    try:
        keys = sorted(box.keys())
        scan.expect(len(keys))
    except OSError as error:
        raise _error(str(path), f"cannot be read as a Maildir ({error.strerror or error})") from None
    for key in keys:
        scan.read()
        try:
            with box.get_file(key) as handle:
                header = _header_block(handle.readline)
                if interest.concerns(header):
                    interest.read(header, header + b"\n" + handle.read(), scan)
        except (OSError, KeyError, ValueError):
            scan.skipped["messages that cannot be read"] += 1


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _modified_utf7(name: str) -> str:
    """A folder's name as IMAP writes it, in "modified UTF-7" (RFC 3501, 5.1.3: "Éléments
    envoyés" is "&AMk-l&AOk-ments envoy&AOk-s"), which imaplib leaves to its caller."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be")).decode("ascii")
            out.append("&" + encoded.rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for character in name:
        if " " <= character <= "~":
            flush()
            out.append("&-" if character == "&" else character)
        else:
            pending.append(character)
    flush()
    return "".join(out)


def _imap_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read_imap(url: str, password: str | None, interest: _Interest, scan: Scan) -> None:
    label = source_label(url)
    parts = urlsplit(url)
    secure = parts.scheme.lower() == "imaps"
    host = parts.hostname
    if not host:
        raise _error(label, "names no server (imaps://you@imap.example.com/Sent)")
    if _port(parts) is None and ":" in (parts.netloc.rsplit("@", 1)[-1].replace(f"[{host}]", "")):
        raise _error(label, "has a port that is not a number")
    if not parts.username:
        raise _error(label, "names no user (imaps://you@imap.example.com/Sent)")
    if not secure and not _loopback(host):
        raise _error(label, "would send your password unencrypted: use imaps:// (plain imap:// only to this machine)")
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    user = unquote(parts.username)
    password = password if password is not None else os.environ.get(PASSWORD_ENV)
    if not password:
        raise _error(label, f"needs your password (the password= argument, or ${PASSWORD_ENV})")
    port = _port(parts) or (993 if secure else 143)
    try:
        if secure:
            server = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(), timeout=_IMAP_TIMEOUT)
        else:
            server = imaplib.IMAP4(host, port, timeout=_IMAP_TIMEOUT)
    except ssl.SSLCertVerificationError as error:
        raise _error(label, f"the server's certificate could not be verified ({error.verify_message}); "
                            "nothing was read") from None
    except (OSError, imaplib.IMAP4.error) as error:
        raise _error(label, f"cannot connect to {host}:{port} ({_reason(error)})") from None
    try:
        try:
            if f"{user}{password}".isascii():
                server.login(user, password)
            else:
                # LOGIN takes ASCII only; SASL PLAIN (RFC 4616) carries UTF-8.
                credentials = f"\0{user}\0{password}".encode("utf-8")
                server.authenticate("PLAIN", lambda _challenge: credentials)
        except imaplib.IMAP4.error:
            raise _error(label, f"the server refused the login of {user!r}: check the user name and password") from None
        status, _ = server.select(_imap_quote(_modified_utf7(folder)), readonly=True)
        if status != "OK":
            raise _error(label, f"has no folder {folder!r}{_folders(server)}")
        uids = _imap_search(server, interest, scan)
        scan.expect(len(uids))
        for start in range(0, len(uids), _IMAP_BATCH):
            batch = uids[start:start + _IMAP_BATCH]
            headers = _imap_fetch(server, batch, "BODY.PEEK[HEADER]")
            scan.read(len(batch))
            wanted = [uid for uid, header in headers.items() if interest.concerns(header)]
            if wanted:
                whole = _imap_fetch(server, wanted, "BODY.PEEK[]")
                for uid in wanted:
                    raw = whole.get(uid)
                    if raw is None:
                        scan.skipped["messages the server did not send"] += 1
                        continue
                    interest.read(_header_block(_lines(raw)), raw, scan)
    except WorkbookError:
        raise
    except UnicodeError:
        # What imaplib could not send (never said: it may hold the password).
        raise _error(label, f"{host} could not be asked for the mail (a name or address it cannot take); nothing "
                            "was imported") from None
    except (OSError, imaplib.IMAP4.error, EOFError) as error:
        raise _error(label, f"the connection to {host} was lost while reading ({_reason(error)}); nothing was "
                            "imported") from None
    finally:
        try:
            server.logout()
        except (OSError, imaplib.IMAP4.error, EOFError):
            try:  # logout() closes the socket only when the server answered
                server.shutdown()
            except OSError:
                pass


def _lines(raw: bytes):
    lines = iter(raw.splitlines(keepends=True))
    return lambda: next(lines, b"")


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text.splitlines()[0][:200]


def _folders(server) -> str:
    try:
        status, listed = server.list()
    except (OSError, imaplib.IMAP4.error):
        return ""
    if status != "OK":
        return ""
    names = []
    for line in listed or []:
        if isinstance(line, bytes):
            match = re.search(rb'"?([^"]*)"?\s*$', line)
            if match:
                names.append(match.group(1).decode("utf-8", "replace"))
    return f"; its folders: {', '.join(sorted(names))}" if names else ""


def _imap_search(server, interest: _Interest, scan: Scan) -> list[bytes]:
    """The UIDs of messages to or from a person met, asked of the server (so that no other
    message leaves the mailbox), a few addresses per SEARCH."""
    found: set[bytes] = set()
    people = sorted(a for a in interest.people if a.isascii())
    if len(people) < len(interest.people):
        # A SEARCH is ASCII text; the messages to or from such an address are not asked for.
        scan.skipped["addresses of people met the server cannot be searched for (not ASCII)"] += (
            len(interest.people) - len(people))
    for start in range(0, len(people), 20):
        terms = []
        for address in people[start:start + 20]:
            quoted = _imap_quote(address)
            terms.append(f"OR OR OR TO {quoted} CC {quoted} BCC {quoted} FROM {quoted}")
        criteria = terms[0]
        for term in terms[1:]:
            criteria = f"OR ({criteria}) ({term})"
        status, data = server.uid("SEARCH", None, criteria)
        if status != "OK":
            raise imaplib.IMAP4.error(f"SEARCH failed: {data!r}")
        for line in data:
            found.update((line or b"").split())
    return sorted(found, key=int)


def _imap_fetch(server, uids: list[bytes], what: str) -> dict[bytes, bytes]:
    status, data = server.uid("FETCH", b",".join(uids).decode(), f"(UID {what})")
    if status != "OK":
        raise imaplib.IMAP4.error(f"FETCH failed: {status}")
    fetched = {}
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            match = re.search(rb"UID (\d+)", item[0])
            if match:
                fetched[match.group(1)] = item[1]
    return fetched


def _error(source: str, problem: str) -> MailImportError:
    return MailImportError(f"{source}: {problem}", [Problem(source, "source", problem, MailImportError)])


def scan_sources(source, people, candidate_addresses, password: str | None = None, progress=None) -> Scan:
    """Read ``source`` (a path, an IMAP URL, or a list of them) for the messages between the
    candidate (``candidate_addresses``) and the people met (``people``, their addresses);
    ``progress(read, known)`` is told how far it got every :data:`PROGRESS_EVERY` messages
    and at the end."""
    sources = list(source) if isinstance(source, (list, tuple)) else [source]
    if not sources:
        raise _error("(no source)", "name a mailbox file, a folder or an IMAP folder")
    interest = _Interest({a.casefold() for a in people if a}, {a.casefold() for a in candidate_addresses if a})
    scan = Scan([], sources=tuple(source_label(s) for s in sources), progress=progress)
    for one in sources:
        if is_imap(one):
            _read_imap(one, password, interest, scan)
        else:
            if not isinstance(one, (str, os.PathLike)) or not str(one).strip():
                raise _error(repr(one), "is not a path or an IMAP URL")
            _read_path(Path(os.path.expanduser(str(one).strip())), interest, scan)
    if progress is not None:
        progress(scan.scanned, scan.scanned)
    return scan


# -- matching ------------------------------------------------------------------------------

def candidate_addresses(candidate_email, addresses) -> set[str]:
    """The candidate's addresses: the log's and those given (a list, or text separated by
    commas, semicolons or spaces; "Maya <maya@example.com>" is fine), compared without case.
    A MailImportError names a given one that is not an address."""
    given = [addresses] if isinstance(addresses, str) else list(addresses or [])
    found = set()
    for text in given:
        text = str(text)
        parts = ([a for _, a in email.utils.getaddresses([text.replace(";", ",")])] if "<" in text
                 else re.split(r"[,;\s]+", text))
        for part in (p.strip() for p in parts):
            if not part:
                continue
            if not _EMAIL.match(part):
                raise MailImportError(f"addresses: {part!r} is not an email address",
                                      [Problem("addresses", "addresses", f"{part!r} is not an email address",
                                               MailImportError)])
            found.add(part.casefold())
    if isinstance(candidate_email, str) and candidate_email.strip():
        found.add(candidate_email.strip().casefold())
    return found


def match(scan: Scan, people: pd.DataFrame, notes: pd.DataFrame, candidate: set[str],
          window_days: int = WINDOW_DAYS, now: pd.Timestamp | None = None) -> pd.DataFrame:
    """What the messages of ``scan`` say about the people met: the table of :data:`COLUMNS`
    plus ``body`` (the text of a note to add).

    ``people``: the candidate's people met (``interviewer_id``, ``interviewer``, ``company``,
    ``email``, ``ended_at``); ``notes``: their notes as the log holds them. A message dated
    after ``now`` (a wrong clock; :func:`count_future` counts them) is not used.
    """
    messages = pd.DataFrame(
        [(m.message_id, m.sent_at, m.sender, sorted(m.recipients), m.subject, i) for i, m in enumerate(scan.messages)],
        columns=["message_id", "sent_at", "sender", "recipients", "subject", "index"])
    messages["sent_at"] = pd.to_datetime(messages["sent_at"], utc=True)
    messages = messages.drop_duplicates("message_id")
    if now is not None:
        messages = messages[messages["sent_at"] <= now]
    people = people.assign(email=people["email"].astype(str).str.strip().str.casefold())
    window = pd.Timedelta(days=window_days)

    # A note: from the candidate to a person met, after the interview ended, within the window;
    # a message to someone met at two interviews is the note of the latest one before it.
    sent = messages[messages["sender"].isin(candidate)].explode("recipients").rename(columns={"recipients": "email"})
    sent = sent.merge(people, on="email")
    sent = sent[(sent["sent_at"] > sent["ended_at"]) & (sent["sent_at"] <= sent["ended_at"] + window)]
    sent = sent.sort_values(["message_id", "email", "ended_at"]).drop_duplicates(["message_id", "email"], keep="last")
    first = sent.sort_values(["sent_at", "message_id"]).drop_duplicates("interviewer_id")

    notes = notes.sort_values("note_id")
    sent_notes = notes[notes["sent_at"].notna()].sort_values(["sent_at", "note_id"]).drop_duplicates("interviewer_id")
    drafts = notes[notes["sent_at"].isna()].drop_duplicates("interviewer_id", keep="last")
    first = first.merge(sent_notes[["interviewer_id", "note_id", "sent_at", "replied_at"]]
                        .rename(columns={"note_id": "sent_note", "sent_at": "recorded_at"}), on="interviewer_id", how="left")
    first = first.merge(drafts[["interviewer_id", "note_id"]].rename(columns={"note_id": "draft"}),
                        on="interviewer_id", how="left")
    recorded = first["sent_note"].notna()
    first["action"] = "added_note"
    first.loc[first["draft"].notna(), "action"] = "marked_sent"
    first.loc[recorded, "action"] = "already_recorded"
    first["note_id"] = first["sent_note"].where(recorded, first["draft"])
    first["difference"] = (first["sent_at"] - first["recorded_at"]).where(recorded)
    first["body"] = [scan.messages[i].text() if action == "added_note" else None
                     for i, action in zip(first["index"], first["action"])]

    # Each person's note once this import is done (one per person: their first sent), and
    # when it went out.
    went_out = pd.concat([
        pd.DataFrame({"interviewer_id": first["interviewer_id"], "note_id": first["note_id"],
                      "out_at": first["recorded_at"].where(recorded, first["sent_at"]),
                      "replied_at": first["replied_at"]}),
        sent_notes[~sent_notes["interviewer_id"].isin(first["interviewer_id"])][
            ["interviewer_id", "note_id", "sent_at", "replied_at"]].rename(columns={"sent_at": "out_at"}),
    ], ignore_index=True).merge(people[["interviewer_id", "interviewer", "company", "email"]], on="interviewer_id")

    # A reply: from a person met to the candidate after their note went out; the earliest one
    # for each note (from a person met twice: to the note sent last before it).
    replies = messages[messages["sender"].isin(people["email"])]
    to_candidate = pd.Series([bool(candidate.intersection(r)) for r in replies["recipients"]], index=replies.index,
                             dtype=bool)
    replies = replies[to_candidate]
    replies = replies.rename(columns={"sender": "email"}).merge(went_out, on="email")
    replies = replies[replies["sent_at"] > replies["out_at"]]
    replies = replies.sort_values(["message_id", "out_at"]).drop_duplicates("message_id", keep="last")
    replies = replies.sort_values(["sent_at", "message_id"]).drop_duplicates("interviewer_id")
    answered = replies["replied_at"].notna()
    replies["action"] = "reply"
    replies.loc[answered, "action"] = "already_recorded"
    replies["difference"] = (replies["sent_at"] - replies["replied_at"]).where(answered)
    replies["body"] = None

    table = pd.concat([first.assign(kind="note"), replies.assign(kind="reply")], ignore_index=True)
    table = table.reindex(columns=[*COLUMNS, "body", "kind"])
    table = table.sort_values(["sent_at", "kind"], kind="stable").reset_index(drop=True)
    return pd.DataFrame({
        "interviewer_id": table["interviewer_id"].astype("Int64"),
        "interviewer": table["interviewer"].astype(object),
        "company": table["company"].astype(object),
        "note_id": table["note_id"].astype("Int64"),
        "message_id": table["message_id"].astype(object),
        "sent_at": pd.to_datetime(table["sent_at"], utc=True),
        "subject": table["subject"].astype(object),
        "action": table["action"].astype(object),
        "difference": pd.to_timedelta(table["difference"]),
        "body": table["body"].astype(object),
        "kind": table["kind"].astype(object),
    })


def count_future(scan: Scan, now: pd.Timestamp) -> None:
    """Count the messages dated after ``now`` (a wrong clock) as skipped: no time in the log
    may be after now, so they are not used."""
    future = sum(m.sent_at > now for m in scan.messages)
    if future:
        scan.skipped["a date in the future"] += future


def summary(table: pd.DataFrame, scan: Scan, done: bool) -> str:
    """One sentence a person reads: what was found (or done) and what was skipped."""
    counts = table["action"].value_counts()
    parts = []
    for action, one, many, would_one, would_many in (
            ("marked_sent", "1 draft marked as sent", "{} drafts marked as sent",
             "1 draft to mark as sent", "{} drafts to mark as sent"),
            ("added_note", "1 note recorded", "{} notes recorded", "1 note to record", "{} notes to record"),
            ("reply", "1 reply recorded", "{} replies recorded", "1 reply to record", "{} replies to record"),
            ("already_recorded", "1 already recorded", "{} already recorded", "1 already recorded",
             "{} already recorded")):
        n = int(counts.get(action, 0))
        if n:
            parts.append((one if done else would_one) if n == 1 else (many if done else would_many).format(n))
    read = f"Read {scan.scanned:,} message{'s' if scan.scanned != 1 else ''}"
    found = ": " + ", ".join(parts) + "." if parts else ": no thank-you note or reply to the people met was found."
    skipped = sum(scan.skipped.values())
    if skipped:
        reasons = ", ".join(f"{n} with {reason}" if not reason.startswith(("files", "messages", "addresses")) else f"{n} {reason}"
                            for reason, n in scan.skipped.most_common())
        found += f" Skipped {skipped} that could not be used ({reasons})."
    return read + found


def candidate_frames(rows, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The candidate's people met with an address (with their interview's company and end)
    and their notes; ``rows(kind, field, keys)`` reads the log (a write's own, inside one)."""
    interviews = rows("interviews", "candidate", pd.Series([name]))
    interviewers = rows("interviewers", "interview_id", interviews["interview_id"])
    notes = rows("notes", "interviewer_id", interviewers["interviewer_id"])
    people = interviewers.merge(interviews[["interview_id", "company", "ends_at", "timezone"]], on="interview_id")
    people = people.rename(columns={"name": "interviewer", "ends_at": "ended_at"})
    people = people[people["email"].notna() & people["email"].astype(str).str.contains("@", regex=False)]
    return people[["interviewer_id", "interviewer", "company", "email", "ended_at", "timezone"]], notes


def read_sent_mail(source, log, candidate, window_days: int = WINDOW_DAYS, addresses=None, password=None,
                   now=None, progress=None) -> pd.DataFrame:
    """What :meth:`Log.import_sent_mail <workbook.store.log.Log.import_sent_mail>` would do
    with the mail in ``source``, without writing anything: one row per match (see there).

    ``source``: an mbox file (Gmail Takeout, Thunderbird, Apple Mail), a Maildir, a folder of
    message files (searched through), one ``.eml``, an IMAP folder
    (``imaps://user@host[:port]/Folder``; plain ``imap://`` only to this machine), or a list of
    these. ``password`` (IMAP): else ``$WORKBOOK_IMAP_PASSWORD``; never kept. ``progress(read,
    known)``, if given, is told how many messages were read (see :func:`scan_sources`).
    """
    found = read(source, log, candidate, window_days, addresses, password, now, progress)
    return public(found.plan, found.scan, done=False)


@dataclass
class Reading:
    """What reading the mail for an import found: the candidate, their addresses, the window,
    "now", the scan and the matches as the log stood when it was read."""

    candidate: str
    addresses: set
    window_days: int
    now: pd.Timestamp
    scan: Scan
    plan: pd.DataFrame

    def match_again(self, rows) -> pd.DataFrame:
        """The matches against the log as ``rows`` reads it (a write's own, inside it)."""
        people, notes = candidate_frames(rows, self.candidate)
        return match(self.scan, people, notes, self.addresses, self.window_days, self.now)


def read(source, log, candidate, window_days=WINDOW_DAYS, addresses=None, password=None, now=None,
         progress=None) -> Reading:
    """Read the mail in ``source`` for ``candidate``'s people met and match it with the log
    (see :func:`read_sent_mail`); errors before any mail is read when the candidate, their
    addresses or the window are wrong."""
    from .instants import resolve_now
    from .store import reading

    name, mine = candidate_of(log, candidate, addresses)
    window_days = check_window(window_days)
    now = resolve_now(now)
    with log.reading() as conn:
        people, notes = candidate_frames(lambda *a: reading.rows_where(conn, *a), name)
    scan = scan_sources(source, set(people["email"].str.casefold()), mine, password, progress)
    count_future(scan, now)
    return Reading(name, mine, window_days, now, scan, match(scan, people, notes, mine, window_days, now))


def candidate_of(log, candidate, addresses) -> tuple[str, set[str]]:
    """The candidate's name in the log and their addresses (the log's and ``addresses``)."""
    from .calendar import candidate_address

    email_address, name = candidate_address(log, candidate)
    mine = candidate_addresses(email_address, addresses)
    if not mine:
        raise MailImportError(
            f"the log has no email address for {name}: give it in About you (01), or give the addresses you "
            "send from (Your other addresses; addresses=[...] in code)",
            [Problem(f"candidate {name!r}", "email", "is missing: the sent mail cannot be told apart",
                     MailImportError, "candidate", name)])
    return name, mine


def check_window(window_days) -> int:
    """``window_days`` as a whole number of days above 0, or a MailImportError."""
    try:
        days = int(window_days)
        if isinstance(window_days, bool) or days != window_days or days < 1:
            raise ValueError
    except (TypeError, ValueError):
        raise MailImportError(f"window_days: {window_days!r} is not a whole number of days above 0",
                              [Problem("window_days", "window_days", "is not a whole number of days above 0",
                                       MailImportError)]) from None
    return days


def public(plan: pd.DataFrame, scan: Scan, done: bool) -> pd.DataFrame:
    """The table a person gets: the matches, with what was read and skipped in ``attrs``."""
    table = plan[COLUMNS].copy()
    table.attrs = {"scanned": scan.scanned, "skipped": dict(scan.skipped), "summary": summary(plan, scan, done),
                   "sources": scan.sources}
    return table


__all__ = ["ACTIONS", "COLUMNS", "MailImportError", "read_sent_mail", "scan_sources", "match", "summary"]
