"""Review API function: queue, dossier, document, assign, revision, REN, report, barème (and its
replay), stats, API docs."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from billma_core.api import docs_routes, replay_routes, review_routes
from billma_core.api.http import build_resolver

logger = Logger()
app = build_resolver(review_routes.router, replay_routes.router, docs_routes.router)


@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
