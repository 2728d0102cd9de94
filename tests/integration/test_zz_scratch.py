import time
from tests.integration.test_api_state_machine import *  # noqa
from tests.integration.robot_flow import upload, sqs_event

def test_scratch(call_api, aws):
    forget_claims(aws, DOCUMENTS["inflated"])
    t=time.perf_counter()
    status, ticket = call_api("upload", "POST", "/dossiers", {**VALID_FORM, "claim_reference": "X"}, role="portal")
    print("create", time.perf_counter()-t); t=time.perf_counter()
    upload(ticket["upload"], DOCUMENTS["inflated"].read_bytes())
    print("upload", time.perf_counter()-t); t=time.perf_counter()
    run_robot(aws)
    print("robot", time.perf_counter()-t); t=time.perf_counter()
    d = ticket["dossier_id"]
    s, v = call_api("review_api", "GET", f"/dossiers/{d}")
    print("get", time.perf_counter()-t); t=time.perf_counter()
    print(v["dossier"]["state"], v["dossier"]["evaluation"]["outcome"], v["dossier"]["evaluation"]["gap_ttc"])
    s, v = call_api("review_api", "POST", f"/dossiers/{d}/assign", {"expected_version": v["dossier"]["version"]})
    print("assign", s, time.perf_counter()-t); t=time.perf_counter()
    s, v = call_api("review_api", "PUT", f"/dossiers/{d}/revision", {"expected_version": v["dossier"]["version"]})
    print("revise", s, v["dossier"]["revision"]["gap_ttc"], time.perf_counter()-t); t=time.perf_counter()
    s, v = call_api("review_api", "POST", f"/dossiers/{d}/ren", {"expected_version": v["dossier"]["version"], "decision": "PROPOSED"})
    print("ren", s, v if s != 200 else "", time.perf_counter()-t); t=time.perf_counter()
