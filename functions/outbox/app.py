"""Outbox function: the table's stream → EventBridge (REN openings), at least once."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from billma_core.aws import dossier_repository, events_client
from billma_core.models import utc_now
from billma_core.publishing import EventBridgePublisher, relay_outbox
from billma_core.settings import get_settings

logger = Logger()


@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    publisher = EventBridgePublisher(events_client(), get_settings().event_bus_name)
    failed = relay_outbox(event.get("Records", []), dossier_repository(), publisher, utc_now)
    return {"batchItemFailures": [{"itemIdentifier": sequence} for sequence in failed]}
