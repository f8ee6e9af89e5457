"""Shared constants and checks for the API tests."""

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from complaints_process.core.config import load_authority_file
from complaints_process.services.configs import load_config_files
from tests.demo import ALL_SLUGS, SEED_SLUGS  # noqa: F401 (the API tests import them from here)
from tests.factories import SEED_REASON

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = ROOT / "process_configs"
API = "/api/complaints/v1"


def load_seed_configs(configs_root: Path = CONFIGS):
    return load_config_files(sorted(configs_root.glob("*.yaml")), configs_root=configs_root, reason=SEED_REASON)


def seed_procedures() -> list[tuple[str, str]]:
    """(authority, procedure) for every procedure of every seed config, read from the files."""
    pairs = []
    for path in sorted(CONFIGS.glob("*.yaml")):
        config = load_authority_file(path, configs_root=CONFIGS)
        pairs += [(config.slug, procedure.slug) for procedure in config.procedures]
    return pairs


def filing_procedures() -> list[tuple[str, str]]:
    """(authority, procedure) for every seed procedure that takes complaints: not those written as
    general advice (``voice: {speaker: advice}``), which show no form."""
    pairs = []
    for path in sorted(CONFIGS.glob("*.yaml")):
        config = load_authority_file(path, configs_root=CONFIGS)
        pairs += [(config.slug, procedure.slug) for procedure in config.procedures if not procedure.voice.advice]
    return pairs


def command_timeline_json(authority: str, procedure: str, received: str) -> list[dict]:
    """What `manage.py process_config timeline ... --json` prints, parsed."""
    out = StringIO()
    call_command("process_config", "timeline", authority, "--procedure", procedure, "--received", received, "--json", stdout=out)
    return json.loads(out.getvalue())


def assert_error_shape(response, status: int, loc: list | None = None) -> list[dict]:
    """The API's one error shape: {"detail": [{"loc": [...], "msg": str, "type": str}, ...]}."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail"}
    assert isinstance(body["detail"], list) and body["detail"]
    for item in body["detail"]:
        assert set(item) == {"loc", "msg", "type"}
        assert isinstance(item["loc"], list) and isinstance(item["msg"], str) and isinstance(item["type"], str)
    if loc is not None:
        assert [item["loc"] for item in body["detail"]] == [loc]
    return body["detail"]


def status_lookup(client, reference: str, **body):
    """POST complaints/{reference}/status with {"token": ...} or {"email": ...} as JSON."""
    return client.post(f"{API}/complaints/{reference}/status", json.dumps(body), content_type="application/json")
