"""Routes of the close function: closure with one of the nine motifs, and the insurer's feed."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from billma_core.api.bodies import ClosureBody
from billma_core.api.http import allow, caller, responses_with
from billma_core.aws import reviewing
from billma_core.models import Role
from billma_core.reviewing import ClosureFeed, DossierView

router = Router()
TAGS = ["Clôture"]


@router.post(
    "/dossiers/<dossier_id>/closure",
    summary="Clôturer le dossier avec un des neuf motifs",
    tags=TAGS,
    responses=responses_with(DossierView, "Le dossier clos"),
)
@allow(Role.REVIEWER)
def post_closure(dossier_id: str, body: Annotated[ClosureBody, Body(embed=False)]) -> DossierView:
    principal = caller(router)
    service = reviewing()
    # A REN opening is written with the closure (outbox) and published from the table's stream.
    dossier = service.close(dossier_id, body.expected_version, body.motif, body.reason, body.comment, principal)
    return service.view(dossier)


@router.get(
    "/closures",
    summary="Flux des clôtures de l'assureur, dans l'ordre de clôture",
    tags=TAGS,
    responses=responses_with(ClosureFeed, "Une page du flux"),
)
@allow(Role.INSURER)
def get_closures(
    since: Annotated[str | None, Query(max_length=2048, description="Curseur opaque (next_cursor)")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> ClosureFeed:
    principal = caller(router)
    return reviewing().closures(principal, since, limit)
