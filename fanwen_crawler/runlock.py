"""One run per database: an exclusive lock on `<database>.lock`, held while a crawl or an
import writes.

The lock is the kernel's (flock), so it goes with its process: a run killed with kill -9 or a
power cut leaves no stale lock behind, and the next run simply takes it. The file also says who
holds it, for the message a second run prints.
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from pipelines.errors import FanwenError


class DatabaseBusy(FanwenError):
    """Another run holds the database."""


class RunLock:
    # Databases this process holds the lock of (a crawl started by `fanwen crawl` holds it
    # before Scrapy starts; one started by `scrapy crawl` takes it in its pipeline).
    _held: set[str] = set()

    def __init__(self, db: str | Path, what: str) -> None:
        self.path = Path(f"{db}.lock")
        self.db = str(db)
        self.what = what
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the lock now, or raise DatabaseBusy naming the run that holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise FanwenError(
                f"{self.path}: cannot create the lock file ({error.strerror})"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise DatabaseBusy(f"{self.db} is in use by {holder}; try again when it ends") from None
        os.ftruncate(fd, 0)
        info = {
            "pid": os.getpid(),
            "what": self.what,
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        os.write(fd, json.dumps(info).encode())
        os.fsync(fd)
        self._fd = fd
        RunLock._held.add(self._key)

    @property
    def _key(self) -> str:
        return str(self.path.resolve())

    def held_here(self) -> bool:
        """Whether this process holds the lock already (through another RunLock)."""
        return self._key in RunLock._held

    def release(self) -> None:
        if self._fd is not None:
            RunLock._held.discard(self._key)
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _read_holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "another run"
    return f"{info.get('what', 'another run')} (pid {info.get('pid')}, since {info.get('since')})"
