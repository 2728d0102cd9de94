"""``billma local``: the whole system in one foreground process.

Start order: the HTTP server binds its port (``/health`` answers 503), a moto server starts on
loopback, the process environment points boto3 at it, the template's resources are created, each
function's handler is imported, the SQS and stream pollers start, and ``/health`` turns 200.

Environment variables are process-wide, while Lambda gives each function its own. The local stack
sets the *union* of the functions' variables once, before importing any handler. That is sound as
long as a key means the same thing for every function that has it: in ``template.yaml`` the shared
keys come from ``Globals`` (identical everywhere) and the others (``BILLMA_OCR_ENGINE``,
``BILLMA_DEAD_LETTER_QUEUE_ARN``...) belong to one function only, so another handler never reads
them. A key with two different values would break that; it is reported at start-up.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING

import boto3
from moto.server import ThreadedMotoServer

from billma_cli.local.gateway import DEV_TOKENS, Gateway, GatewayServer
from billma_cli.local.moto_server import moto_queues, record_writes, replay_target, start_moto
from billma_cli.local.persistence import (
    DataDirectory,
    Journal,
    ReplayReport,
    read_records,
    remove_deleted_messages,
    replay,
)
from billma_cli.local.resources import CreatedResources, create_resources, put_bucket_notifications
from billma_cli.local.runtime import FunctionRuntime, HandlerLoadError
from billma_cli.local.snapshot import load_snapshot, remove_unused_objects, snapshot_generation, write_snapshot
from billma_cli.local.streams import StreamPoller
from billma_cli.local.template import FunctionSpec, LocalNames, Stack
from billma_cli.local.worker import SqsPoller

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient

__all__ = ["LocalStack", "LocalStackOptions", "merged_environment", "run_local"]

log = logging.getLogger(__name__)

# What the local stack changes from the cloud configuration.
# Textract is cloud-only; RapidOCR runs locally from pip alone (Tesseract stands in when absent).
LOCAL_OVERRIDES = {"BILLMA_OCR_ENGINE": "rapidocr"}


@dataclass(frozen=True)
class LocalStackOptions:
    template_path: Path
    host: str = "127.0.0.1"
    port: int = 8000
    web_root: Path | None = None  # default: web/ beside the template
    stack_name: str = "billma-local"
    concurrency: int = 2  # pollers per SQS event source (Lambda's concurrency)
    # > 0: functions behind an SQS event source run in this many worker processes (and as many
    # pollers), like Lambda's concurrent executions; 0: threads of this process.
    worker_processes: int = 0
    retry_delay_seconds: float = 1.0  # first retry of a failed message; doubles per receive
    overrides: Mapping[str, str] = field(default_factory=lambda: dict(LOCAL_OVERRIDES))
    parameters: Mapping[str, str] = field(default_factory=dict)
    data_dir: Path | None = None  # None: in memory only (tests); else kept across restarts
    reset: bool = False  # start with an empty data_dir


def merged_environment(functions: list[FunctionSpec], overrides: Mapping[str, str]) -> dict[str, str]:
    """The union of the functions' environments (see the module docstring), overrides applied."""
    merged: dict[str, str] = {}
    owners: dict[str, str] = {}
    for function in functions:
        for key, value in function.environment.items():
            if key in merged and merged[key] != value and key not in overrides:
                log.warning(
                    "%s vaut %r pour %s mais %r pour %s : une seule valeur possible en local",
                    key, merged[key], owners[key], value, function.logical_id,
                )  # fmt: skip
                continue
            merged.setdefault(key, value)
            owners.setdefault(key, function.logical_id)
    merged.update(overrides)
    return merged


def aws_environment(endpoint_url: str, region: str) -> dict[str, str]:
    """What makes every boto3 client of the process talk to moto, and nothing else."""
    return {
        "AWS_ENDPOINT_URL": endpoint_url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
        # Hermetic: no profile, config or credentials file of the developer's may leak in.
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "POWERTOOLS_TRACE_DISABLED": "true",  # no X-Ray daemon locally
    }


