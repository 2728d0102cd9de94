"""The OpenAPI document is generated from the code and covers every API route of the template."""

from __future__ import annotations

import re

from billma_cli.local.template import LocalNames, Resolver, load_template
from tests.integration.conftest import ROOT, ApiCall


def template_routes() -> set[tuple[str, str]]:
    resolver = Resolver(load_template(ROOT / "template.yaml"), LocalNames(web_origin="http://x"))
    routes = set()
    for _, resource in resolver.resources_of_type("AWS::Serverless::Function"):
        for event in (resource["Properties"].get("Events") or {}).values():
            if event["Type"] == "Api":
                path = re.sub(r"\{[^}]+\}", "{}", event["Properties"]["Path"])
                routes.add((event["Properties"]["Method"].lower(), path))
    return routes


def test_openapi_documents_every_route_of_the_template(call_api: ApiCall) -> None:
    status, document = call_api("review_api", "GET", "/openapi.json", role=None)
    assert status == 200
    documented = {
        (method, re.sub(r"\{[^}]+\}", "{}", path))
        for path, operations in document["paths"].items()
        for method in operations
    }
    undocumented = {route for route in template_routes() if route[1] not in {"/openapi.json", "/docs"}} - documented
    assert not undocumented
    assert "ErrorBody" in document["components"]["schemas"]
    assert document["info"]["title"] == "BillMA"


def test_swagger_page_is_served(call_api: ApiCall) -> None:
    status, page = call_api("review_api", "GET", "/docs", role=None)
    assert status == 200
    assert "openapi.json" in page


def test_labels_are_served_without_sign_in_and_name_every_code(call_api: ApiCall) -> None:
    status, labels = call_api("review_api", "GET", "/labels", role=None)
    assert status == 200
    assert labels["motifs"]["GAP_UNDER_200"] == "Clos - Eco. Moins de 200 euros"
    assert set(labels["serious_flags"]) <= set(labels["flags"])
    document = call_api("review_api", "GET", "/openapi.json", role=None)[1]
    assert "get" in document["paths"]["/labels"]
