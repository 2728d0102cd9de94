"""What every API function shares: the resolver, error mapping, French validation messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

from billma_core.auth import principal_from_event, require_role
from billma_core.errors import BillmaError, UnsupportedMediaType, ValidationFailed
from billma_core.models import LazyModel, Principal, Role
from billma_core.settings import get_settings

logger = Logger()


class ErrorBody(LazyModel):
    """Every error the API answers: a machine code, a French message, details."""

    error: str
    message: str
    details: Any = None


ERROR_RESPONSES: dict[int, OpenAPIResponse] = {
    status: {"description": text, "content": {"application/json": {"model": ErrorBody}}}
    for status, text in {
        401: "Jeton absent ou invalide",
        403: "Rôle insuffisant",
        404: "Dossier introuvable",
        409: "Conflit de version ou règle métier",
        415: "Corps de requête autre que JSON",
        422: "Requête invalide",
    }.items()
}


def responses_with(model: Any, description: str, status: int = 200) -> dict[int, OpenAPIResponse]:
    """The success response of a route and :data:`ERROR_RESPONSES`, for ``responses=``: once a
    route passes ``responses``, Powertools no longer documents its return annotation itself."""
    return {status: {"description": description, "content": {"application/json": {"model": model}}}, **ERROR_RESPONSES}


# French wording of pydantic's error types (the custom validators already speak French).
_MESSAGES = {
    "missing": "champ obligatoire",
    "extra_forbidden": "champ inconnu",
    "string_too_short": "ne doit pas être vide",
    "string_too_long": "trop long (au plus {max_length} caractères)",
    "string_type": "texte attendu",
    "date_parsing": "date attendue au format AAAA-MM-JJ",
    "date_from_datetime_parsing": "date attendue au format AAAA-MM-JJ",
    "date_from_datetime_inexact": "date attendue au format AAAA-MM-JJ",
    "date_type": "date attendue au format AAAA-MM-JJ",
    "datetime_parsing": "date et heure attendues au format ISO 8601",
    "decimal_parsing": "nombre attendu",
    "decimal_type": "nombre attendu",
    "decimal_max_places": "au plus {decimal_places} décimales",
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "bool_parsing": "vrai ou faux attendu",
    "greater_than_equal": "doit être supérieur ou égal à {ge}",
    "greater_than": "doit être supérieur à {gt}",
    "less_than_equal": "doit être inférieur ou égal à {le}",
    "enum": "valeur attendue parmi : {expected}",
    "literal_error": "valeur attendue parmi : {expected}",
    "json_invalid": "corps JSON invalide",
    "model_attributes_type": "objet JSON attendu",
    "dict_type": "objet JSON attendu",
    "list_type": "liste attendue",
}


def french_message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ")
    template = _MESSAGES.get(kind)
    if template is None:
        return "valeur invalide"
    if "expected" in context:  # pydantic joins choices with an English "or"
        context = {**context, "expected": str(context["expected"]).replace(" or ", " ou ")}
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template.split(" (")[0]


def field_errors(errors: list[dict[str, Any]]) -> dict[str, str]:
    """``{"policyholder_phone": "numéro de téléphone français attendu…"}``; the location
    drops the ``body``/``query`` prefix and the parameter name Powertools adds."""
    fields: dict[str, str] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        if location and location[0] in {"body", "query", "path", "header"}:
            location = location[1:]
        name = "corps" if error.get("type") == "json_invalid" else ".".join(location) or "corps"
        fields.setdefault(name, french_message(error))
    return fields


def error_response(error: BillmaError) -> Response[str]:
    return Response(
        status_code=error.status,
        content_type=content_types.APPLICATION_JSON,
        body=ErrorBody(**error.to_body()).model_dump_json(),
    )


RouteFunction = TypeVar("RouteFunction", bound=Callable[..., Any])


def allow(*roles: Role) -> Callable[[RouteFunction], RouteFunction]:
    """The roles a route admits. Checked by the resolver before the route runs and before the
    request is validated: a caller without the role gets 403 whatever the body (401 without a
    token), never a 422 that would tell it how to build a valid request."""

    def mark(func: RouteFunction) -> RouteFunction:
        func.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return func

    return mark


def _check_roles(app: APIGatewayRestResolver) -> None:
    route = app.context.get("_route")
    roles = getattr(getattr(route, "func", None), "allowed_roles", None)
    if roles:
        require_role(principal_from_event(app.current_event.raw_event), *roles)


def _role_refusal(app: APIGatewayRestResolver) -> Response[str] | None:
    """The caller's refusal when the route is not for its role: said before any complaint
    about the request, as the role middleware would have (it runs after body parsing)."""
    try:
        _check_roles(app)
    except BillmaError as refused:
        return error_response(refused)
    return None


def _role_middleware(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    _check_roles(app)
    return next_middleware(app)


def build_resolver(*routers: Router) -> APIGatewayRestResolver:
    settings = get_settings()
    app = APIGatewayRestResolver(
        enable_validation=True,
        cors=CORSConfig(allow_origin=settings.web_origin, allow_headers=["Authorization", "Content-Type"], max_age=300),
    )
    for router in routers:
        app.include_router(router)
    app.use([_role_middleware])

    @app.exception_handler(BillmaError)
    def _billma_error(error: BillmaError) -> Response[str]:
        if error.status >= 500:  # pragma: no cover - BillmaError statuses are 4xx
            logger.exception("erreur interne")
        return error_response(error)

    @app.exception_handler(UnicodeDecodeError)
    def _undecodable_body(_: UnicodeDecodeError) -> Response[str]:
        # A body that is not UTF-8 cannot be JSON: the caller's mistake, not ours.
        if (refused := _role_refusal(app)) is not None:
            return refused
        return error_response(ValidationFailed("Requête invalide — corps : JSON encodé en UTF-8 attendu."))

    @app.exception_handler(ValueError)
    def _body_not_json(error: ValueError) -> Response[str]:
        # Powertools parses a form body before validation and raises ValueError on a malformed
        # one (multipart without its boundary): a caller's mistake. Any other ValueError is ours.
        headers = {key.lower(): value for key, value in (app.current_event.headers or {}).items()}
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type in ("", "application/json"):
            raise error
        if (refused := _role_refusal(app)) is not None:
            return refused
        return error_response(
            UnsupportedMediaType(
                f"Corps de requête au format {content_type} : JSON attendu (Content-Type: application/json).",
                {"content_type": content_type},
            )
        )

    @app.exception_handler(RequestValidationError)
    def _invalid_request(error: RequestValidationError) -> Response[str]:
        # Request validation runs before any middleware: the role comes first all the same.
        if (refused := _role_refusal(app)) is not None:
            return refused
        fields = field_errors(list(error.errors()))
        summary = "; ".join(f"{name} : {text}" for name, text in fields.items())
        return error_response(ValidationFailed(f"Requête invalide — {summary}.", {"fields": fields}))

    return app


def caller(router: Router) -> Principal:
    """The authenticated caller of the current request."""
    return principal_from_event(router.current_event.raw_event)
