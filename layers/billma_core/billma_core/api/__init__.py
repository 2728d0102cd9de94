"""The HTTP API: one Powertools router per Lambda function, sharing one resolver factory
(errors, French validation messages, CORS, caller). The functions only include a router."""
