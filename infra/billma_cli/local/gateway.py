"""API Gateway (REST, Lambda proxy) played by a small HTTP server.

A request that matches one of the template's ``Api`` events becomes the version 1.0 proxy event
(``resource`` is the template path, ``pathParameters`` its ``{params}``), authorised as the Cognito
user pool authorizer would: the development tokens ``dev-portal``, ``dev-reviewer`` and
``dev-insurer`` stand for users of the three groups and become ``requestContext.authorizer.claims``.
The handler's proxy response goes back to the client as it is. Also served: ``GET /health`` and the
static ``web/`` folder at ``/``. The API answers both at ``/`` and under its stage (``/v1``).
"""

from __future__ import annotations

import base64
import email.utils
import hmac
import json
import logging
import mimetypes
import re
import threading
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from billma_cli.local.runtime import FunctionRuntime
from billma_cli.local.template import ApiRoute, ApiSpec, LocalNames

__all__ = [
    "DEV_TOKENS",
    "Gateway",
    "GatewayServer",
    "HttpRequest",
    "HttpResponse",
    "RouteTable",
    "dev_claims",
]

log = logging.getLogger(__name__)

_API_INVOCATION = threading.Lock()

MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit

# token -> (username, group). Every development user belongs to insurer AZ.
DEV_TOKENS: dict[str, tuple[str, str]] = {
    "dev-portal": ("dev-portal", "portal"),
    "dev-reviewer": ("dev-reviewer", "reviewer"),
    "dev-insurer": ("dev-insurer", "insurer"),
}
_DEV_USER_NAMESPACE = uuid.UUID("6f1c2a4e-1b7d-4c55-9a51-bf3d0c6e2a10")

_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
}


def dev_claims(token: str, names: LocalNames) -> dict[str, str]:
    """The claims a Cognito user pool authorizer puts in ``requestContext.authorizer.claims``
    (every value a string, groups as a string) for a development token."""
    username, group = DEV_TOKENS[token]
    now = int(time.time())
    pool = f"{names.region}_local"
    return {
        "sub": str(uuid.uuid5(_DEV_USER_NAMESPACE, token)),
        "cognito:username": username,
        "cognito:groups": group,
        "custom:insurer_code": "AZ",
        "email": f"{username}@billma.local",
        "email_verified": "true",
        "token_use": "id",
        "iss": f"https://cognito-idp.{names.region}.amazonaws.com/{pool}",
        "aud": "billma-local-web-client",
        "auth_time": _claim_date(now),
        "iat": _claim_date(now),
        "exp": _claim_date(now + 3600),
    }


def _claim_date(epoch: int) -> str:
    return time.strftime("%a %b %d %H:%M:%S UTC %Y", time.gmtime(epoch))


def _bearer_token(headers: Mapping[str, str]) -> str | None:
    """The known development token of the Authorization header, compared in constant time."""
    value = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
    scheme, _, candidate = value.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    candidate = candidate.strip()
    found = None
    for token in DEV_TOKENS:  # no early exit: the time does not depend on which token matched
        if hmac.compare_digest(candidate.encode(), token.encode()):
            found = token
    return found


# --------------------------------------------------------------------------- routing


@dataclass(frozen=True)
class _CompiledRoute:
    route: ApiRoute
    pattern: re.Pattern[str]
    parameters: tuple[str, ...]
    specificity: tuple[int, ...]


