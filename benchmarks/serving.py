"""Measurements through a real WSGI server: gunicorn on loopback, driven by ``wrk`` when it is
installed (``make bench`` installs it) or else by a small load generator in Python (same
client for both sides of every ratio).

* Serving: a guidance page with every process block and the complaint form against the same
  page type with the same amount of plain rich text; then, with Django's cache middleware in
  front, the same rich page against a static file served by the same server.
* Filing: many concurrent clients post complaints to the API, some twice with the same
  Idempotency-Key (a retry); afterwards every complaint is in the database exactly once.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
STATIC_PATH = "/bench-static/site.css"
GUIDANCE_SLUG = "bench-guidance"
PLAIN_SLUG = "bench-plain"
NO_FORM_SLUG = "bench-guidance-no-form"


# -- pages ------------------------------------------------------------------------------------


def _site_root():
    from wagtail.models import Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        root = Page.get_first_root_node()
        home = root.get_children().first() or root
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Bench")
    return site.root_page


def every_block_body(form: bool = True):
    from complaints_process.blocks import GUIDANCE_BLOCKS

    body = [("text", "<h2>How to complain</h2><p>Tell us what went wrong and we will put it right.</p>")]
    for name, _ in GUIDANCE_BLOCKS:
        if name != "text" and (form or name != "complaint_form"):
            body.append((name, {}))
    return body


def ensure_pages(authority_slug: str) -> tuple[str, str, str]:
    """The rich page (every block, the form), the plain page (one rich text block of the
    same length as everything the rich page's body renders) and the rich page without the
    form, all live; their URL paths."""
    from django.test import Client

    from complaints_process.models import Authority, GuidancePage

    authority = Authority.objects.get(slug=authority_slug)
    parent = _site_root()
    rich = GuidancePage.objects.filter(slug=GUIDANCE_SLUG).first()
    if rich is None:
        rich = parent.add_child(
            instance=GuidancePage(
                title="Complaints about children's social care",
                slug=GUIDANCE_SLUG,
                authority=authority,
                procedure_slug="childrens-statutory",
                intro="<p>How to complain, and what happens next.</p>",
                body=every_block_body(),
            )
        )
    client = Client()
    rich_path = rich.get_url()
    html = client.get(rich_path).content.decode()
    plain = GuidancePage.objects.filter(slug=PLAIN_SLUG).first()
    if plain is None:
        main = re.search(r"<main.*?</main>", html, re.S)
        size = len(main.group(0)) if main else len(html) // 2
        sentence = "<p>The council's complaints team reads every complaint and answers it in writing. </p>"
        plain = parent.add_child(
            instance=GuidancePage(
                title="Complaints about children's social care",
                slug=PLAIN_SLUG,
                authority=authority,
                procedure_slug="childrens-statutory",
                intro="<p>How to complain, and what happens next.</p>",
                body=[("text", sentence * max(1, size // len(sentence)))],
            )
        )
    no_form = GuidancePage.objects.filter(slug=NO_FORM_SLUG).first()
    if no_form is None:
        no_form = parent.add_child(
            instance=GuidancePage(
                title="Complaints about children's social care",
                slug=NO_FORM_SLUG,
                authority=authority,
                procedure_slug="childrens-statutory",
                intro="<p>How to complain, and what happens next.</p>",
                body=every_block_body(form=False),
            )
        )
    return rich_path, plain.get_url(), no_form.get_url()


# -- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(workers: int, *, cache: bool = False):
    """gunicorn serving the site with the benchmark settings; yields its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "PYTHONPATH": os.pathsep.join([str(REPO / "site"), str(REPO)]),
        "BENCH_PAGE_CACHE": "1" if cache else "0",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "council_site.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "--backlog",
        "2048",
        "--timeout",
        "120",
    ]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("gunicorn exited: " + process.stderr.read().decode()[-2000:])
            try:
                with socket.create_connection((HOST, port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield f"http://{HOST}:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def get(base: str, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request("GET", path, headers={"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


# -- load generators ---------------------------------------------------------------------


def load_generator() -> str:
    return "wrk" if shutil.which("wrk") else "python"


def requests_per_second(base: str, path: str, seconds: float, connections: int, headers: dict | None = None) -> dict:
    """Requests per second for ``path`` (only 200 answers count)."""
    status, _, _ = get(base, path, headers)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    if load_generator() == "wrk":
        return _wrk(base, path, seconds, connections, headers or {})
    return _python_load(base, path, seconds, connections, headers or {})


def _wrk(base, path, seconds, connections, headers) -> dict:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{max(1, round(seconds))}s", "-H", "Host: localhost"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, base + path], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s*([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    if errors:
        raise RuntimeError(f"{path}: {errors.group(1)} answers were not 2xx/3xx")
    return {"rps": rps, "socket_errors": socket_errors.group(1) if socket_errors else ""}


def _python_load(base, path, seconds, connections, headers) -> dict:
    host, port = base.removeprefix("http://").split(":")
    counts, failures = [0] * connections, [0] * connections
    stop = time.monotonic() + seconds

    def client(index):
        request = f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        request += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
        payload = request.encode()
        while time.monotonic() < stop:
            try:
                with socket.create_connection((host, int(port)), timeout=30) as sock:
                    sock.sendall(payload)
                    chunks = []
                    while chunk := sock.recv(65536):
                        chunks.append(chunk)
                head = b"".join(chunks[:1])[:12]
                if head.startswith(b"HTTP/1.1 200") or head.startswith(b"HTTP/1.0 200"):
                    counts[index] += 1
                else:
                    failures[index] += 1
            except OSError:
                failures[index] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if sum(failures):
        raise RuntimeError(f"{path}: {sum(failures)} requests failed")
    return {"rps": sum(counts) / elapsed, "socket_errors": ""}


# -- 5. serving ---------------------------------------------------------------------------


def serving_benchmark(authority_slug: str, seconds: float, connections: int, workers: int) -> dict:
    rich, plain, no_form = ensure_pages(authority_slug)
    result = {"load_generator": load_generator(), "workers": workers, "connections": connections, "seconds_each": seconds}
    with gunicorn(workers) as base:
        _, _, body = get(base, rich)
        result["rich_page_bytes"], result["plain_page_bytes"] = len(body), len(get(base, plain)[2])
        result["rich_rps"] = requests_per_second(base, rich, seconds, connections)["rps"]
        result["plain_rps"] = requests_per_second(base, plain, seconds, connections)["rps"]
    with gunicorn(workers, cache=True) as base:
        # Django's cache middleware never stores a page that sets the CSRF cookie (the form's
        # token): the page with the form is served uncached however the cache is set up.  The
        # cache is measured on the same page without the form block (every process block).
        result["form_page_cacheable"] = _served_from_cache(base, rich, {})
        result["cached_page"] = "every process block, no form"
        result["cached_rich_rps"] = requests_per_second(base, no_form, seconds, connections)["rps"]
        result["static_rps"] = requests_per_second(base, STATIC_PATH, seconds, connections)["rps"]
        result["cache_hit"] = _served_from_cache(base, no_form, {})
    result["ratio_rich_to_plain"] = result["rich_rps"] / result["plain_rps"]
    result["ratio_cached_to_static"] = result["cached_rich_rps"] / result["static_rps"]
    result["targets"] = {"rich_to_plain": 0.8, "cached_to_static": 0.8}
    result["holds"] = result["ratio_rich_to_plain"] >= 0.8 and result["ratio_cached_to_static"] >= 0.8 and result["cache_hit"]
    return result


def _served_from_cache(base, path, headers) -> bool:
    """The same bytes twice, the second with the cache's Expires/max-age headers."""
    _, first_headers, first = get(base, path, headers)
    _, second_headers, second = get(base, path, headers)
    return first == second and "max-age" in second_headers.get("Cache-Control", "")


# -- 6. filing ---------------------------------------------------------------------------


def filing_body(authority_slug: str, marker: str) -> dict:
    return {
        "authority": authority_slug,
        "complainant_relationship": "parent_or_carer",
        "complainant_name": "Bench Complainant",
        "child_name": "Bench Child",
        "child_agrees": "yes",
        "about_statutory": "yes",
        "service": "Children's disability team",
        "what_happened": f"The respite care we were promised did not start. {marker}",
        "happened_on": (date.today() - timedelta(days=30)).isoformat(),
        "desired_outcome": "Start the respite care.",
        "preferred_contact": "email",
        "complainant_email": "bench@example.test",
    }


def taking_complaints(authority_slugs: list[str]) -> list[str]:
    """The authorities among these whose default procedure takes complaints: a page written as
    general advice (voice: advice, the family-advice seed) shows no form and the API refuses a
    filing for it, which the filing benchmark would count as lost."""
    from complaints_process.models import Authority

    taking = []
    for authority in Authority.objects.filter(slug__in=authority_slugs):
        version = authority.current_version()
        if version is None:
            continue
        procedures = version.config().procedures  # the filing's default: the statutory procedure
        default = next((p for p in procedures if p.kind == "statutory"), procedures[0])
        if not default.voice.advice:
            taking.append(authority.slug)
    return [slug for slug in authority_slugs if slug in taking]


def filing_benchmark(authority_slugs: list[str], submissions: int, clients: int, workers: int, retry_every: int = 10) -> dict:
    """``submissions`` complaints from ``clients`` concurrent clients; every ``retry_every``-th
    is sent a second time with the same Idempotency-Key (a client retrying after a timeout)."""
    from complaints_process.models import Complaint

    run = uuid.uuid4().hex[:12]
    jobs = list(range(submissions))
    lock = threading.Lock()
    answers: dict[int, list[tuple[int, str | None]]] = {}
    errors: list[str] = []

    def client(base):
        host, port = base.removeprefix("http://").split(":")
        while True:
            with lock:
                if not jobs:
                    return
                number = jobs.pop()
            key = f"bench-{run}-{number:08d}"  # Idempotency-Key: at least 16 characters
            body = json.dumps(filing_body(authority_slugs[number % len(authority_slugs)], f"[{key}]"))
            for _attempt in range(2 if number % retry_every == 0 else 1):
                connection = http.client.HTTPConnection(host, int(port), timeout=120)
                try:
                    connection.request(
                        "POST",
                        "/api/complaints/v1/complaints/",
                        body=body,
                        headers={"Host": "localhost", "Content-Type": "application/json", "Idempotency-Key": key},
                    )
                    response = connection.getresponse()
                    payload = response.read()
                    reference = json.loads(payload).get("reference") if response.status in (200, 201) else None
                    with lock:
                        answers.setdefault(number, []).append((response.status, reference))
                        if response.status not in (200, 201):
                            errors.append(f"{response.status}: {payload[:200]!r}")
                except OSError as error:
                    with lock:
                        errors.append(type(error).__name__)
                finally:
                    connection.close()

    with gunicorn(workers) as base:
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(base,)) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started

    stored = list(Complaint.objects.filter(what_happened__contains=f"[bench-{run}-").values_list("reference", "what_happened"))
    stored_keys = [re.search(r"\[(bench-[^\]]+)\]", text).group(1) for _, text in stored]
    first_answers = {number: replies[0][1] for number, replies in answers.items()}
    retries_consistent = all(len({reference for _, reference in replies}) == 1 for replies in answers.values())
    lost = submissions - len(set(stored_keys))
    duplicated = len(stored_keys) - len(set(stored_keys))
    answered_references = set(first_answers.values())
    return {
        "submissions": submissions,
        "clients": clients,
        "workers": workers,
        "retried_with_same_key": sum(1 for replies in answers.values() if len(replies) > 1),
        "seconds": elapsed,
        "submissions_per_second": submissions / elapsed,
        "stored": len(stored),
        "lost": lost,
        "duplicated": duplicated,
        "errors": errors[:5],
        "error_count": len(errors),
        "retries_returned_the_same_case": retries_consistent,
        "answers_match_database": answered_references == {reference for reference, _ in stored},
        "holds": lost == 0 and duplicated == 0 and not errors and retries_consistent and answered_references == {r for r, _ in stored},
    }
