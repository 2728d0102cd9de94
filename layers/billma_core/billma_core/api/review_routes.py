"""Routes of the review_api function: the reviewers' queue and dossier, the document link,
assignment, revision, REN, the PDF report, the barème search and the statistics."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from billma_core.api.bodies import AssignBody, DismissalBody, QualityCheckBody, ReadingBody, RenBody, RevisionBody
from billma_core.api.http import ERROR_RESPONSES, allow, caller, responses_with
from billma_core.aws import bareme, document_store, reviewing
from billma_core.bareme.schema import BaremeItem
from billma_core.bareme.search import search
from billma_core.errors import NotFound
from billma_core.models import DossierState, LazyModel, Revision, Role
from billma_core.review.stats import Stats
from billma_core.reviewing import DossierView, QueuePage
from billma_core.settings import get_settings

router = Router()
TAGS = ["Revue"]


class DocumentLink(LazyModel):
    url: str
    expires_in: int


@router.get(
    "/dossiers",
    summary="File des dossiers (par état ou par référence sinistre)",
    tags=TAGS,
    responses=responses_with(QueuePage, "Une page de la file"),
)
@allow(Role.REVIEWER)
def list_dossiers(
    state: Annotated[DossierState | None, Query(description="État ; TO_REVIEW par défaut")] = None,
    reference: Annotated[str | None, Query(max_length=64, description="Référence sinistre")] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    order: Annotated[
        Literal["oldest", "newest", "overdue"],
        Query(description="Les plus anciens d'abord (défaut), les plus récents, ou les hors délai d'abord"),
    ] = "oldest",
    overdue: Annotated[bool, Query(description="Seulement les dossiers en attente au-delà du délai de revue")] = False,
    quality_check: Annotated[
        Literal["pending"] | None, Query(description="pending : validations automatiques à contrôler")
    ] = None,
) -> QueuePage:
    return reviewing().queue(
        state,
        reference,
        cursor,
        limit,
        newest_first=order == "newest",
        overdue_only=overdue,
        quality_pending=quality_check == "pending",
        overdue_first=order == "overdue",
    )


@router.get(
    "/dossiers/<dossier_id>",
    summary="Dossier : formulaire, document, évaluation, révisions, audit",
    tags=TAGS,
    responses=responses_with(DossierView, "Le dossier"),
)
@allow(Role.REVIEWER, Role.INSURER, Role.PORTAL)
def get_dossier(dossier_id: str) -> DossierView:
    principal = caller(router)
    service = reviewing()
    return service.view(service.readable(dossier_id, principal))


@router.get(
    "/dossiers/<dossier_id>/document",
    summary="Lien court vers le document déposé",
    tags=TAGS,
    responses=responses_with(DocumentLink, "Lien de téléchargement présigné"),
)
@allow(Role.REVIEWER)
def get_document(dossier_id: str) -> DocumentLink:
    principal = caller(router)
    dossier = reviewing().readable(dossier_id, principal)
    if dossier.document is None:
        raise NotFound("Aucun document n'a encore été reçu pour ce dossier.")
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        dossier.document.media_type.value if dossier.document.media_type else "", "bin"
    )
    url = document_store().presigned_get(dossier.document.s3_key, f"devis-{dossier_id}.{extension}")
    return DocumentLink(url=url, expires_in=get_settings().document_url_expires_seconds)


@router.post(
    "/dossiers/<dossier_id>/assign",
    summary="Prendre le dossier en revue",
    tags=TAGS,
    responses=responses_with(DossierView, "Le dossier mis à jour"),
)
@allow(Role.REVIEWER)
def assign(dossier_id: str, body: Annotated[AssignBody, Body(embed=False)]) -> DossierView:
    principal = caller(router)
    service = reviewing()
    return service.view(service.assign(dossier_id, body.expected_version, principal))


@router.put(
    "/dossiers/<dossier_id>/revision",
    summary="Réviser le devis ligne à ligne",
    tags=TAGS,
    responses=responses_with(DossierView, "Le dossier mis à jour"),
)
@allow(Role.REVIEWER)
def put_revision(dossier_id: str, body: Annotated[RevisionBody, Body(embed=False)]) -> DossierView:
    principal = caller(router)
    service = reviewing()
    return service.view(service.revise(dossier_id, body.expected_version, body.decisions, body.comment, principal))


@router.post(
    "/dossiers/<dossier_id>/revision/preview",
    summary="Aperçu d'une révision : totaux, écart et éligibilité REN calculés sans rien enregistrer",
    tags=TAGS,
    responses=responses_with(Revision, "La révision que ces décisions donneraient"),
)
@allow(Role.REVIEWER)
def post_revision_preview(dossier_id: str, body: Annotated[RevisionBody, Body(embed=False)]) -> Revision:
    principal = caller(router)
    return reviewing().preview_revision(dossier_id, body.expected_version, body.decisions, body.comment, principal)


@router.put(
    "/dossiers/<dossier_id>/reading",
    summary="Corriger la lecture du devis (lignes, totaux imprimés) et le faire juger à nouveau",
    tags=TAGS,
    responses=responses_with(DossierView, "Le dossier avec la nouvelle évaluation"),
)
@allow(Role.REVIEWER)
def put_reading(dossier_id: str, body: Annotated[ReadingBody, Body(embed=False)]) -> DossierView:
    principal = caller(router)
    service = reviewing()
    return service.view(
        service.correct_reading(dossier_id, body.expected_version, body.lines, body.totals, body.comment, principal)
    )


@router.post(
    "/dossiers/<dossier_id>/dismissals",
    summary="Écarter un signalement du robot (ligne ou dossier) avec une raison",
    tags=TAGS,
    responses=responses_with(DossierView, "Le dossier mis à jour"),
)
@allow(Role.REVIEWER)
def post_dismissal(dossier_id: str, body: Annotated[DismissalBody, Body(embed=False)]) -> DossierView:
    principal = caller(router)
    service = reviewing()
    return service.view(
        service.dismiss(dossier_id, body.expected_version, body.flag, body.line, body.reason, principal)
    )


@router.post(
    "/dossiers/<dossier_id>/quality-check",
    summary="Contrôle qualité d'une validation automatique tirée dans l'échantillon",
    tags=TAGS,
    responses=responses_with(DossierView, "Le dossier mis à jour"),
)
@allow(Role.REVIEWER)
def post_quality_check(dossier_id: str, body: Annotated[QualityCheckBody, Body(embed=False)]) -> DossierView:
    principal = caller(router)
    service = reviewing()
    return service.view(service.quality_check(dossier_id, body.expected_version, body.agree, body.comment, principal))


@router.post(
    "/dossiers/<dossier_id>/ren",
    summary="Proposer une REN, ou enregistrer la réponse de l'assuré",
    tags=TAGS,
    responses=responses_with(DossierView, "Le dossier mis à jour"),
)
@allow(Role.REVIEWER)
def post_ren(dossier_id: str, body: Annotated[RenBody, Body(embed=False)]) -> DossierView:
    principal = caller(router)
    service = reviewing()
    return service.view(service.ren(dossier_id, body.expected_version, body.decision, body.opening, principal))


@router.get(
    "/dossiers/<dossier_id>/report",
    summary="Rapport de révision (PDF)",
    tags=TAGS,
    responses={200: {"description": "PDF", "content": {"application/pdf": {"schema": {}}}}, **ERROR_RESPONSES},
)
# No return annotation on purpose: Powertools would validate (and UTF-8 decode) the PDF bytes.
@allow(Role.REVIEWER, Role.INSURER)
def get_report(dossier_id: str):  # type: ignore[no-untyped-def]
    principal = caller(router)
    dossier = reviewing().readable(dossier_id, principal)
    # fpdf2 and fontTools load here, not at cold start: most calls never ask for a report.
    from billma_core.review.report import revision_report_pdf

    return Response(
        status_code=200,
        content_type="application/pdf",
        body=revision_report_pdf(dossier),
        headers={"Content-Disposition": f'inline; filename="rapport-{dossier_id}.pdf"'},
    )


class BaremeResults(LazyModel):
    version: str
    effective_date: dt.date
    items: list[BaremeItem]


@router.get(
    "/bareme",
    summary="Chercher dans le barème (code, libellé, synonymes)",
    tags=TAGS,
    responses=responses_with(BaremeResults, "Articles du barème"),
)
@allow(Role.REVIEWER)
def get_bareme(
    q: Annotated[str | None, Query(max_length=200, description="Code ou libellé")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> BaremeResults:
    scale = bareme()
    return BaremeResults(version=scale.version, effective_date=scale.effective_date, items=search(q, scale, limit))


@router.get(
    "/stats", summary="Statistiques des Billmateurs", tags=TAGS, responses=responses_with(Stats, "Statistiques")
)
@allow(Role.REVIEWER)
def get_stats() -> Stats:
    return reviewing().stats()
