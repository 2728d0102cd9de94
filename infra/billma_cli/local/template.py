"""Read ``template.yaml`` as the local stack needs it.

:func:`load_template` understands CloudFormation's short tags (``!Ref``, ``!GetAtt``, ``!Sub``...);
:class:`Resolver` evaluates intrinsic functions against *local* physical names (moto's ARNs, queue
URLs, the local web origin instead of CloudFront); :class:`Stack` lists the functions with their
resolved environment, API routes and SQS event sources.

>>> stack = Stack.from_file(Path("template.yaml"), LocalNames(web_origin="http://127.0.0.1:8000"))
>>> stack.resolver.ref("DossierTable")
'billma-local-DossierTable'
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

__all__ = [
    "ApiRoute",
    "ApiSpec",
    "CorsSpec",
    "FunctionSpec",
    "GatewayResponse",
    "LocalNames",
    "Resolver",
    "SqsEventSource",
    "Stack",
    "StreamEventSource",
    "TemplateError",
    "load_template",
]


class TemplateError(Exception):
    """The template uses something the local stack cannot resolve."""


# --------------------------------------------------------------------------- YAML with short tags


class _CfnLoader(yaml.SafeLoader):
    """A safe loader that turns ``!Tag value`` into CloudFormation's long form."""


def _construct_short_tag(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Any:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:  # pragma: no cover - yaml has only three node kinds
        raise TemplateError(f"noeud YAML inattendu pour !{tag_suffix}")
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "Condition":
        return {"Condition": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        logical_id, _, attribute = value.partition(".")
        return {"Fn::GetAtt": [logical_id, attribute]}
    return {f"Fn::{tag_suffix}": value}


_CfnLoader.add_multi_constructor("!", _construct_short_tag)


def load_template(path: Path) -> dict[str, Any]:
    """Parse a CloudFormation/SAM YAML (or JSON) template into plain dicts in long form."""
    with path.open(encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=_CfnLoader)  # noqa: S506 - a SafeLoader subclass
    if not isinstance(document, dict) or not isinstance(document.get("Resources"), dict):
        raise TemplateError(f"{path} n'est pas un modèle CloudFormation (pas de Resources)")
    return document


# --------------------------------------------------------------------------- local physical names


@dataclass(frozen=True)
class LocalNames:
    """Pseudo parameters and endpoints of the local stack (moto's defaults)."""

    web_origin: str
    stack_name: str = "billma-local"
    account_id: str = "123456789012"
    region: str = "eu-west-3"
    partition: str = "aws"
    url_suffix: str = "amazonaws.com"
    sqs_endpoint: str = "http://127.0.0.1:5000"

    @property
    def web_netloc(self) -> str:
        return urlsplit(self.web_origin).netloc


_NO_VALUE = object()  # AWS::NoValue: the enclosing key or list item disappears
_SUB_VARIABLE = re.compile(r"\$\{([^}]+)\}")


class Resolver:
    """Evaluates intrinsic functions (``Ref``, ``Fn::GetAtt``, ``Fn::Sub``, ``Fn::If``...) locally.

    Resources get deterministic local names (``<stack>-<LogicalId>`` unless the template names
    them); what moto does not play (Cognito, CloudFront, IAM) resolves to harmless placeholders, except
    a CloudFront distribution's domain, which is the local web origin (``https://`` becomes
    ``http://`` since the local server has no TLS).
    """

    def __init__(
        self,
        template: Mapping[str, Any],
        names: LocalNames,
        parameters: Mapping[str, str] | None = None,
    ) -> None:
        self.template = template
        self.names = names
        self.resources: dict[str, Any] = dict(template.get("Resources") or {})
        self._parameters = dict(parameters or {})
        self._conditions: dict[str, bool] = {}

    # ---------------------------------------------------------------- public API

    def resolve(self, value: Any) -> Any:
        """Resolve every intrinsic function inside ``value`` (dicts and lists recursively)."""
        result = self._resolve(value)
        return None if result is _NO_VALUE else result

    def parameter(self, name: str) -> Any:
        declared = (self.template.get("Parameters") or {}).get(name)
        if declared is None:
            raise TemplateError(f"paramètre inconnu : {name}")
        raw = self._parameters.get(name, declared.get("Default"))
        if raw is None:
            raise TemplateError(f"le paramètre {name} n'a pas de valeur par défaut")
        if str(declared.get("Type", "String")).startswith(("CommaDelimitedList", "List<")):
            return [item.strip() for item in str(raw).split(",")] if raw != "" else []
        return str(raw)

    def condition(self, name: str) -> bool:
        if name not in self._conditions:
            conditions = self.template.get("Conditions") or {}
            if name not in conditions:
                raise TemplateError(f"condition inconnue : {name}")
            self._conditions[name] = self._evaluate_condition(conditions[name])
        return self._conditions[name]

    def resource_enabled(self, logical_id: str) -> bool:
        condition = self.resources[logical_id].get("Condition")
        return condition is None or self.condition(str(condition))

    def resources_of_type(self, resource_type: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(logical id, resource)`` of the enabled resources of one type, in template order."""
        for logical_id, resource in self.resources.items():
            if resource.get("Type") == resource_type and self.resource_enabled(logical_id):
                yield logical_id, resource

    def properties(self, logical_id: str) -> dict[str, Any]:
        """The resolved ``Properties`` of one resource."""
        resolved = self.resolve(self.resources[logical_id].get("Properties") or {})
        return dict(resolved) if isinstance(resolved, dict) else {}

    def physical_name(self, logical_id: str) -> str:
        resource = self._resource(logical_id)
        properties = resource.get("Properties") or {}
        kind = resource.get("Type")
        explicit = {
            "AWS::S3::Bucket": "BucketName",
            "AWS::SQS::Queue": "QueueName",
            "AWS::DynamoDB::Table": "TableName",
            "AWS::Events::EventBus": "Name",
            "AWS::Serverless::Function": "FunctionName",
        }.get(str(kind))
        if explicit and explicit in properties:
            return str(self.resolve(properties[explicit]))
        name = f"{self.names.stack_name}-{logical_id}"
        if kind == "AWS::S3::Bucket":
            return name.lower()[:63]
        if kind == "AWS::SQS::Queue" and self.resolve(properties.get("FifoQueue")) in (True, "true"):
            return f"{name}.fifo"
        return name

    def ref(self, name: str) -> Any:
        pseudo = self._pseudo(name)
        if pseudo is not None:
            return pseudo
        if name in (self.template.get("Parameters") or {}):
            return self.parameter(name)
        kind = self._resource(name).get("Type")
        physical = self.physical_name(name)
        if kind == "AWS::SQS::Queue":
            return self.get_att(name, "QueueUrl")
        if kind in ("AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion"):
            return f"arn:{self.names.partition}:lambda:{self.names.region}:{self.names.account_id}:layer:{physical}:1"
        return physical

    def get_att(self, logical_id: str, attribute: str) -> Any:
        kind = self._resource(logical_id).get("Type")
        n = self.names
        name = self.physical_name(logical_id)
        regional = f"{n.region}:{n.account_id}"
        known: dict[tuple[Any, str], str] = {
            ("AWS::S3::Bucket", "Arn"): f"arn:{n.partition}:s3:::{name}",
            ("AWS::S3::Bucket", "DomainName"): f"{name}.s3.{n.url_suffix}",
            ("AWS::S3::Bucket", "RegionalDomainName"): f"{name}.s3.{n.region}.{n.url_suffix}",
            ("AWS::SQS::Queue", "Arn"): f"arn:{n.partition}:sqs:{regional}:{name}",
            ("AWS::SQS::Queue", "QueueName"): name,
            ("AWS::SQS::Queue", "QueueUrl"): f"{n.sqs_endpoint}/{n.account_id}/{name}",
            ("AWS::DynamoDB::Table", "Arn"): f"arn:{n.partition}:dynamodb:{regional}:table/{name}",
            ("AWS::DynamoDB::Table", "StreamArn"): (
                f"arn:{n.partition}:dynamodb:{regional}:table/{name}/stream/1970-01-01T00:00:00.000"
            ),
            ("AWS::Events::EventBus", "Arn"): f"arn:{n.partition}:events:{regional}:event-bus/{name}",
            ("AWS::Events::EventBus", "Name"): name,
            ("AWS::Serverless::Function", "Arn"): f"arn:{n.partition}:lambda:{regional}:function:{name}",
            ("AWS::CloudFront::Distribution", "DomainName"): n.web_netloc,
        }
        if (kind, attribute) in known:
            return known[(kind, attribute)]
        # Not played locally (Cognito, CloudFront ids, IAM...): a recognisable placeholder.
        return f"arn:{n.partition}:local:{regional}:{logical_id}/{attribute}"

    # ---------------------------------------------------------------- internals

    def _resource(self, logical_id: str) -> dict[str, Any]:
        if logical_id not in self.resources:
            raise TemplateError(f"ressource inconnue : {logical_id}")
        resource: dict[str, Any] = self.resources[logical_id]
        return resource

    def _pseudo(self, name: str) -> Any:
        n = self.names
        return {
            "AWS::StackName": n.stack_name,
            "AWS::AccountId": n.account_id,
            "AWS::Region": n.region,
            "AWS::Partition": n.partition,
            "AWS::URLSuffix": n.url_suffix,
            "AWS::StackId": f"arn:{n.partition}:cloudformation:{n.region}:{n.account_id}:stack/{n.stack_name}/local",
            "AWS::NotificationARNs": [],
            "AWS::NoValue": _NO_VALUE,
        }.get(name)

    def _local_origin(self, text: str) -> str:
        return text.replace(f"https://{self.names.web_netloc}", self.names.web_origin)

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            items = [self._resolve(item) for item in value]
            return [item for item in items if item is not _NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, argument),) = value.items()
            if key == "Ref" or key.startswith("Fn::"):
                return self._intrinsic(key, argument)
        resolved = {key: self._resolve(item) for key, item in value.items()}
        return {key: item for key, item in resolved.items() if item is not _NO_VALUE}

    def _intrinsic(self, key: str, argument: Any) -> Any:
        if key == "Ref":
            return self.ref(str(argument))
        if key == "Fn::GetAtt":
            parts = argument if isinstance(argument, list) else str(argument).split(".", 1)
            return self.get_att(str(self._resolve(parts[0])), str(self._resolve(parts[1])))
        if key == "Fn::Sub":
            return self._sub(argument)
        if key == "Fn::If":
            condition, when_true, when_false = argument
            return self._resolve(when_true if self.condition(str(condition)) else when_false)
        if key == "Fn::Join":
            delimiter, items = argument
            return self._local_origin(str(delimiter).join(str(item) for item in self._resolve(items)))
        if key == "Fn::Select":
            index, items = argument
            return self._resolve(items)[int(self._resolve(index))]
        if key == "Fn::Split":
            delimiter, text = argument
            return str(self._resolve(text)).split(str(delimiter))
        if key == "Fn::GetAZs":
            return [f"{self.names.region}{zone}" for zone in "abc"]
        if key == "Fn::Base64":
            return base64.b64encode(str(self._resolve(argument)).encode()).decode()
        if key == "Fn::FindInMap":
            map_name, top, second = (self._resolve(item) for item in argument[:3])
            return self.template["Mappings"][map_name][top][second]
        if key == "Fn::ToJsonString":
            return json.dumps(self._resolve(argument), separators=(",", ":"))
        if key == "Fn::Length":
            return len(self._resolve(argument))
        if key in ("Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or"):
            return self._evaluate_condition({key: argument})
        raise TemplateError(f"fonction intrinsèque non gérée localement : {key}")

    def _sub(self, argument: Any) -> str:
        if isinstance(argument, list):
            text, variables = str(argument[0]), dict(argument[1])
        else:
            text, variables = str(argument), {}

        def replace(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression.startswith("!"):
                return "${" + expression[1:] + "}"
            if expression in variables:
                value = self._resolve(variables[expression])
            elif "." in expression and not expression.startswith("AWS::"):
                logical_id, _, attribute = expression.partition(".")
                value = self.get_att(logical_id, attribute)
            else:
                value = self.ref(expression)
            if isinstance(value, list | dict) or value is _NO_VALUE:
                raise TemplateError(f"!Sub ne peut pas insérer ${{{expression}}}")
            return str(value)

        return self._local_origin(_SUB_VARIABLE.sub(replace, text))

    def _evaluate_condition(self, expression: Any) -> bool:
        if isinstance(expression, bool):
            return expression
        if isinstance(expression, str):
            return expression.lower() == "true"
        if not isinstance(expression, dict) or len(expression) != 1:
            raise TemplateError(f"condition illisible : {expression!r}")
        ((key, argument),) = expression.items()
        if key == "Condition":
            return self.condition(str(argument))
        if key == "Fn::Not":
            return not self._evaluate_condition(argument[0])
        if key == "Fn::And":
            return all(self._evaluate_condition(item) for item in argument)
        if key == "Fn::Or":
            return any(self._evaluate_condition(item) for item in argument)
        if key == "Fn::Equals":
            left, right = (self._resolve(item) for item in argument)
            return str(left) == str(right)
        raise TemplateError(f"condition illisible : {key}")


# --------------------------------------------------------------------------- what the stack runs


@dataclass(frozen=True)
class ApiRoute:
    """One ``Type: Api`` event: a method on a path template of a REST API."""

    function_id: str
    event_name: str
    api_id: str
    path: str
    method: str  # upper case; ANY matches every method
    authorizer: str | None  # None: open route (Authorizer: NONE or no authorizer at all)


@dataclass(frozen=True)
class SqsEventSource:
    """One ``Type: SQS`` event: Lambda's event source mapping on a queue."""

    function_id: str
    event_name: str
    queue_id: str
    queue_arn: str
    queue_name: str
    batch_size: int
    batching_window_seconds: int
    report_batch_item_failures: bool
    enabled: bool = True
    maximum_concurrency: int | None = None  # ScalingConfig.MaximumConcurrency


@dataclass(frozen=True)
class StreamEventSource:
    """One ``Type: DynamoDB`` event: Lambda's event source mapping on a table's stream."""

    function_id: str
    event_name: str
    table_id: str
    batch_size: int
    starting_position: str
    report_batch_item_failures: bool
    enabled: bool = True


@dataclass(frozen=True)
class FunctionSpec:
    logical_id: str
    function_name: str
    code_dir: Path
    handler_file: Path
    handler_name: str
    timeout_seconds: int
    memory_mb: int
    environment: dict[str, str]
    routes: tuple[ApiRoute, ...] = ()
    sqs_sources: tuple[SqsEventSource, ...] = ()
    stream_sources: tuple[StreamEventSource, ...] = ()


@dataclass(frozen=True)
class CorsSpec:
    allow_origin: str
    allow_methods: str
    allow_headers: str | None = None
    max_age: str | None = None
    allow_credentials: bool = False

    def headers(self) -> dict[str, str]:
        headers = {
            "Access-Control-Allow-Origin": self.allow_origin,
            "Access-Control-Allow-Methods": self.allow_methods,
        }
        if self.allow_headers:
            headers["Access-Control-Allow-Headers"] = self.allow_headers
        if self.max_age:
            headers["Access-Control-Max-Age"] = self.max_age
        if self.allow_credentials:
            headers["Access-Control-Allow-Credentials"] = "true"
        return headers


@dataclass(frozen=True)
class GatewayResponse:
    """One of the API's ``GatewayResponses`` (what API Gateway itself answers, e.g. the 401)."""

    headers: dict[str, str] = field(default_factory=dict)
    json_template: str | None = None


@dataclass(frozen=True)
class ApiSpec:
    logical_id: str
    stage_name: str
    cors: CorsSpec | None = None
    default_authorizer: str | None = None
    authorize_cors_preflight: bool = True
    binary_media_types: tuple[str, ...] = ()
    gateway_responses: dict[str, GatewayResponse] = field(default_factory=dict)

    def gateway_response(self, response_type: str, family: str) -> GatewayResponse:
        """The response of that type, else of its family (``DEFAULT_4XX``), else an empty one."""
        return self.gateway_responses.get(response_type) or self.gateway_responses.get(family) or GatewayResponse()


IMPLICIT_API_ID = "ServerlessRestApi"


def _unquote(value: Any) -> str:
    """SAM's Cors values are quoted for API Gateway ("'GET,POST'")."""
    text = str(value)
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == "'" else text


def _merge_globals(global_value: Any, own_value: Any) -> Any:
    """SAM's Globals: maps merge (own keys win), lists concatenate, scalars are replaced."""
    if isinstance(global_value, dict) and isinstance(own_value, dict):
        merged = dict(global_value)
        for key, item in own_value.items():
            merged[key] = _merge_globals(global_value[key], item) if key in global_value else item
        return merged
    if isinstance(global_value, list) and isinstance(own_value, list):
        return [*global_value, *own_value]
    return own_value


class Stack:
    """What ``template.yaml`` asks the local stack to run."""

    def __init__(
        self,
        template: Mapping[str, Any],
        names: LocalNames,
        root: Path,
        parameters: Mapping[str, str] | None = None,
    ) -> None:
        self.template = template
        self.root = root
        self.resolver = Resolver(template, names, parameters)

    @classmethod
    def from_file(cls, path: Path, names: LocalNames, parameters: Mapping[str, str] | None = None) -> Stack:
        return cls(load_template(path), names, path.resolve().parent, parameters)

    def _globals(self, section: str) -> dict[str, Any]:
        return dict((self.template.get("Globals") or {}).get(section) or {})

    def function_properties(self, logical_id: str) -> dict[str, Any]:
        """The function's properties with ``Globals.Function`` merged in, unresolved."""
        own = self.resolver.resources[logical_id].get("Properties") or {}
        merged: dict[str, Any] = _merge_globals(self._globals("Function"), own)
        return merged

    def api(self, logical_id: str) -> ApiSpec:
        if logical_id == IMPLICIT_API_ID and logical_id not in self.resolver.resources:
            properties = self.resolver.resolve(self._globals("Api"))
            stage = "Prod"
        else:
            own = self.resolver.resources[logical_id].get("Properties") or {}
            properties = self.resolver.resolve(_merge_globals(self._globals("Api"), own))
            stage = str(properties.get("StageName", "Prod"))
        cors_value = properties.get("Cors")
        cors: CorsSpec | None = None
        if isinstance(cors_value, str):
            cors = CorsSpec(allow_origin=_unquote(cors_value), allow_methods="DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT")
        elif isinstance(cors_value, dict):
            cors = CorsSpec(
                allow_origin=_unquote(cors_value.get("AllowOrigin", "'*'")),
                allow_methods=_unquote(cors_value.get("AllowMethods", "'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'")),
                allow_headers=_unquote(cors_value["AllowHeaders"]) if "AllowHeaders" in cors_value else None,
                max_age=_unquote(cors_value["MaxAge"]) if "MaxAge" in cors_value else None,
                allow_credentials=bool(cors_value.get("AllowCredentials", False)),
            )
        auth = properties.get("Auth") or {}
        gateway_responses: dict[str, GatewayResponse] = {}
        for response_type, response in (properties.get("GatewayResponses") or {}).items():
            headers = ((response or {}).get("ResponseParameters") or {}).get("Headers") or {}
            templates = (response or {}).get("ResponseTemplates") or {}
            gateway_responses[str(response_type)] = GatewayResponse(
                headers={str(k): _unquote(v) for k, v in headers.items()},
                json_template=templates.get("application/json"),
            )
        default_authorizer = auth.get("DefaultAuthorizer")
        return ApiSpec(
            logical_id=logical_id,
            stage_name=stage,
            cors=cors,
            default_authorizer=None if default_authorizer in (None, "NONE") else str(default_authorizer),
            authorize_cors_preflight=bool(auth.get("AddDefaultAuthorizerToCorsPreflight", True)),
            binary_media_types=tuple(str(item).replace("~1", "/") for item in properties.get("BinaryMediaTypes") or ()),
            gateway_responses=gateway_responses,
        )

    def functions(self) -> list[FunctionSpec]:
        return [
            self.function(logical_id) for logical_id, _ in self.resolver.resources_of_type("AWS::Serverless::Function")
        ]

    def function(self, logical_id: str) -> FunctionSpec:
        raw = self.function_properties(logical_id)
        resolve = self.resolver.resolve
        code_uri = resolve(raw.get("CodeUri"))
        handler = str(resolve(raw.get("Handler", "")))
        if not isinstance(code_uri, str) or "." not in handler:
            raise TemplateError(f"{logical_id} : CodeUri local et Handler module.fonction attendus")
        module_path, _, handler_name = handler.rpartition(".")
        code_dir = (self.root / code_uri).resolve()
        variables = resolve((raw.get("Environment") or {}).get("Variables") or {})
        environment = {str(key): _env_string(value) for key, value in variables.items()}
        routes: list[ApiRoute] = []
        sqs_sources: list[SqsEventSource] = []
        stream_sources: list[StreamEventSource] = []
        for event_name, event in (raw.get("Events") or {}).items():
            properties = resolve(event.get("Properties") or {})
            if event.get("Type") == "Api":
                routes.append(self._route(logical_id, event_name, event.get("Properties") or {}, properties))
            elif event.get("Type") == "SQS":
                sqs_sources.append(self._sqs_source(logical_id, event_name, properties))
            elif event.get("Type") == "DynamoDB":
                stream_sources.append(self._stream_source(logical_id, event_name, properties))
        return FunctionSpec(
            logical_id=logical_id,
            function_name=self.resolver.physical_name(logical_id),
            code_dir=code_dir,
            handler_file=code_dir / (module_path.replace(".", "/") + ".py"),
            handler_name=handler_name,
            timeout_seconds=int(resolve(raw.get("Timeout", 3))),
            memory_mb=int(resolve(raw.get("MemorySize", 128))),
            environment=environment,
            routes=tuple(routes),
            sqs_sources=tuple(sqs_sources),
            stream_sources=tuple(stream_sources),
        )

    def routes(self) -> list[ApiRoute]:
        return [route for function in self.functions() for route in function.routes]

    def sqs_sources(self) -> list[SqsEventSource]:
        return [source for function in self.functions() for source in function.sqs_sources]

    def _route(
        self, function_id: str, event_name: str, raw: Mapping[str, Any], properties: Mapping[str, Any]
    ) -> ApiRoute:
        api_ref = raw.get("RestApiId")
        api_id = str(api_ref["Ref"]) if isinstance(api_ref, dict) and "Ref" in api_ref else IMPLICIT_API_ID
        authorizer = (properties.get("Auth") or {}).get("Authorizer")
        if authorizer is None:
            authorizer = self.api(api_id).default_authorizer
        return ApiRoute(
            function_id=function_id,
            event_name=event_name,
            api_id=api_id,
            path=str(properties["Path"]),
            method=str(properties["Method"]).upper().replace("X-AMAZON-APIGATEWAY-ANY-METHOD", "ANY"),
            authorizer=None if authorizer in (None, "NONE") else str(authorizer),
        )

    def _sqs_source(self, function_id: str, event_name: str, properties: Mapping[str, Any]) -> SqsEventSource:
        queue_arn = str(properties["Queue"])
        queues = {
            self.resolver.get_att(queue_id, "Arn"): queue_id
            for queue_id, _ in self.resolver.resources_of_type("AWS::SQS::Queue")
        }
        if queue_arn not in queues:
            raise TemplateError(f"{function_id}.{event_name} : file SQS hors du modèle ({queue_arn})")
        queue_id = queues[queue_arn]
        scaling = properties.get("ScalingConfig") or {}
        return SqsEventSource(
            function_id=function_id,
            event_name=event_name,
            queue_id=queue_id,
            queue_arn=queue_arn,
            queue_name=self.resolver.physical_name(queue_id),
            batch_size=int(properties.get("BatchSize", 10)),
            batching_window_seconds=int(properties.get("MaximumBatchingWindowInSeconds", 0)),
            report_batch_item_failures="ReportBatchItemFailures" in (properties.get("FunctionResponseTypes") or ()),
            enabled=properties.get("Enabled", True) not in (False, "false"),
            maximum_concurrency=int(maximum) if (maximum := scaling.get("MaximumConcurrency")) else None,
        )


    def _stream_source(self, function_id: str, event_name: str, properties: Mapping[str, Any]) -> StreamEventSource:
        stream_arn = str(properties["Stream"])
        tables = {
            self.resolver.get_att(table_id, "StreamArn"): table_id
            for table_id, _ in self.resolver.resources_of_type("AWS::DynamoDB::Table")
        }
        if stream_arn not in tables:
            raise TemplateError(f"{function_id}.{event_name} : flux DynamoDB hors du modèle ({stream_arn})")
        return StreamEventSource(
            function_id=function_id,
            event_name=event_name,
            table_id=tables[stream_arn],
            batch_size=int(properties.get("BatchSize", 100)),
            starting_position=str(properties.get("StartingPosition", "LATEST")),
            report_batch_item_failures="ReportBatchItemFailures" in (properties.get("FunctionResponseTypes") or ()),
            enabled=properties.get("Enabled", True) not in (False, "false"),
        )


def _env_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, dict | list):
        raise TemplateError(f"variable d'environnement non textuelle : {value!r}")
    return str(value)
