"""Routes of the upload function: the portals create dossiers and get presigned POSTs."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from billma_core import intake
from billma_core.api.http import ERROR_RESPONSES, allow, caller
from billma_core.aws import document_store, dossier_repository
from billma_core.models import DossierForm, DossierState, LazyModel, Role
from billma_core.settings import get_settings

router = Router()


class PresignedPost(LazyModel):
    url: str
    fields: dict[str, str]
    # The largest document the POST accepts (``Settings.max_document_bytes``), in bytes.
    max_bytes: int


class UploadTicket(LazyModel):
    dossier_id: str
    state: DossierState
    version: int
    upload: PresignedPost


def _ticket(status: int, dossier_id: str, state: DossierState, version: int, post: dict[str, Any]) -> Response[str]:
    body = UploadTicket(dossier_id=dossier_id, state=state, version=version, upload=PresignedPost(**post))
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=body.model_dump_json())


@router.post(
    "/dossiers",
    summary="Créer un dossier et obtenir l'URL de dépôt du devis",
    responses={
        201: {"description": "Dossier créé", "content": {"application/json": {"model": UploadTicket}}},
        **ERROR_RESPONSES,
    },
    tags=["Dépôt"],
)
@allow(Role.PORTAL)
def create_dossier(form: Annotated[DossierForm, Body(embed=False)]) -> Response[str]:
    principal = caller(router)
    dossier, post = intake.create_dossier(
        form, principal, dossier_repository(), document_store(), get_settings().default_insurer
    )
    return _ticket(201, dossier.dossier_id, dossier.state, dossier.version, post)


@router.post(
    "/dossiers/<dossier_id>/upload",
    summary="Nouvelle URL de dépôt (document refusé ou à remplacer)",
    responses={
        200: {"description": "Nouvelle URL", "content": {"application/json": {"model": UploadTicket}}},
        **ERROR_RESPONSES,
    },
    tags=["Dépôt"],
)
@allow(Role.PORTAL)
def renew_upload(dossier_id: str) -> Response[str]:
    principal = caller(router)
    dossier, post = intake.renew_upload(dossier_id, principal, dossier_repository(), document_store())
    return _ticket(200, dossier.dossier_id, dossier.state, dossier.version, post)
