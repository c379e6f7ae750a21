"""`fanwen serve`: Datasette on a fanwen database, with its metadata (metadata.py) and the
search plugin (plugin.py), on loopback unless told otherwise.

The database is opened as a fanwen store first, as every other command does: a file that is
not a fanwen database is refused in one line, and an older schema is brought up to date (the
plugin needs `essays.seq` and the index keyed by it). Datasette then reads it without locking
it: a crawl can write meanwhile (the database is in WAL mode).
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipelines.errors import FanwenError

INSTALL_HINT = "pip install -e '.[analyst]'"
MISSING = f"Datasette is not installed (the analyst extra): {INSTALL_HINT}"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
# Datasette settings: essay texts are long, a table page shows the start of each; a facet
# shows its 10 commonest values (its "…" link shows more).
SETTINGS = {"truncate_cells_html": 200, "default_facet_size": 10}


def datasette_available() -> bool:
    try:
        import datasette  # noqa: F401
    except ImportError:
        return False
    return True


def require_datasette() -> None:
    """FanwenError, saying how to install it, when Datasette cannot be imported."""
    if not datasette_available():
        raise FanwenError(MISSING)


def database_name(db: str | Path) -> str:
    """The name Datasette gives the database (in its URLs): the file name without extension."""
    return Path(db).stem


def make_datasette(db: str | Path, settings: dict[str, Any] | None = None) -> Any:
    """A Datasette instance on the database, with fanwen's metadata and plugin."""
    require_datasette()
    from datasette.app import Datasette

    from fanwen_crawler import api
    from fanwen_crawler.analyst import plugin
    from fanwen_crawler.analyst.metadata import build_metadata

    with api.open_store(db, must_exist=True):
        pass  # a fanwen database, at the current schema
    plugin.register()
    return Datasette(
        [str(db)],
        metadata=build_metadata(database_name(db)),
        settings={**SETTINGS, **(settings or {})},
    )


def _check_port(host: str, port: int) -> None:
    """FanwenError when the address cannot be listened on (uvicorn would log and exit)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise FanwenError(f"cannot listen on {host}: {error.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise FanwenError(
                    f"port {port} on {host} is in use: --port picks another"
                ) from None
            raise FanwenError(f"cannot listen on {host}:{port}: {error.strerror}") from None


def serve(
    db: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the database with Datasette until Ctrl-C (or SIGTERM)."""
    try:
        ds = make_datasette(db)
        _check_port(host, port)
        import uvicorn

        shown = f"[{host}]" if ":" in host else host
        name = database_name(db)
        announce(
            f"Datasette on http://{shown}:{port}/{name} (essays: /{name}/essays); Ctrl-C stops it"
        )
        # uvicorn shuts down gracefully on SIGINT / SIGTERM, then raises the signal again: the
        # KeyboardInterrupt of Ctrl-C ends the command here, without a traceback.
        uvicorn.run(ds.app(), host=host, port=port, log_level="info", lifespan="on", workers=1)
    except KeyboardInterrupt:
        pass
