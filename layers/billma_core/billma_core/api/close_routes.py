"""Routes of the close function: closure with one of the nine motifs, and the insurer's feed."""

from __future__ import annotations

import json
from typing import Annotated

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from billma_core.api.bodies import ClosureBody
from billma_core.api.http import allow, caller, responses_with
from billma_core.aws import events_client, reviewing
from billma_core.models import Dossier, MotifCode, Role
from billma_core.reviewing import ClosureFeed, DossierView
from billma_core.settings import get_settings

router = Router()
logger = Logger(child=True)
TAGS = ["Clôture"]
REN_OPENING_DETAIL_TYPE = "REN opening"


def publish_ren_opening(dossier: Dossier) -> None:
    """Hand the accepted REN to the repair network (origin "REN SUITE BILLMA")."""
    assert dossier.closure is not None and dossier.closure.ren_opening is not None
    events_client().put_events(
        Entries=[
            {
                "Source": "billma",
                "DetailType": REN_OPENING_DETAIL_TYPE,
                "Detail": json.dumps(dossier.closure.ren_opening, default=str),
                "EventBusName": get_settings().event_bus_name,
            }
        ]
    )


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
    dossier = service.close(dossier_id, body.expected_version, body.motif, body.reason, body.comment, principal)
    if body.motif is MotifCode.REN_ACCEPTED:
        publish_ren_opening(dossier)
        logger.info("ouverture de REN publiée", extra={"dossier_id": dossier_id})
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
