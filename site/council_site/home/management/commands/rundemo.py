"""Run the demo: the web server and the Django-Q2 worker, in one foreground command.

Ctrl-C, SIGTERM or SIGHUP stops both, and everything they started: if either one exits, the
other is stopped too, so the demo never keeps half-running.

Each child runs in a session (and process group) of its own, so the terminal's Ctrl-C reaches
this command only, not the worker's own processes half-way through their start or stop.  This
command then asks each child to stop (SIGTERM: runserver and qcluster both stop cleanly on it),
waits, and finally kills whatever is left in each child's process group, which takes the
worker's sentinel, pusher, monitor and worker processes even if their parent has gone.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand

MANAGE = str(Path(sys.argv[0]).resolve()) if sys.argv and sys.argv[0].endswith("manage.py") else "manage.py"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
GRACE_SECONDS = 10


class Command(BaseCommand):
    help = "Run the web server and the Django-Q2 worker together (Ctrl-C stops both)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, addrport, **options):
        def stop(*_):
            raise KeyboardInterrupt

        for signum in STOP_SIGNALS:
            signal.signal(signum, stop)  # SIGINT too: also when started from a script that ignores it
        python = sys.executable
        children = {}
        try:
            children["worker"] = subprocess.Popen([python, MANAGE, "qcluster"], start_new_session=True)
            children["web"] = subprocess.Popen([python, MANAGE, "runserver", "--noreload", addrport], start_new_session=True)
            self.stdout.write(
                self.style.SUCCESS(f"Demo running on http://{addrport}/ (admin: http://{addrport}/admin/). Ctrl-C stops it.")
            )
            while all(child.poll() is None for child in children.values()):
                time.sleep(0.5)
            for name, child in children.items():
                if child.poll() is not None:
                    self.stderr.write(f"The {name} process stopped (exit {child.returncode}); stopping the demo.")
        except KeyboardInterrupt:
            self.stdout.write("Stopping the web server and the worker...")
        finally:
            for signum in STOP_SIGNALS:
                signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C does not cut the clean-up short
            stop_all(children.values())
            self.stdout.write("Stopped.")


def stop_all(children):
    """SIGTERM each child, wait up to ``GRACE_SECONDS``, then SIGKILL each child's whole group."""
    children = list(children)
    for child in children:
        if child.poll() is None:
            _signal_group(child.pid, signal.SIGTERM, leader_only=True)
    deadline = time.monotonic() + GRACE_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for child in children:
        # The group outlives its leader: a worker process whose parent died is still in it.
        _signal_group(child.pid, signal.SIGKILL)
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass


def _signal_group(pid: int, signum: int, leader_only: bool = False) -> None:
    try:
        if leader_only:
            os.kill(pid, signum)
        else:
            os.killpg(pid, signum)  # the child leads its own session, so its group id is its pid
    except (ProcessLookupError, PermissionError):
        pass