class LocalStack:
    """The local stack as an object: ``start()``, ``stop()``, or a ``with`` block."""

    def __init__(self, options: LocalStackOptions) -> None:
        self.options = options
        self.root = options.template_path.resolve().parent
        self.server: GatewayServer | None = None
        self.moto: ThreadedMotoServer | None = None
        self.resources = CreatedResources()
        self.runtimes: dict[str, FunctionRuntime] = {}
        self.pollers: list[SqsPoller] = []
        self.stream_pollers: list[StreamPoller] = []
        self.started_seconds = 0.0
        self.moto_url = ""
        self.journal: Journal | None = None
        self.generation = 0  # of the journal being written
        self.names: LocalNames | None = None
        self.replayed = ReplayReport()
        # Table name -> first stream record its consumers have not all taken (None: all unread).
        self.unread_streams: dict[str, int | None] = {}
        self._saved_environment: dict[str, str | None] = {}
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        if self.server is None:
            raise RuntimeError("pile locale non démarrée")
        host = self.options.host if self.options.host not in ("0.0.0.0", "::", "") else "127.0.0.1"  # noqa: S104
        return f"http://{host}:{self.server.port}"

    def __enter__(self) -> LocalStack:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    def start(self) -> None:
        started = time.monotonic()
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        self.started_seconds = time.monotonic() - started

    def _start(self) -> None:
        options = self.options
        self.server = GatewayServer((options.host, options.port))
        self._spawn(self.server.serve_forever, "http")

        self.moto = start_moto()
        moto_host, moto_port = self.moto.get_host_and_port()
        self.moto_url = f"http://{moto_host}:{moto_port}"
        names = LocalNames(web_origin=self.url, stack_name=options.stack_name, sqs_endpoint=self.moto_url)
        self.names = names
        self._set_environment(aws_environment(self.moto_url, names.region))

        # Lambda runs one invocation per process; here threads share boto3's default session, whose
        # lazy set-up is not thread-safe: set it up once, before any handler runs.
        boto3.setup_default_session(region_name=names.region)
        for service in ("s3", "sqs", "dynamodb", "events"):
            boto3.client(service)
        stack = Stack.from_file(options.template_path, names, options.parameters)
        functions = stack.functions()
        self._set_environment(merged_environment(functions, options.overrides))
        self.resources = create_resources(stack.resolver, self.moto_url, notifications=options.data_dir is None)
        self.unread_streams = {
            self.resources.tables[source.table_id]: None
            for function in functions
            for source in function.stream_sources
            if source.enabled
        }
        if options.data_dir is not None:
            self._restore(DataDirectory(options.data_dir), stack, names)

        for function in functions:
            processes = options.worker_processes if function.sqs_sources else 0
            runtime = FunctionRuntime(function, names, processes=processes)
            try:
                runtime.warm_up()
            except HandlerLoadError as error:
                log.error("%s (chaque appel échouera jusqu'à ce que le fichier soit importable)", error)
            self.runtimes[function.logical_id] = runtime
        routes = [route for function in functions for route in function.routes]
        apis = {api_id: stack.api(api_id) for api_id in {route.api_id for route in routes}}
        web_root = options.web_root or self.root / "web"
        gateway = Gateway(names, routes, apis, self.runtimes, web_root)
        self.server.gateway = gateway

        sqs: SQSClient = boto3.Session(region_name=names.region).client("sqs", endpoint_url=self.moto_url)
        for function in functions:
            for source in function.sqs_sources:
                if not source.enabled:
                    continue
                poller = SqsPoller(
                    source,
                    self.runtimes[function.logical_id],
                    sqs,
                    self.resources.queues[source.queue_id],
                    region=names.region,
                    # Lambda's concurrency, capped by the event source's MaximumConcurrency.
                    concurrency=min(
                        options.worker_processes or options.concurrency, source.maximum_concurrency or 1000
                    ),
                    retry_delay_seconds=options.retry_delay_seconds,
                )
                poller.start()
                self.pollers.append(poller)
        self._start_stream_pollers(functions, names)
        gateway.ready.set()
        for runtime in self.runtimes.values():
            runtime.start_workers()

    def _start_stream_pollers(self, functions: list[FunctionSpec], names: LocalNames) -> None:
        session = boto3.Session(region_name=names.region)
        dynamodb = session.client("dynamodb", endpoint_url=self.moto_url)
        streams = session.client("dynamodbstreams", endpoint_url=self.moto_url)
        for function in functions:
            for source in function.stream_sources:
                if not source.enabled:
                    continue
                table = dynamodb.describe_table(TableName=self.resources.tables[source.table_id])["Table"]
                poller = StreamPoller(
                    source,
                    self.runtimes[function.logical_id],
                    streams,
                    table["LatestStreamArn"],
                    region=names.region,
                    retry_delay_seconds=self.options.retry_delay_seconds,
                )
                poller.start()
                self.stream_pollers.append(poller)

    def _restore(self, directory: DataDirectory, stack: Stack, names: LocalNames) -> None:
        """The data of ``directory`` back into moto (snapshot, then the journals written after it),
        compacted into a new snapshot, then every write journaled from now on."""
        assert self.moto is not None
        directory.prepare(reset=self.options.reset)
        account, region = names.account_id, names.region
        covered = snapshot_generation(directory.snapshot_path)
        loaded = load_snapshot(directory.snapshot_path, directory.objects_path, account, region)
        put_bucket_notifications(stack.resolver, self.moto_url)  # from here, uploads notify the robot
        target = replay_target(self.moto)
        newer = [(generation, path) for generation, path in directory.journals() if generation > covered]
        for _, path in newer:
            replay(target, read_records(path), self.replayed)
        removed = remove_deleted_messages(moto_queues(account, region), self.replayed.deletions)
        self.generation = max([covered, *(generation for generation, _ in newer)])
        if self.replayed.requests or self.replayed.deletions:
            self._compact(directory, names)
        directory.drop_journals(up_to=self.generation)
        self.generation += 1
        self.journal = Journal(directory.journal_path(self.generation))
        record_writes(self.moto, self.journal, region)
        log.info(
            "données locales : %s (instantané : %d éléments, %d documents, %d messages ; "
            "%d écritures rejouées, %d messages déjà traités retirés des files)",
            directory.path, loaded["items"], loaded["objects"], loaded["messages"], self.replayed.requests, removed,
        )  # fmt: skip

    def _compact(self, directory: DataDirectory, names: LocalNames) -> None:
        """moto's state as the new snapshot, covering the journals up to ``self.generation``."""
        write_snapshot(
            directory.snapshot_path,
            directory.objects_path,
            self.generation,
            names.account_id,
            names.region,
            unread_streams=self.unread_streams,
        )
        directory.drop_journals(up_to=self.generation)
        remove_unused_objects(directory.snapshot_path, directory.objects_path)

    def stop(self) -> None:
        """Stop pollers, HTTP server and moto; restore the environment. Safe to call twice."""
        for poller in self.pollers:
            poller.request_stop()
        for poller in self.pollers:
            poller.stop()
        self.pollers.clear()
        taken: dict[str, int | None] = {}  # per table, where its slowest consumer stopped
        for stream_poller in self.stream_pollers:
            stream_poller.stop()
            table = self.resources.tables[stream_poller.source.table_id]
            position = stream_poller.unread_from
            taken[table] = _earlier(taken[table], position) if table in taken else position
        self.unread_streams.update(taken)
        self.stream_pollers.clear()
        for runtime in self.runtimes.values():
            runtime.shutdown()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        if self.moto is not None:
            self.moto.stop()
            self.moto = None
        if self.journal is not None:
            self.journal.close()
            log.info("journal : %d écritures, %d fsync", self.journal.appended, self.journal.syncs)
            self.journal = None
            # Nothing writes any more: the state as a snapshot, so that the next start is quick.
            if self.options.data_dir is not None and self.names is not None:
                self._compact(DataDirectory(self.options.data_dir), self.names)
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()
        for key, value in self._saved_environment.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_environment.clear()

    def _spawn(self, target: Callable[[], object], name: str) -> None:
        thread = threading.Thread(target=target, name=f"billma-local-{name}", daemon=True)
        thread.start()
        self._threads.append(thread)

    def _set_environment(self, values: Mapping[str, str]) -> None:
        """Set ``values`` (and drop what could redirect boto3 elsewhere), remembering the old ones."""
        removed = [key for key in os.environ if key.startswith("AWS_ENDPOINT_URL_")]
        removed += ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"]
        for key in [*values, *removed]:
            self._saved_environment.setdefault(key, os.environ.get(key))
        for key in removed:
            os.environ.pop(key, None)
        os.environ.update(values)