class RouteTable:
    """The template's routes; the most specific path wins, as in API Gateway."""

    def __init__(self, routes: Iterable[ApiRoute]) -> None:
        compiled = [self._compile(route) for route in routes]
        self._routes = sorted(compiled, key=lambda item: item.specificity)

    @staticmethod
    def _compile(route: ApiRoute) -> _CompiledRoute:
        parts: list[str] = []
        parameters: list[str] = []
        kinds: list[int] = []
        for segment in route.path.strip("/").split("/") if route.path.strip("/") else []:
            greedy = re.fullmatch(r"\{(\w+)\+\}", segment)
            single = re.fullmatch(r"\{(\w+)\}", segment)
            if greedy:
                parameters.append(greedy.group(1))
                parts.append(f"(?P<p{len(parameters)}>.+)")
                kinds.append(2)
            elif single:
                parameters.append(single.group(1))
                parts.append(f"(?P<p{len(parameters)}>[^/]+)")
                kinds.append(1)
            else:
                parts.append(re.escape(segment))
                kinds.append(0)
        pattern = re.compile("/" + "/".join(parts) + "/?")
        return _CompiledRoute(route, pattern, tuple(parameters), tuple(kinds))

    def find(self, method: str, path: str) -> tuple[ApiRoute, dict[str, str]] | None:
        for item in self._routes:
            match = item.pattern.fullmatch(path)
            if match and item.route.method in (method, "ANY"):
                values = {name: unquote(match.group(f"p{n}")) for n, name in enumerate(item.parameters, 1)}
                return item.route, values
        return None

    def routes_for_path(self, path: str) -> list[ApiRoute]:
        return [item.route for item in self._routes if item.pattern.fullmatch(path)]


# --------------------------------------------------------------------------- the gateway


@dataclass
class HttpResponse:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    @classmethod
    def json(cls, status: int, payload: Any, headers: Sequence[tuple[str, str]] = ()) -> HttpResponse:
        body = json.dumps(payload, ensure_ascii=False).encode()
        return cls(status, [("Content-Type", "application/json"), *headers], body)

    @classmethod
    def error(cls, status: int, code: str, message: str) -> HttpResponse:
        return cls.json(status, {"error": code, "message": message, "details": None})


@dataclass(frozen=True)
class HttpRequest:
    method: str
    target: str  # path and query as sent
    headers: list[tuple[str, str]]
    body: bytes
    client_ip: str = "127.0.0.1"


