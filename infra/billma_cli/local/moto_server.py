"""moto as the local AWS: a threaded server on loopback, made safe for concurrent writers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from moto.server import ThreadedMotoServer

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def serialise_dynamodb(app: WsgiApp) -> WsgiApp:
    """moto's DynamoDB backend is not thread-safe: concurrent transactions fail with
    "dictionary changed size during iteration" (a 500 that botocore's retries may not absorb).
    DynamoDB and DynamoDB Streams requests go one at a time; S3 and SQS (long polls) stay concurrent."""
    lock = threading.Lock()

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if str(environ.get("HTTP_X_AMZ_TARGET", "")).startswith("DynamoDB"):
            with lock:
                return list(app(environ, start_response))  # the whole answer inside the lock
        return app(environ, start_response)

    return wrapped


def start_moto(port: int = 0) -> ThreadedMotoServer:
    """A started moto server on 127.0.0.1 (``port`` 0: a free one)."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    wsgi = server._server
    assert wsgi is not None
    wsgi.app = serialise_dynamodb(wsgi.app)
    return server
