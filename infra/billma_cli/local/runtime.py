"""Load a function's handler and invoke it as Lambda would.

Each :class:`FunctionRuntime` keeps a small pool of *execution environments*: the handler module
imported once per environment, under a unique module name (every function's file is ``app.py``).
An environment serves one invocation at a time, as in Lambda, so module-level state (a Powertools
resolver's current event, a batch processor's records) is never shared by two concurrent calls;
concurrent calls get another environment (a new "cold start").
"""

from __future__ import annotations

import importlib.util
import itertools
import logging
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable
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

    def __init__(self, spec: FunctionSpec, names: LocalNames, max_environments: int = 8) -> None:
        self.spec = spec
        self.names = names
        self._max = max_environments
        self._idle: list[Handler] = []
        self._count = 0
        self._available = threading.Condition()

    @property
    def function_arn(self) -> str:
        n = self.names
        return f"arn:{n.partition}:lambda:{n.region}:{n.account_id}:function:{self.spec.function_name}"

    def warm_up(self) -> None:
        """Create one environment now, so that an import error shows at start-up."""
        handler = self._acquire()
        self._release(handler)

    def new_context(self) -> LambdaContext:
        return LambdaContext(
            function_name=self.spec.function_name,
            memory_limit_in_mb=self.spec.memory_mb,
            invoked_function_arn=self.function_arn,
            timeout_seconds=self.spec.timeout_seconds,
        )

    def invoke(self, event: dict[str, Any], context: LambdaContext | None = None) -> Any:
        """Call the handler; its exceptions (and :class:`HandlerLoadError`) propagate to the caller."""
        handler = self._acquire()
        context = context or self.new_context()
        started = time.monotonic()
        try:
            return handler(event, context)
        finally:
            self._release(handler)
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
        spec = self.spec
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
