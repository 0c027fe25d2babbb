"""``nosology user reset-password`` prints a working one-time link."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from nosology.accounts import AccountService
from nosology.cli.main import app


def test_reset_password_prints_a_one_time_link(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/accounts.sqlite"
    service = AccountService.from_url(url)
    service.sign_up("pat@example.org", "lantern orbit velvet")
    env = {"NOSOLOGY_DATA_DIR": str(tmp_path), "NOSOLOGY_DATABASE_URL": url, "NOSOLOGY_BASE_URL": "https://icd.example.org/"}
    result = CliRunner().invoke(app, ["user", "reset-password", "PAT@example.org"], env=env)
    assert result.exit_code == 0, result.output
    link = re.search(r"https://icd\.example\.org/reset/(\S+)", result.output)
    assert link and "30 minutes" in result.output
    assert service.reset_email(link.group(1)) == "pat@example.org"
    missing = CliRunner().invoke(app, ["user", "reset-password", "nobody@example.org"], env=env)
    assert missing.exit_code == 2 and "No account" in missing.output
    service.db.dispose()
