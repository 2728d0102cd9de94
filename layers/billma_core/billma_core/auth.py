"""Who is calling, from the claims an API Gateway Cognito authorizer puts in the event, and the
role rules every route applies. The local stack presents its development tokens the same way."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from billma_core import labels
from billma_core.errors import Forbidden, Unauthenticated
from billma_core.models import Dossier, Principal, Role

ROBOT = "ROBOT"


def principal_from_event(event: Mapping[str, Any]) -> Principal:
    """Read the caller from ``requestContext.authorizer.claims`` (REST API + user pool)."""
    context = event.get("requestContext") or {}
    claims = (context.get("authorizer") or {}).get("claims") or {}
    subject = claims.get("cognito:username") or claims.get("sub")
    if not subject:
        raise Unauthenticated("Authentification requise : jeton absent ou invalide.")
    return Principal(
        subject=str(subject),
        roles=frozenset(_roles(claims.get("cognito:groups"))),
        insurer_code=claims.get("custom:insurer_code") or None,
    )


def _roles(groups: object) -> list[Role]:
    # A REST API authorizer gives the groups as one string ("reviewer" or "[a, b]" or "a,b");
    # other integrations give a list.
    names = groups if isinstance(groups, list) else re.split(r"[\s,\[\]]+", str(groups or ""))
    return [Role(name) for name in names if name in Role.__members__.values()]


def require_role(principal: Principal, *roles: Role) -> None:
    if not principal.roles.intersection(roles):
        allowed = ", ".join(labels.ROLES[role] for role in roles)
        raise Forbidden(f"Accès refusé : cette action est réservée au rôle {allowed}.")


def require_can_read(principal: Principal, dossier: Dossier) -> None:
    """Reviewers read every dossier; an insurer only its own; a portal the dossiers it created
    (to follow the state of what it uploaded)."""
    if Role.REVIEWER in principal.roles:
        return
    if Role.INSURER in principal.roles and principal.insurer_code == dossier.form.insurer_code:
        return
    if Role.PORTAL in principal.roles and principal.subject == dossier.created_by:
        return
    raise Forbidden("Accès refusé : ce dossier n'appartient pas à votre périmètre.")
