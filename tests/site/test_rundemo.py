"""`manage.py rundemo` (what `make demo` runs) stops the web server, the Django-Q2 worker and
every process they started, on Ctrl-C (SIGINT to the terminal's whole foreground group) and
on SIGTERM."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid``, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def serving(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/favicon.ico", timeout=1)
    except urllib.error.HTTPError:
        return True  # any HTTP answer: the server is up
    except OSError:
        return False
    return True


@pytest.fixture
def demo_env(tmp_path):
    """A database of its own (SQLite file) with the worker's tables, and no Redis."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    env["PYTHONUNBUFFERED"] = "1"
    subprocess.run([sys.executable, "manage.py", "migrate", "django_q", "--verbosity", "0"], cwd=REPO, env=env, check=True)
    return env


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_rundemo_leaves_no_process_behind(demo_env, how):
    port = free_port()
    demo = subprocess.Popen(
        [sys.executable, "manage.py", "rundemo", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=demo_env,
        start_new_session=True,  # a terminal of its own: Ctrl-C reaches its whole group
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until(lambda: serving(port), 60, "the web server")
        # The worker's sentinel has started its own processes (pusher, monitor, workers).
        wait_until(lambda: len(descendants(demo.pid)) >= 4, 60, "the worker's processes")
        time.sleep(1)
        started = descendants(demo.pid)

        if how == "ctrl-c":
            os.killpg(demo.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        else:
            demo.send_signal(signal.SIGTERM)
        output, _ = demo.communicate(timeout=40)

        wait_until(lambda: not any(alive(pid) for pid in started), 10, "every process to stop")
        assert not serving(port)
        assert b"Traceback" not in output, output.decode(errors="replace")
        assert b"Stopped." in output
    finally:
        for pid in descendants(demo.pid) | {demo.pid}:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        demo.wait(timeout=5)
