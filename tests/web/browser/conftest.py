"""Browser test infrastructure shared by every Playwright test (website, accounts).

* ``server``: the real application (``nosology serve``) in a subprocess on a free port, on the
  session's reference database; yields its base URL.
* ``browser``: Debian's headless Chromium driven by Playwright.
* ``page``: a fresh browser context and page per test (desktop size; ``phone`` for 375 px).
* ``audit_page``: the same with the CSP bypassed, so ``check_axe`` can inject axe-core.
* ``check_axe(page)``: injects axe-core and fails on serious or critical violations.
* ``screenshot(page, name)``: keeps a full-page screenshot under ``test-artifacts/``.

Outside CI a missing Chromium or axe-core skips; with CI=true it fails (``need``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import need

from nosology.library import Library
from nosology.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[3]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
BLOCKING_IMPACTS = {"serious", "critical"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nosology serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nosology serve did not answer {url} within {timeout:.0f} s")


@pytest.fixture(scope="session")
def server(settings: Settings, library: Library, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real server on the session's data (the reference database is built first)."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = {
        **os.environ,
        "NOSOLOGY_DATA_DIR": str(settings.data_dir),
        "NOSOLOGY_SECRET_KEY": settings.secret_key or "browser-tests-secret-key",
        "NOSOLOGY_BUILD_IF_MISSING": "false",
        "NOSOLOGY_LOG_JSON": "false",
    }
    # `python -m nosology.cli` is the `nosology` command, run by this interpreter.
    launcher = [sys.executable, "-m", "nosology.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(launcher, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", process)
        yield base
    except RuntimeError as exc:
        pytest.fail(f"{exc}\n{log.read_text(errors='replace')[-3000:]}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    need(CHROMIUM.is_file(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _page(browser: Any, server: str, **context_options: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=server, **context_options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    """A desktop-sized page whose relative URLs go to the test server."""
    yield from _page(browser, server, viewport={"width": 1280, "height": 900})


@pytest.fixture()
def audit_page(browser: Any, server: str) -> Iterator[Any]:
    """A desktop page that lets axe-core be injected (the site's CSP forbids inline scripts)."""
    yield from _page(browser, server, viewport={"width": 1280, "height": 900}, bypass_csp=True)


@pytest.fixture()
def phone(browser: Any, server: str) -> Iterator[Any]:
    """A 375 px wide touch screen."""
    yield from _page(browser, server, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2)


@pytest.fixture(scope="session")
def check_axe() -> Callable[[Any], list[dict[str, Any]]]:
    """Run axe-core on a page; fail the test on serious or critical violations, return the rest."""
    need(AXE.is_file(), f"axe-core not found at {AXE} (npm install --no-save axe-core@4)")

    def run(page: Any) -> list[dict[str, Any]]:
        page.add_script_tag(path=str(AXE))
        result: dict[str, Any] = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations: list[dict[str, Any]] = result["violations"]
        blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
        if blocking:
            lines = [f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:5]}" for v in blocking]
            pytest.fail(f"axe-core on {page.url}:\n" + "\n".join(lines))
        return violations

    return run


@pytest.fixture(scope="session")
def screenshot() -> Callable[[Any, str], Path]:
    """Save a full-page screenshot as ``test-artifacts/screenshots/<name>.png`` (git-ignored)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page: Any, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# The two screen sizes of the page reviews: desktop and phone.
WIDTHS = {1366: {"width": 1366, "height": 900}, 375: {"width": 375, "height": 740}}


@pytest.fixture(params=sorted(WIDTHS), ids=lambda w: f"{w}px")
def sized_page(request: pytest.FixtureRequest, browser: Any, server: str) -> Iterator[Any]:
    """A page at each of WIDTHS (a touch phone below 600 px), CSP bypassed for axe-core;
    ``page.width`` is its width."""
    width = request.param
    options: dict[str, Any] = {"viewport": WIDTHS[width], "bypass_csp": True}
    if width < 600:
        options |= {"is_mobile": True, "has_touch": True}
    context = browser.new_context(base_url=server, **options)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.width = width
    try:
        yield page
    finally:
        context.close()
