"""The local stack: ``billma local`` runs BillMA on one machine, without Docker or a cloud account.

- :mod:`.template` reads ``template.yaml`` (CloudFormation short tags, intrinsic functions, SAM globals)
  and lists what the stack needs: resources, functions, API routes, SQS event sources.
- :mod:`.resources` creates the buckets, queues, table and event bus on a moto server.
- :mod:`.runtime` loads each function's handler and invokes it with a Lambda-like context.
- :mod:`.worker` plays Lambda's SQS event source mappings (batches, partial failures, retries).
- :mod:`.gateway` plays API Gateway (REST proxy events, Cognito-like development tokens, CORS)
  and serves ``web/``.
- :mod:`.stack` puts them together in one foreground process.
"""
