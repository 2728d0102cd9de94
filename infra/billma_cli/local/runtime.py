"""Load a function's handler and invoke it as Lambda would.

Each :class:`FunctionRuntime` keeps a small pool of *execution environments*: the handler module
imported once per environment, under a unique module name (every function's file is ``app.py``).
An environment serves one invocation at a time, as in Lambda, so module-level state (a Powertools
resolver's current event, a batch processor's records) is never shared by two concurrent calls;
concurrent calls get another environment (a new "cold start").

With ``processes`` > 0 the environments are worker processes instead of threads (the robot's:
reading and judging quotes is CPU work, which threads of one process would queue behind the
interpreter lock): each process imports the handler once and runs one invocation at a time, like
Lambda's concurrent executions of a function behind an SQS event source.
"""

from __future__ import annotations

import importlib.util
import itertools
import logging
import multiprocessing
import re
import signal
import sys
import threading
import time
import uuid
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from billma_cli.local.template import FunctionSpec, LocalNames

__all__ = ["FunctionRuntime", "HandlerLoadError", "LambdaContext"]

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any], Any], Any]
_environment_numbers = itertools.count(1)


class HandlerLoadError(Exception):
    """The handler file is missing or fails to import (Lambda's Runtime.ImportModuleError)."""


@dataclass
class LambdaContext:
    """The attributes of Lambda's Python context object that handlers and Powertools read."""

    function_name: str
    memory_limit_in_mb: int
    invoked_function_arn: str
    timeout_seconds: int
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    log_group_name: str = ""
    log_stream_name: str = "local"
    identity: Any = None
    client_context: Any = None
    _deadline: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        self.log_group_name = self.log_group_name or f"/aws/lambda/{self.function_name}"
        self._deadline = time.monotonic() + self.timeout_seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


class FunctionRuntime:
    """Invokes one template function, each call in a free execution environment."""

    def __init__(self, spec: FunctionSpec, names: LocalNames, max_environments: int = 8, processes: int = 0) -> None:
        self.spec = spec
        self.names = names
        self._max = max_environments
        self._idle: list[Handler] = []
        self._count = 0
        self._available = threading.Condition()
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None
        if processes > 0:
            # spawn, not fork: this process runs threads (moto, HTTP) whose locks a fork would copy held.
            self._pool = ProcessPoolExecutor(
                max_workers=processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker_process,
            )

    @property
    def function_arn(self) -> str:
        n = self.names
        return f"arn:{n.partition}:lambda:{n.region}:{n.account_id}:function:{self.spec.function_name}"

    def warm_up(self) -> None:
        """Create one environment now, so that an import error shows at start-up."""
        handler = self._acquire()
        self._release(handler)

    def start_workers(self) -> None:
        """Let the worker processes import the handler now (not waited for), so that the first
        messages do not pay for it. Called once the stack is ready: on a busy machine, spawning
        them earlier would slow the start-up itself."""
        if self._pool is not None:
            for _ in range(self.processes):
                self._pool.submit(_warm_worker_process, self.spec)

    def new_context(self) -> LambdaContext:
        return LambdaContext(
            function_name=self.spec.function_name,
            memory_limit_in_mb=self.spec.memory_mb,
            invoked_function_arn=self.function_arn,
            timeout_seconds=self.spec.timeout_seconds,
        )

    def invoke(self, event: dict[str, Any], context: LambdaContext | None = None) -> Any:
        """Call the handler; its exceptions (and :class:`HandlerLoadError`) propagate to the caller."""
        context = context or self.new_context()
        started = time.monotonic()
        if self._pool is not None:
            try:
                return self._pool.submit(_invoke_in_worker_process, self.spec, event, context).result()
            finally:
                self._warn_if_late(started)
        handler = self._acquire()
        try:
            return handler(event, context)
        finally:
            self._release(handler)
            self._warn_if_late(started)

    def shutdown(self) -> None:
        """Stop the worker processes (after their current invocation)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _warn_if_late(self, started: float) -> None:
        elapsed = time.monotonic() - started
        if elapsed > self.spec.timeout_seconds:
            log.warning(
                "%s a dépassé son délai (%.1f s > %d s) : Lambda l'aurait interrompue",
                self.spec.logical_id,
                elapsed,
                self.spec.timeout_seconds,
            )

    def _acquire(self) -> Handler:
        with self._available:
            while not self._idle and self._count >= self._max:
                self._available.wait()
            if self._idle:
                return self._idle.pop()
            self._count += 1
        try:
            return self._load()
        except BaseException:
            with self._available:
                self._count -= 1
                self._available.notify()
            raise

    def _release(self, handler: Handler) -> None:
        with self._available:
            self._idle.append(handler)
            self._available.notify()

    def _load(self) -> Handler:
        return load_handler(self.spec)


def load_handler(spec: FunctionSpec) -> Handler:
    """A fresh import of the function's handler module (one execution environment)."""
    slug = re.sub(r"\W", "_", spec.logical_id)
    module_name = f"billma_local_{slug}_env{next(_environment_numbers)}"
    if not spec.handler_file.is_file():
        raise HandlerLoadError(f"{spec.logical_id} : fichier du handler absent ({spec.handler_file})")
    module_spec = importlib.util.spec_from_file_location(module_name, spec.handler_file)
    if module_spec is None or module_spec.loader is None:
        raise HandlerLoadError(f"{spec.logical_id} : {spec.handler_file} n'est pas importable")
    module: ModuleType = importlib.util.module_from_spec(module_spec)
    sys.modules[module_name] = module  # dataclasses, pydantic and typing look modules up here
    try:
        module_spec.loader.exec_module(module)
    except Exception as error:
        del sys.modules[module_name]
        raise HandlerLoadError(
            f"{spec.logical_id} : import de {spec.handler_file} impossible : {error!r}"
        ) from error
    handler = getattr(module, spec.handler_name, None)
    if not callable(handler):
        raise HandlerLoadError(f"{spec.logical_id} : {spec.handler_name} absent de {spec.handler_file}")
    log.debug("%s : environnement %s prêt", spec.logical_id, module_name)
    return handler  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- worker processes

_worker_handlers: dict[str, Handler] = {}


def _init_worker_process() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the workers itself, after their
    # current invocation, instead of each one dying in the middle of a quote.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warnings.filterwarnings("ignore", message="No application metrics to publish", category=UserWarning)


def _load_in_worker_process(spec: FunctionSpec) -> Handler:
    handler = _worker_handlers.get(spec.logical_id)
    if handler is None:
        handler = _worker_handlers[spec.logical_id] = load_handler(spec)
    return handler


def _warm_worker_process(spec: FunctionSpec) -> None:
    _load_in_worker_process(spec)


def _invoke_in_worker_process(spec: FunctionSpec, event: dict[str, Any], context: LambdaContext) -> Any:
    return _load_in_worker_process(spec)(event, context)
