"""``nosology user``: account administration for whoever runs the server."""

from __future__ import annotations

import typer

from nosology.cli.output import console, fail_cleanly
from nosology.settings import load_settings

__all__ = ["user_app"]

user_app = typer.Typer(help="Manage user accounts.", no_args_is_help=True)


@user_app.command("reset-password")
def reset_password(email: str = typer.Argument(..., help="Email of the account.")) -> None:
    """Print a one-time link (valid 30 minutes) with which the person sets a new password."""
    from nosology.accounts import AccountService  # here: SQLAlchemy is not needed by other commands

    settings = load_settings()
    with fail_cleanly():
        service = AccountService.from_url(settings.accounts_url)
        try:
            token = service.reset_link_token(email)
        finally:
            service.db.dispose()
    base = (settings.base_url or "http://127.0.0.1:8000").rstrip("/")
    minutes = int(service.reset_lifetime.total_seconds() // 60)
    console.print(f"{base}/reset/{token}", highlight=False, soft_wrap=True)
    console.print(f"[dim]one-time link, valid {minutes} minutes; give it to the person privately[/]")