def _earlier(first: int | None, second: int | None) -> int | None:
    """The earlier of two stream positions (None: the stream's start)."""
    return None if first is None or second is None else min(first, second)


def _banner(stack: LocalStack) -> str:
    url = stack.url
    tokens = ", ".join(f"{token} ({group})" for token, (_, group) in DEV_TOKENS.items())
    return "\n".join(
        [
            "",
            f"BillMA local est prêt ({stack.started_seconds:.1f} s).",
            f"  Page web et API : {url}/  (API aussi sous {url}/v1)",
            f"  État            : {url}/health",
            f"  AWS simulé      : {stack.moto_url} (moto : S3, SQS, DynamoDB, EventBridge)",
            f"  Données         : {stack.options.data_dir or 'en mémoire'} (--reset pour repartir de zéro)",
            f"  Jetons          : {tokens}",
            "                    en-tête « Authorization: Bearer <jeton> »",
            f"  Exemple         : curl -H 'Authorization: Bearer dev-reviewer' {url}/dossiers",
            "Ctrl-C pour arrêter.",
            "",
        ]
    )


def _repository_root() -> Path:
    cwd = Path.cwd()
    if (cwd / "template.yaml").is_file():
        return cwd
    return Path(__file__).resolve().parents[3]


def _configure_output() -> None:
    """Our log lines on stderr, handlers' JSON logs on stdout, both as they come.

    ``billma_cli`` gets its own handler: Powertools puts a filter on the root handlers that drops
    every record whose logger name contains the service name ("billma").
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(line_buffering=True)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s : %(message)s")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S"))
    cli_logger = logging.getLogger("billma_cli")
    cli_logger.addHandler(handler)
    cli_logger.setLevel(logging.INFO)
    cli_logger.propagate = False
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request otherwise
    # Powertools warns on every invocation that flushes no metric; in Lambda it goes to CloudWatch.
    warnings.filterwarnings("ignore", message="No application metrics to publish", category=UserWarning)


def default_data_dir() -> Path:
    """``.billma/`` at the repository root (git-ignored)."""
    return _repository_root() / ".billma"


def run_local(
    host: str, port: int, data_dir: Path | None = None, reset: bool = False, workers: int | None = None
) -> int:
    """Entry point of ``billma local``: runs until Ctrl-C (SIGINT) or SIGTERM."""
    _configure_output()
    template = _repository_root() / "template.yaml"
    if not template.is_file():
        print(f"template.yaml introuvable ({template}) : lancez billma local depuis le dépôt.", file=sys.stderr)
        return 2
    stopping = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    options = LocalStackOptions(
        template_path=template,
        host=host,
        port=port,
        data_dir=data_dir or default_data_dir(),
        reset=reset,
        # Two per core: a robot execution spends half its time waiting for moto (this process), so
        # one per core left the cores idle (5.07 against 3.32 dossiers/s, bench_load.py).
        worker_processes=max(1, workers or 2 * (os.cpu_count() or 1)),
    )
    stack = LocalStack(options)
    try:
        try:
            stack.start()
        except OSError as error:
            print(f"Impossible de démarrer sur {host}:{port} : {error}", file=sys.stderr)
            return 1
        except Exception:
            log.exception("Démarrage de BillMA local impossible")
            return 1
        print(_banner(stack), flush=True)
        while not stopping.wait(0.5):
            pass
        print("Arrêt de BillMA local…", flush=True)
        return 0
    finally:
        stack.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
