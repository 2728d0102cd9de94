"""moto as the local AWS: a threaded server on loopback, made safe for concurrent writers, and
able to keep its writes in a journal (:mod:`.persistence`)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from moto.server import ThreadedMotoServer
from moto.sqs.models import sqs_backends

from billma_cli.local.persistence import Journal, WsgiApp, journaled

__all__ = ["moto_queues", "record_writes", "replay_target", "start_moto"]


class SerialisedDynamoDb:
    """moto's DynamoDB backend is not thread-safe: concurrent transactions fail with
    "dictionary changed size during iteration" (a 500 that botocore's retries may not absorb).
    DynamoDB and DynamoDB Streams requests go one at a time; S3 and SQS (long polls) stay concurrent. ``app`` is what
    is behind the lock (moto, or moto behind the journal: a write is journaled in the order it was
    applied)."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if str(environ.get("HTTP_X_AMZ_TARGET", "")).startswith("DynamoDB"):
            with self._lock:
                return list(self.app(environ, start_response))  # the whole answer inside the lock
        return self.app(environ, start_response)


def start_moto(port: int = 0) -> ThreadedMotoServer:
    """A started moto server on 127.0.0.1 (``port`` 0: a free one)."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    wsgi = server._server
    assert wsgi is not None
    wsgi.app = SerialisedDynamoDb(wsgi.app)
    return server


def _serialised(server: ThreadedMotoServer) -> SerialisedDynamoDb:
    wsgi = server._server
    assert wsgi is not None and isinstance(wsgi.app, SerialisedDynamoDb)
    return wsgi.app


def replay_target(server: ThreadedMotoServer) -> WsgiApp:
    """moto's application itself, in this process: what a replay sends the recorded requests to."""
    return _serialised(server).app


def record_writes(server: ThreadedMotoServer, journal: Journal, region: str) -> None:
    """From now on every 2xx write of ``server`` is in ``journal`` before it is answered."""
    serialised = _serialised(server)

    def find_queue(url: str) -> Any:
        parts = url.rstrip("/").rsplit("/", 2)  # http://host:port/<account id>/<queue name>
        if len(parts) < 3 or not parts[-2].isdigit():
            return None
        return sqs_backends[parts[-2]][region].queues.get(parts[-1])

    serialised.app = journaled(serialised.app, journal, find_queue)


def moto_queues(account_id: str, region: str) -> list[Any]:
    """moto's queue objects (a replay takes the deleted messages out of them)."""
    return list(sqs_backends[account_id][region].queues.values())