class Gateway:
    """Turns HTTP requests into API Gateway proxy events for the template's functions."""

    def __init__(
        self,
        names: LocalNames,
        routes: Iterable[ApiRoute],
        apis: Mapping[str, ApiSpec],
        runtimes: Mapping[str, FunctionRuntime],
        web_root: Path | None,
    ) -> None:
        self.names = names
        self.routes = RouteTable(routes)
        self.apis = dict(apis)
        self.runtimes = dict(runtimes)
        self.web_root = web_root.resolve() if web_root else None
        self.ready = threading.Event()
        self._warned_binary: set[str] = set()

    # ---------------------------------------------------------------- dispatch

    def handle(self, request: HttpRequest) -> HttpResponse:
        split = urlsplit(request.target)
        path = split.path or "/"
        if path == "/health" and request.method in ("GET", "HEAD"):
            if self.ready.is_set():
                return HttpResponse.json(200, {"status": "ok"})
            return HttpResponse.json(503, {"status": "starting"})
        api_path = self._api_path(path)
        if api_path is not None:
            if not self.ready.is_set():
                return _starting(request)
            if len(request.body) > MAX_BODY_BYTES:
                return HttpResponse.json(413, {"message": "Request Too Long"})
            return self._api(request, api_path, split.query)
        if request.method in ("GET", "HEAD"):
            redirect = self._canonical_origin(request)
            if redirect is not None:
                return redirect
            static = self._static(path)
            if static is not None:
                return static
        return self._missing_authentication_token()

    def _api_path(self, path: str) -> str | None:
        """The path relative to the API (with or without the stage prefix), if it names a route."""
        if self.routes.routes_for_path(path):
            return path
        for api in self.apis.values():
            prefix = f"/{api.stage_name}"
            if path.startswith(prefix + "/") and self.routes.routes_for_path(path[len(prefix) :]):
                return path[len(prefix) :]
        return None

    def _api(self, request: HttpRequest, path: str, query: str) -> HttpResponse:
        headers = _last_values(request.headers)
        if request.method == "OPTIONS":
            return self._preflight(path, headers)
        found = self.routes.find(request.method, path)
        if found is None:
            return self._missing_authentication_token(self.apis[self.routes.routes_for_path(path)[0].api_id])
        route, path_parameters = found
        api = self.apis[route.api_id]
        claims: dict[str, str] | None = None
        if route.authorizer is not None:
            token = _bearer_token(headers)
            if token is None:
                return self._unauthorized(api)
            claims = dev_claims(token, self.names)
        runtime = self.runtimes.get(route.function_id)
        if runtime is None:
            return HttpResponse.json(502, {"message": "Internal server error"})
        event = self.rest_event(request, route, api, path, query, path_parameters, claims)
        try:
            # Powertools keeps the current request in a class attribute shared by every resolver
            # (one invocation per process in Lambda): API calls run one at a time here, or a
            # request could read another's caller.
            with _API_INVOCATION:
                result = runtime.invoke(event)
        except Exception:
            log.exception("%s a levé une exception sur %s %s", route.function_id, request.method, path)
            return HttpResponse.json(502, {"message": "Internal server error"})
        return self._proxy_response(result, route, api, headers)

    def _preflight(self, path: str, headers: Mapping[str, str]) -> HttpResponse:
        routes = self.routes.routes_for_path(path)
        api = self.apis[routes[0].api_id]
        if api.cors is None:
            return HttpResponse.error(404, "not_found", "Ressource introuvable.")
        if api.default_authorizer and api.authorize_cors_preflight and _bearer_token(headers) is None:
            return self._unauthorized(api)
        return HttpResponse(200, [*api.cors.headers().items(), ("Content-Type", "application/json")], b"{}")

    def _missing_authentication_token(self, api: ApiSpec | None = None) -> HttpResponse:
        """API Gateway's answer to a method or path the API does not declare (before any
        authorizer runs): 403 ``Missing Authentication Token``, shaped by the API's
        ``GatewayResponses`` (``MISSING_AUTHENTICATION_TOKEN``, else ``DEFAULT_4XX``)."""
        api = api or next(iter(self.apis.values()), None)
        response = HttpResponse.json(403, {"message": "Missing Authentication Token"})
        if api is not None:
            gateway_response = api.gateway_response("MISSING_AUTHENTICATION_TOKEN", "DEFAULT_4XX")
            if gateway_response.json_template is not None:
                response.body = gateway_response.json_template.encode()
            response.headers.extend(gateway_response.headers.items())
        response.headers.append(("x-amzn-ErrorType", "MissingAuthenticationTokenException"))
        return response

    def _unauthorized(self, api: ApiSpec) -> HttpResponse:
        """The authorizer's 401, shaped by the API's ``GatewayResponses`` when it has them."""
        gateway_response = api.gateway_response("UNAUTHORIZED", "DEFAULT_4XX")
        if gateway_response.json_template is not None:
            response = HttpResponse(
                401, [("Content-Type", "application/json")], gateway_response.json_template.encode()
            )
        else:
            response = HttpResponse.error(
                401, "unauthenticated", "Authentification requise : jeton absent, inconnu ou expiré."
            )
        response.headers.extend(gateway_response.headers.items())
        return response

    # ---------------------------------------------------------------- event and response

    def rest_event(
        self,
        request: HttpRequest,
        route: ApiRoute,
        api: ApiSpec,
        path: str,
        query: str,
        path_parameters: Mapping[str, str],
        claims: Mapping[str, str] | None,
    ) -> dict[str, Any]:
        """The API Gateway REST (v1.0) Lambda proxy event of a request."""
        request_id = str(uuid.uuid4())
        now = time.time()
        headers: dict[str, list[str]] = {}
        host = self.names.web_netloc
        for name, value in request.headers:
            headers.setdefault(name, []).append(value)
            if name.lower() == "host":
                host = value
        port = host.rpartition(":")[2] if ":" in host else "80"
        for name, value in (
            ("X-Forwarded-For", request.client_ip),
            ("X-Forwarded-Proto", "http"),
            ("X-Forwarded-Port", port),
        ):
            headers.setdefault(name, [value])
        pairs = parse_qsl(query, keep_blank_values=True)
        multi_query: dict[str, list[str]] = {}
        for key, value in pairs:
            multi_query.setdefault(key, []).append(value)
        body, is_base64 = self._request_body(request, api)
        user_agent = next((v[-1] for k, v in headers.items() if k.lower() == "user-agent"), None)
        request_context: dict[str, Any] = {
            "accountId": self.names.account_id,
            "apiId": route.api_id.lower(),
            "resourceId": re.sub(r"\W", "", route.path)[:10] or "root",
            "resourcePath": route.path,
            "httpMethod": request.method,
            "path": f"/{api.stage_name}{path}",
            "stage": api.stage_name,
            "requestId": request_id,
            "extendedRequestId": request_id,
            "requestTime": email.utils.formatdate(now, usegmt=True),
            "requestTimeEpoch": int(now * 1000),
            "protocol": "HTTP/1.1",
            "domainName": host,
            "identity": {
                "sourceIp": request.client_ip,
                "userAgent": user_agent,
                "accessKey": None,
                "accountId": None,
                "caller": None,
                "cognitoIdentityId": None,
                "cognitoIdentityPoolId": None,
                "user": None,
                "userArn": None,
            },
        }
        if claims is not None:
            request_context["authorizer"] = {"claims": dict(claims)}
        return {
            "resource": route.path,
            "path": path,
            "httpMethod": request.method,
            "headers": {name: values[-1] for name, values in headers.items()},
            "multiValueHeaders": headers,
            "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
            "multiValueQueryStringParameters": multi_query or None,
            "pathParameters": dict(path_parameters) or None,
            "stageVariables": None,
            "requestContext": request_context,
            "body": body,
            "isBase64Encoded": is_base64,
        }

    @staticmethod
    def _request_body(request: HttpRequest, api: ApiSpec) -> tuple[str | None, bool]:
        if not request.body:
            return None, False
        content_type = _last_values(request.headers).get("content-type", "")
        if _media_type_matches(content_type, api.binary_media_types):
            return base64.b64encode(request.body).decode(), True
        try:
            return request.body.decode("utf-8"), False
        except UnicodeDecodeError:
            # API Gateway would mangle it without a binary media type; pass it intact instead.
            return base64.b64encode(request.body).decode(), True

    def _proxy_response(
        self, result: Any, route: ApiRoute, api: ApiSpec, request_headers: Mapping[str, str]
    ) -> HttpResponse:
        if not isinstance(result, dict) or not isinstance(result.get("statusCode"), int):
            log.error("%s : réponse de proxy mal formée : %r", route.function_id, result)
            return HttpResponse.json(502, {"message": "Internal server error"})
        headers: list[tuple[str, str]] = []
        for name, values in (result.get("multiValueHeaders") or {}).items():
            headers.extend((str(name), str(value)) for value in values)
        multi_names = {name.lower() for name, _ in headers}
        for name, value in (result.get("headers") or {}).items():
            if str(name).lower() not in multi_names:
                headers.append((str(name), str(value)))
        raw_body = result.get("body")
        text = "" if raw_body is None else str(raw_body)
        if result.get("isBase64Encoded"):
            body = base64.b64decode(text)
            content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
            # API Gateway converts to binary only when the Accept header (its first type) is binary.
            accept = request_headers.get("accept", "").split(",", maxsplit=1)[0]
            binary_in_cloud = _media_type_matches(accept, api.binary_media_types)
            if not binary_in_cloud and route.path not in self._warned_binary:
                self._warned_binary.add(route.path)
                log.warning(
                    "%s %s renvoie un corps binaire (%s) mais %s n'a pas de BinaryMediaTypes pour Accept %r : "
                    "dans le cloud, le client recevrait le base64",
                    route.method,
                    route.path,
                    content_type,
                    api.logical_id,
                    accept,
                )
        else:
            body = text.encode()
        headers.append(("x-amzn-RequestId", str(uuid.uuid4())))
        return HttpResponse(result["statusCode"], headers, body)

    # ---------------------------------------------------------------- static files

    def _canonical_origin(self, request: HttpRequest) -> HttpResponse | None:
        """``localhost`` to the configured origin: S3's CORS rule (from the template) names one origin."""
        host = _last_values(request.headers).get("host", "")
        hostname, _, port = host.rpartition(":")
        if hostname.lower() in ("localhost", "[::1]") and port == self.names.web_netloc.rpartition(":")[2]:
            return HttpResponse(307, [("Location", self.names.web_origin + request.target)])
        return None

    def _static(self, path: str) -> HttpResponse | None:
        if self.web_root is None or not self.web_root.is_dir():
            return None
        relative = unquote(path).lstrip("/")
        if "\x00" in relative or "\\" in relative or any(part == ".." for part in relative.split("/")):
            return None
        candidate = (self.web_root / relative).resolve()
        if not candidate.is_relative_to(self.web_root):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_file():
            return None
        content_type = _CONTENT_TYPES.get(candidate.suffix.lower()) or (
            mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
        )
        return HttpResponse(
            200,
            [("Content-Type", content_type), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")],
            candidate.read_bytes(),
        )


def _starting(request: HttpRequest) -> HttpResponse:
    if urlsplit(request.target).path == "/health":
        return HttpResponse.json(503, {"status": "starting"})
    return HttpResponse.error(503, "unavailable", "La pile locale démarre, réessayez dans un instant.")


def _last_values(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}


def _media_type_matches(content_type: str, patterns: Sequence[str]) -> bool:
    media = content_type.split(";", maxsplit=1)[0].strip().lower()
    if not media:
        return False
    for pattern in patterns:
        kind, _, subtype = pattern.lower().partition("/")
        media_kind, _, media_subtype = media.partition("/")
        if kind in ("*", media_kind) and subtype in ("*", media_subtype):
            return True
    return False


# --------------------------------------------------------------------------- HTTP server


class _RequestHandler(BaseHTTPRequestHandler):
    server: GatewayServer
    server_version = "billma-local"
    sys_version = ""

    def _serve(self) -> None:
        started = time.monotonic()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            response = HttpResponse.json(413, {"message": "Request Too Long"})
            self.close_connection = True
        else:
            body = self.rfile.read(length) if length else b""
            request = HttpRequest(
                method=self.command,
                target=self.path,
                headers=list(self.headers.items()),
                body=body,
                client_ip=self.client_address[0],
            )
            try:
                gateway = self.server.gateway
                response = gateway.handle(request) if gateway else _starting(request)
            except Exception:
                log.exception("erreur de la passerelle locale sur %s %s", self.command, self.path)
                response = HttpResponse.json(500, {"message": "Internal server error"})
        self.send_response(response.status)
        for name, value in response.headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)
        if self.path != "/health":
            log.info(
                "%s %s -> %d (%d ms)",
                self.command,
                self.path.split("?")[0],
                response.status,
                (time.monotonic() - started) * 1000,
            )

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = _serve

    def __getattr__(self, name: str) -> Any:
        # Any other method (TRACE, CONNECT, made-up ones) goes to the gateway too, which answers
        # as API Gateway does, instead of http.server's 501 HTML page.
        if name.startswith("do_") and name[3:].isupper():
            return self._serve
        raise AttributeError(name)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug(format, *args)


class GatewayServer(ThreadingHTTPServer):
    """``ThreadingHTTPServer`` that hands every request to a :class:`Gateway`."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the listen backlog: a burst of clients is queued, not refused

    def __init__(self, address: tuple[str, int], gateway: Gateway | None = None) -> None:
        super().__init__(address, _RequestHandler)
        self._gateway = gateway

    @property
    def gateway(self) -> Gateway | None:
        """None while the stack is starting: every request then gets 503."""
        return self._gateway

    @gateway.setter
    def gateway(self, gateway: Gateway | None) -> None:
        self._gateway = gateway

    @property
    def port(self) -> int:
        return int(self.server_address[1])
