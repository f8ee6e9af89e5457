"""Run the demo: the web server and the Django-Q2 worker, in one foreground command.

Ctrl-C (or SIGTERM) stops both. If either one exits, the other is stopped too, so the demo
never keeps half-running.
"""

import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand

MANAGE = str(Path(sys.argv[0]).resolve()) if sys.argv and sys.argv[0].endswith("manage.py") else "manage.py"


class Command(BaseCommand):
    help = "Run the web server and the Django-Q2 worker together (Ctrl-C stops both)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, addrport, **options):
        python = sys.executable
        children = {
            "worker": subprocess.Popen([python, MANAGE, "qcluster"]),
            "web": subprocess.Popen([python, MANAGE, "runserver", "--noreload", addrport]),
        }
        self.stdout.write(self.style.SUCCESS(f"Demo running on http://{addrport}/ (admin: http://{addrport}/admin/). Ctrl-C stops it."))

        def stop(*_):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)  # also when started from a script that ignores SIGINT
        try:
            while all(child.poll() is None for child in children.values()):
                time.sleep(0.5)
            for name, child in children.items():
                if child.poll() is not None:
                    self.stderr.write(f"The {name} process stopped (exit {child.returncode}); stopping the demo.")
        except KeyboardInterrupt:
            self.stdout.write("Stopping the web server and the worker...")
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.terminate()  # both runserver and qcluster stop cleanly on SIGTERM
            deadline = time.monotonic() + 15
            for child in children.values():
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
