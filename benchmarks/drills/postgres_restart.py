#!/usr/bin/env python
"""Drill: PostgreSQL restarted during a burst of complaint submissions.

    .venv/bin/python benchmarks/drills/postgres_restart.py [--submissions 60] [--workers 8]

1. Starts a PostgreSQL instance of its own (``initdb`` in a temporary folder, a free port;
   run as root it runs PostgreSQL as the ``postgres`` user), so the restart disturbs no other
   database on the machine.  ``--database-url URL --restart-command CMD`` uses an existing
   server instead (for example ``--restart-command "pg_ctlcluster 15 main restart"``).
2. Migrates it, loads ``process_configs/`` and serves the site with production settings
   (``drill_settings.py``) under ``manage.py runserver``.
3. Sends the burst: each submission is a ``POST /api/complaints/v1/complaints/`` with its
   own ``Idempotency-Key``, from several threads at once.  When a third of them have been
   answered, PostgreSQL is restarted (``pg_ctl restart -m fast``: every connection is cut).
4. Every submission that failed (a 503, a 500, a dropped connection) is sent again with the
   same key until it is answered 200/201.
5. Checks the database: each key gave exactly one case; there are exactly as many cases as
   keys; no case lacks its points, clocks or "file" event, no submission row lacks its case,
   no attachment row lacks its file.

Prints what happened and exits 1 if any check failed.  Needs PostgreSQL's server binaries
(``/usr/lib/postgresql/*/bin``) and the project installed in ``.venv`` (``make install-test``).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# Kept on the versions the drill loads: the seeds depart from the law where their pages do.
SEED_REASON = "A restart drill: the seed authorities' own pages, each quoted in its file in process_configs/."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path:
        return path
    sys.exit(f"PostgreSQL's {name} was not found (install the postgresql package)")


class OwnPostgres:
    """A throwaway PostgreSQL server in a temporary folder."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="pg-drill-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")

    def run(self, *args):
        subprocess.run([*self.as_postgres, *args], check=True, capture_output=True, text=True)

    def start(self):
        self.run(pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.run(*self.pg_ctl("start"))
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def pg_ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        return [pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", action, *extra]

    def restart(self):
        self.run(*self.pg_ctl("restart", "-m", "fast"))

    def stop(self):
        try:
            self.run(*self.pg_ctl("stop", "-m", "immediate"))
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def body(n: int) -> dict:
    happened = date.today() - timedelta(days=7)
    return {
        "authority": "walsall",
        "complainant_relationship": "parent_or_carer",
        "complainant_name": f"Drill Person {n}",
        "child_name": f"Drill Child {n}",
        "child_agrees": "yes",
        "service": "Children's disability team",
        "what_happened": "A drill submission.",
        "happened_on": happened.isoformat(),
        "desired_outcome": "Nothing: this is a drill.",
        "preferred_contact": "email",
        "complainant_email": f"drill{n}@example.org",
    }


def send(url: str, key: str, data: dict) -> tuple[int, dict | None]:
    request = urllib.request.Request(
        url,
        data=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, None  # the connection itself failed


def django_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "drill_settings",
        "PYTHONPATH": os.pathsep.join([str(REPO / "site"), str(REPO), str(Path(__file__).parent)]),
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": tempfile.mkdtemp(prefix="drill-media-"),
        "LOG_LEVEL": "WARNING",
    }


CHECK = r"""
import json, django
django.setup()
from complaints_process.models import Attachment, CaseEvent, Complaint, Deadline, PointOfComplaint, Submission
from complaints_process.idempotency import key_hash
from complaints_process.models import Authority
keys = json.loads(open(KEYS).read())
walsall = Authority.objects.get(slug="walsall").pk  # every drill submission is to Walsall
per_key = {key: list(Submission.objects.filter(key_hash=key_hash(walsall, key)).values_list("complaint__reference", flat=True)) for key in keys}
cases = Complaint.objects.all()
print(json.dumps({
    "keys": len(keys),
    "keys_with_one_case": sum(1 for refs in per_key.values() if len(refs) == 1 and refs[0]),
    "cases": cases.count(),
    "distinct_references": len({refs[0] for refs in per_key.values() if refs and refs[0]}),
    "cases_without_points": cases.exclude(pk__in=PointOfComplaint.objects.values("case")).count(),
    "cases_without_deadlines": cases.exclude(pk__in=Deadline.objects.values("case")).count(),
    "cases_without_file_event": cases.exclude(pk__in=CaseEvent.objects.filter(action="file").values("case")).count(),
    "cases_without_submission": cases.exclude(pk__in=Submission.objects.values("complaint")).count(),
    "submissions_without_case": Submission.objects.filter(complaint__isnull=True, feedback__isnull=True).count(),
    "attachments_without_file": sum(1 for a in Attachment.objects.all() if not a.file.storage.exists(a.file.name)),
}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=60)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--database-url", help="use this PostgreSQL database instead of starting one")
    parser.add_argument("--restart-command", help="with --database-url: the shell command that restarts that server")
    args = parser.parse_args()
    if bool(args.database_url) != bool(args.restart_command):
        parser.error("--database-url and --restart-command go together")

    own = None if args.database_url else OwnPostgres()
    database_url = args.database_url or own.start()
    restart = (lambda: subprocess.run(args.restart_command, shell=True, check=True)) if own is None else own.restart
    env = django_env(database_url)
    server = None
    started = time.monotonic()
    try:
        for command in (["migrate", "--no-input"], ["process_config", "load", "--reason", SEED_REASON]):
            subprocess.run([PYTHON, str(REPO / "manage.py"), *command], env=env, check=True, capture_output=True, text=True)
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, str(REPO / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/api/complaints/v1/complaints/"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/complaints/v1/authorities/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)

        keys = [f"drill-{secrets.token_hex(8)}-{n}" for n in range(args.submissions)]
        first_answers: dict[str, int] = {}
        answered = threading.Semaphore(0)
        restart_at = max(1, args.submissions // 3)

        def restarter():
            for _ in range(restart_at):
                answered.acquire()
            began = time.monotonic()
            restart()
            first_answers["__restart_seconds__"] = round(time.monotonic() - began, 2)

        restart_thread = threading.Thread(target=restarter)
        restart_thread.start()

        def first_try(n_key):
            n, key = n_key
            status, _ = send(url, key, body(n))
            first_answers[key] = status
            answered.release()

        with ThreadPoolExecutor(args.workers) as pool:
            list(pool.map(first_try, enumerate(keys)))
        restart_thread.join()
        restart_seconds = first_answers.pop("__restart_seconds__", None)

        retries, outcome = 0, {}
        for n, key in enumerate(keys):
            status = first_answers[key]
            for _attempt in range(30):
                if status in (200, 201):
                    break
                retries += 1
                time.sleep(0.5)
                status, _ = send(url, key, body(n))
            outcome[key] = status
        keys_file = Path(env["MEDIA_ROOT"]) / "keys.json"
        keys_file.write_text(json.dumps(keys))
        check = subprocess.run(
            [PYTHON, "-c", CHECK.replace("KEYS", repr(str(keys_file)))], env=env, check=True, capture_output=True, text=True
        )
        counts = json.loads(check.stdout.strip().splitlines()[-1])
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if own is not None:
            own.stop()

    first = {}
    for status in first_answers.values():
        first[str(status or "connection failed")] = first.get(str(status or "connection failed"), 0) + 1
    report = {
        "submissions": args.submissions,
        "workers": args.workers,
        "postgres_restart_seconds": restart_seconds,
        "first_answers": first,
        "retries_with_the_same_key": retries,
        "finally_answered_ok": sum(1 for s in outcome.values() if s in (200, 201)),
        **counts,
        "seconds": round(time.monotonic() - started, 1),
    }
    failures = [
        name
        for name, ok in [
            ("some submission never succeeded", report["finally_answered_ok"] == args.submissions),
            ("a key did not give exactly one case", counts["keys_with_one_case"] == args.submissions),
            ("cases differ from keys", counts["cases"] == args.submissions == counts["distinct_references"]),
            ("half-written rows", not any(counts[k] for k in counts if "_without_" in k)),
            ("the restart hit no request", any(k not in ("201", "200") for k in first)),
        ]
        if not ok
    ]
    report["result"] = "PASS" if not failures else "FAIL: " + "; ".join(failures)
    print(json.dumps(report, indent=2))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
