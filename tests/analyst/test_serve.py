"""`fanwen serve`: Datasette really serving the database on loopback, stopped by Ctrl-C
without a traceback; one-line errors without the extra, for a missing or foreign database and
for a port in use."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanwen_crawler.analyst import serve
from fanwen_crawler.analyst.screenshot import free_port, serving
from fanwen_crawler.cli import cli
from pipelines.errors import FanwenError
from tests.conftest import REPO

HINT = "pip install -e '.[analyst]'"


def _listening_addresses(port: int) -> set[str]:
    """The IPv4 / IPv6 addresses listening on `port` (Linux /proc/net/tcp*), hex as the kernel
    writes them: 0100007F is 127.0.0.1."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_serve_answers_on_loopback_and_stops_on_ctrl_c(demo_db: Path) -> None:
    port = free_port()
    with serving(demo_db, port) as served:
        assert served.base_url == f"http://127.0.0.1:{port}/fanwen"
        query = urllib.parse.urlencode({"_search": "申请书", "_shape": "array", "_col": "title"})
        with urllib.request.urlopen(f"{served.base_url}/essays.json?{query}", timeout=10) as page:
            rows = json.load(page)
        assert rows and all(set(row) == {"id", "title"} for row in rows)
        if Path("/proc/net/tcp").exists():
            assert _listening_addresses(port) == {"0100007F"}
    # serving() sent SIGINT, as Ctrl-C does, and waited.
    assert served.process.returncode == 0, served.stderr
    assert "Traceback" not in served.stderr + served.stdout
    assert served.stdout.startswith(f"Datasette on http://127.0.0.1:{port}/fanwen ")
    assert "Application shutdown complete" in served.stderr


def test_without_datasette_one_line_says_how_to_install(demo_db: Path) -> None:
    """The extra missing, simulated: `import datasette` fails in the child process."""
    code = (
        "import sys; sys.modules['datasette'] = None\n"
        "from fanwen_crawler.cli import main\n"
        f"sys.argv = ['fanwen', 'serve', '--db', {str(demo_db)!r}]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and HINT in result.stderr, result.stderr


def test_availability_check(monkeypatch: pytest.MonkeyPatch) -> None:
    assert serve.datasette_available()
    monkeypatch.setitem(sys.modules, "datasette", None)
    assert not serve.datasette_available()
    with pytest.raises(FanwenError, match=r"pip install -e '\.\[analyst\]'"):
        serve.require_datasette()


def _one_line_error(args: list[str]) -> str:
    result = CliRunner().invoke(cli, ["serve", *args])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def test_missing_database_is_one_line_error(tmp_path: Path) -> None:
    assert "no such database" in _one_line_error(["--db", str(tmp_path / "none.db")])
    assert not (tmp_path / "none.db").exists()


def test_foreign_database_is_one_line_error(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    assert "another application" in _one_line_error(["--db", str(other)])


def test_port_in_use_is_one_line_error(demo_db: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert f"port {port} on 127.0.0.1 is in use" in _one_line_error(
            ["--db", str(demo_db), "--port", str(port)]
        )


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "fanwen serve --db data/fanwen.db" in result.output
    assert "127.0.0.1" in result.output
