"""``POST /bareme/replay``: a candidate barème replayed on past dossiers, answered when done.

The API answers within API Gateway's 29 s, so it takes small sets (``MAX_DOSSIERS`` at most,
narrowed by ``since``); ``billma replay`` has no such bound.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body
from pydantic import ConfigDict, Field, ValidationError

from billma_core.api.http import allow, responses_with
from billma_core.aws import bareme, reviewing
from billma_core.bareme.schema import Bareme
from billma_core.errors import ValidationFailed
from billma_core.models import LazyModel, Role
from billma_core.replay import ReplayReport, render_csv, replay
from billma_core.settings import get_settings

router = Router()
MAX_DOSSIERS = 200


class ReplayBody(LazyModel):
    model_config = ConfigDict(extra="forbid")

    bareme: dict[str, Any] = Field(description="Le barème candidat (même schéma que le barème en vigueur)")
    since: dt.date | None = Field(default=None, description="Dossiers créés depuis cette date")


class ReplayAnswer(LazyModel):
    report: ReplayReport
    csv: str = Field(description="Une ligne par dossier rejoué (séparateur « ; », virgule décimale)")


@router.post(
    "/bareme/replay",
    summary="Rejouer un barème candidat sur les dossiers passés (sans les modifier)",
    tags=["Barème"],
    responses=responses_with(ReplayAnswer, "Comparaison barème en vigueur / candidat"),
)
@allow(Role.REVIEWER)
def post_replay(body: Annotated[ReplayBody, Body(embed=False)]) -> ReplayAnswer:
    try:
        candidate = Bareme.model_validate(body.bareme)
    except ValidationError as exc:
        problems = {".".join(str(part) for part in error["loc"]): error["msg"] for error in exc.errors()[:20]}
        raise ValidationFailed("Barème candidat invalide : il ne respecte pas le schéma du barème.", problems) from exc
    dossiers = [
        dossier
        for dossier in reviewing().every_dossier()
        if body.since is None or dossier.created_at.date() >= body.since
    ]
    if len(dossiers) > MAX_DOSSIERS:
        raise ValidationFailed(
            f"{len(dossiers)} dossiers à rejouer : au-delà de {MAX_DOSSIERS}, précisez « since » ou utilisez "
            "« billma replay » en ligne de commande.",
            {"dossiers": len(dossiers), "max": MAX_DOSSIERS},
        )
    report = replay(dossiers, current=bareme(), candidate=candidate, settings=get_settings(), since=body.since)
    return ReplayAnswer(report=report, csv=render_csv(report))
