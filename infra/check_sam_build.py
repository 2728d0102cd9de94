"""Checks what ``sam build`` produced, as Lambda will load it (run by ``.ci/run`` after the build).

    python3 infra/check_sam_build.py [--build-dir .aws-sam/build] [--template template.yaml]

For every function of the built template (``.aws-sam/build/template.yaml``) and every layer:

- size: the function's code plus its layers, unzipped, within Lambda's 250 MB;
- handler: ``Handler: module.function`` names a module file that exists in the built code and
  defines that function;
- layer: every compiled extension (``.so``) is for aarch64 Linux and CPython 3.13 (or the stable
  ABI), every ``*.dist-info/WHEEL`` tag is for Python 3.13 on ``manylinux*_aarch64`` (or pure
  Python), and none of the local-only packages (OCR engines, ONNX Runtime) is in it.

Prints one line per check; exits 1 if any failed (all are listed). Runs in aws-sam-cli's venv
(standard library and PyYAML, which comes with aws-sam-cli).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path
from typing import Any

import yaml

LAMBDA_UNZIPPED_LIMIT_BYTES = 250 * 1024 * 1024
PYTHON_TAG = "cp313"
# Local dependencies (pyproject) that must never reach the Lambda layer: too big, or useless in
# the cloud (the robot reads scans with Textract there).
FORBIDDEN_IN_LAYER = ("onnxruntime", "rapidocr", "rapidocr_onnxruntime", "opencv_python", "cv2", "pytesseract")
_ELF_MACHINE_AARCH64 = 183


def load_template(path: Path) -> dict[str, Any]:
    """The built template (SAM writes YAML; CloudFormation short tags are kept as plain data)."""
    class Loader(yaml.SafeLoader):
        pass

    def any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return {suffix: loader.construct_scalar(node)}
        if isinstance(node, yaml.SequenceNode):
            return {suffix: loader.construct_sequence(node)}
        return {suffix: loader.construct_mapping(node)}  # type: ignore[arg-type]

    Loader.add_multi_constructor("!", any_tag)
    return dict(yaml.load(path.read_text(encoding="utf-8"), Loader=Loader))  # noqa: S506 (SafeLoader subclass)


def tree_size(path: Path) -> int:
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink())


def elf_problem(path: Path) -> str | None:
    """Why a shared object would not load on Lambda arm64, or None."""
    header = path.read_bytes()[:20]
    if header[:4] != b"\x7fELF":
        return "not an ELF file"
    machine = int.from_bytes(header[18:20], "little" if header[5] == 1 else "big")
    if machine != _ELF_MACHINE_AARCH64:
        return f"ELF machine {machine}, not aarch64 ({_ELF_MACHINE_AARCH64})"
    abi = re.search(r"\.(cpython-(\d+)[^.]*|abi3)\.so$", path.name)
    if abi and abi.group(2) and abi.group(2) != PYTHON_TAG.removeprefix("cp"):
        return f"built for CPython {abi.group(2)}, not {PYTHON_TAG}"
    if abi and abi.group(1).startswith("cpython") and "aarch64" not in abi.group(1):
        return f"platform tag {abi.group(1)} is not aarch64"
    return None


def wheel_problems(wheel_file: Path) -> list[str]:
    tags = [line.split(":", 1)[1].strip() for line in wheel_file.read_text().splitlines() if line.startswith("Tag:")]
    problems = []
    for tag in tags:
        python, abi, platform = tag.split("-")
        if platform == "any":
            continue  # pure Python
        if "aarch64" not in platform or not platform.startswith(("manylinux", "musllinux", "linux")):
            problems.append(f"{wheel_file.parent.name}: platform {platform} is not Linux aarch64")
        if python != PYTHON_TAG and abi != "abi3" and not python.startswith("py3"):
            problems.append(f"{wheel_file.parent.name}: built for {python}, not {PYTHON_TAG}")
    return problems


def check_layer(layer_dir: Path) -> list[str]:
    problems = []
    python_dir = layer_dir / "python"
    if not python_dir.is_dir():
        return [f"{layer_dir}: no python/ folder (Lambda puts /opt/python on the path)"]
    for shared in sorted(python_dir.rglob("*.so*")):
        if shared.is_file() and (problem := elf_problem(shared)):
            problems.append(f"{shared.relative_to(layer_dir)}: {problem}")
    wheels = sorted(python_dir.glob("*.dist-info/WHEEL"))
    if not wheels:
        problems.append(f"{layer_dir}: no *.dist-info/WHEEL (not installed by pip?)")
    for wheel in wheels:
        problems.extend(wheel_problems(wheel))
    for entry in python_dir.iterdir():
        name = re.split(r"[-.]", entry.name, maxsplit=1)[0].lower().replace("-", "_")
        if name in FORBIDDEN_IN_LAYER:
            problems.append(f"{entry.name}: a local-only package in the Lambda layer")
    return problems


def check_handler(code_dir: Path, handler: str) -> str | None:
    module, _, function = handler.rpartition(".")
    module_file = code_dir / (module.replace(".", "/") + ".py")
    if not module_file.is_file():
        return f"{module_file} missing (Handler {handler})"
    tree = ast.parse(module_file.read_text(encoding="utf-8"))
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    defined |= {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    if function not in defined:
        return f"{module_file} defines no {function} (Handler {handler})"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", type=Path, default=Path(".aws-sam/build"))
    args = parser.parse_args(argv)
    build_dir: Path = args.build_dir
    template = load_template(build_dir / "template.yaml")
    resources: dict[str, Any] = template.get("Resources", {})
    globals_function = (template.get("Globals") or {}).get("Function") or {}
    failures: list[str] = []

    layer_sizes: dict[str, int] = {}
    for logical_id, resource in resources.items():
        if resource.get("Type") not in ("AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion"):
            continue
        properties = resource.get("Properties") or {}
        layer_dir = build_dir / str(properties.get("ContentUri") or properties.get("Content") or logical_id)
        layer_sizes[logical_id] = tree_size(layer_dir)
        problems = check_layer(layer_dir)
        failures.extend(f"layer {logical_id}: {problem}" for problem in problems)
        print(
            f"layer {logical_id}: {layer_sizes[logical_id] / 1e6:.1f} MB unzipped, "
            f"{len(list((layer_dir / 'python').glob('*.dist-info')))} distributions, "
            + ("aarch64 / cp313 only, no local-only package" if not problems else f"{len(problems)} problem(s)")
        )
    if not layer_sizes:
        failures.append("no layer in the built template")

    functions = 0
    for logical_id, resource in resources.items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        functions += 1
        properties = {**globals_function, **(resource.get("Properties") or {})}
        code_dir = build_dir / str(properties.get("CodeUri") or logical_id)
        layers = [
            ref["Ref"] if isinstance(ref, dict) and "Ref" in ref else str(ref) for ref in properties.get("Layers") or []
        ]
        size = tree_size(code_dir) + sum(layer_sizes.get(layer, 0) for layer in layers)
        handler = str(properties.get("Handler", ""))
        problem = check_handler(code_dir, handler)
        if problem:
            failures.append(f"function {logical_id}: {problem}")
        if size > LAMBDA_UNZIPPED_LIMIT_BYTES:
            failures.append(f"function {logical_id}: {size / 1e6:.1f} MB unzipped with its layers, over 250 MB")
        print(
            f"function {logical_id}: {size / 1e6:.1f} MB unzipped with layers {', '.join(layers) or '(none)'}; "
            f"handler {handler} " + ("found" if not problem else "MISSING")
        )
    if functions == 0:
        failures.append("no function in the built template")

    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    print("sam build artifacts: OK" if not failures else f"sam build artifacts: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
