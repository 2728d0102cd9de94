"""The API's own description (generated from the routes of all three API functions), a Swagger
UI page, and the French labels of every code it returns. Served by review_api, without sign-in
(the template routes /openapi.json, /docs and /labels there)."""

from __future__ import annotations

import json
from functools import cache

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router

from billma_core.labels import all_labels

router = Router()

SWAGGER_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>BillMA — API</title>
<link rel="stylesheet" href="https://unpkg.com/swagger-ui-dist@5/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="https://unpkg.com/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({url: "openapi.json", dom_id: "#swagger-ui"});</script>
</body></html>"""


@cache
def openapi_document() -> str:
    # Imported here: a resolver with every router is only built for this document, and Powertools'
    # OpenAPI models (about a third of review_api's import time) only load for it.
    from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer

    from billma_core.api import close_routes, replay_routes, review_routes, upload_routes
    from billma_core.api.http import build_resolver

    app = build_resolver(upload_routes.router, review_routes.router, replay_routes.router, close_routes.router, router)
    return app.get_openapi_json_schema(
        title="BillMA",
        version="1.0.0",
        description="Revue des devis de réparation après sinistre : dépôt, robot, revue, clôture, flux assureur.",
        security_schemes={"bearer": HTTPBearer(bearerFormat="JWT")},
        security=[{"bearer": []}],
    )


@router.get("/openapi.json", include_in_schema=False)
def get_openapi() -> Response[str]:
    return Response(status_code=200, content_type=content_types.APPLICATION_JSON, body=openapi_document())


@router.get("/docs", include_in_schema=False)
def get_docs() -> Response[str]:
    return Response(status_code=200, content_type="text/html; charset=utf-8", body=SWAGGER_PAGE)


@cache
def labels_document() -> str:
    return json.dumps(all_labels(), ensure_ascii=False)


@router.get(
    "/labels",
    summary="Libellés français de chaque code que l'API renvoie (états, garanties, alertes, motifs…)",
    tags=["Documentation"],
    security=[],
    # The body is a JSON object of tables (code → French label), not the string the return
    # annotation would document.
    responses={
        200: {"description": "Les tables de libellés", "content": {"application/json": {"schema": {"type": "object"}}}}
    },
)
def get_labels() -> Response[str]:
    # Words change with a deployment only: the page may keep them for an hour.
    return Response(
        status_code=200,
        content_type=content_types.APPLICATION_JSON,
        body=labels_document(),
        headers={"Cache-Control": "public, max-age=3600"},
    )
