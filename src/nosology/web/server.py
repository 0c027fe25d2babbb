"""Running the app: one uvicorn process, or several workers forked from one that loaded it.

Several workers run under gunicorn with ``preload_app``: the app is imported and built once, then
the workers are forked, so a production start answers as fast as a single process (spawned uvicorn
workers would each import everything again).
"""

from __future__ import annotations

import os
from typing import Any

import uvicorn
from fastapi import FastAPI
from gunicorn.app.base import BaseApplication

from nosology.web.app import create_app
from nosology.web.slowclients import GuardedHttpProtocol

__all__ = ["run"]

# Shared by both ways of serving: drop idle keep-alive connections after 5 s; a client slow to
# send its headers is cut by web.slowclients, one that stalls mid-body by BodyLimitMiddleware.
KEEP_ALIVE_SECONDS = 5


def run(host: str, port: int, workers: int = 1) -> None:
    if workers <= 1:
        uvicorn.run(
            create_app(listening=[host]), host=host, port=port, http=GuardedHttpProtocol, proxy_headers=True, timeout_keep_alive=KEEP_ALIVE_SECONDS,
            limit_concurrency=2048, access_log=False, timeout_graceful_shutdown=5,
        )
        return
    _Gunicorn(host, {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "nosology.web.slowclients.GuardedWorker",
        "preload_app": True,
        "keepalive": KEEP_ALIVE_SECONDS,
        "timeout": 60,  # a worker stuck this long is replaced
        "graceful_timeout": 5,
        "worker_connections": 2048,
        "accesslog": None,  # nosology writes its own JSON request log
        "errorlog": "-",
        "loglevel": "warning",
        "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    }).run()


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, host: str, options: dict[str, Any]) -> None:
        self.host = host
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> FastAPI:
        return create_app(listening=[self.host])
