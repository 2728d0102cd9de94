"""The checker of ``sam build``'s artifacts (infra/check_sam_build.py) on small built trees: it
accepts an aarch64 / CPython 3.13 layer and refuses what Lambda arm64 could not load."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_sam_build", ROOT / "infra" / "check_sam_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_sam_build"] = module
    spec.loader.exec_module(module)
    return module


def elf(machine: int) -> bytes:
    """The first bytes of a 64-bit little-endian ELF shared object for ``machine``."""
    identification = b"\x7fELF\x02\x01\x01" + b"\x00" * 9
    return identification + (3).to_bytes(2, "little") + machine.to_bytes(2, "little") + b"\x00" * 44


def built_layer(root: Path, so_name: str, machine: int, wheel_tag: str, extra: str | None = None) -> Path:
    python = root / "layer" / "python"
    (python / "fastlib").mkdir(parents=True)
    (python / "fastlib" / so_name).write_bytes(elf(machine))
    (python / "fastlib-1.0.dist-info").mkdir()
    (python / "fastlib-1.0.dist-info" / "WHEEL").write_text(f"Wheel-Version: 1.0\nTag: {wheel_tag}\n")
    if extra:
        (python / extra).mkdir()
    return root / "layer"


def test_an_aarch64_cp313_layer_passes(checker: ModuleType, tmp_path: Path) -> None:
    layer = built_layer(tmp_path, "_speed.cpython-313-aarch64-linux-gnu.so", 183, "cp313-cp313-manylinux_2_17_aarch64")
    assert checker.check_layer(layer) == []


@pytest.mark.parametrize(
    ("so_name", "machine", "tag", "extra", "expected"),
    [
        ("_speed.cpython-313-x86_64-linux-gnu.so", 62, "cp313-cp313-manylinux_2_17_x86_64", None, "not aarch64"),
        ("_speed.cpython-311-aarch64-linux-gnu.so", 183, "cp311-cp311-manylinux_2_17_aarch64", None, "not cp313"),
        ("_speed.abi3.so", 183, "cp39-abi3-macosx_11_0_arm64", None, "not Linux aarch64"),
        ("_speed.abi3.so", 183, "cp39-abi3-manylinux_2_28_aarch64", "onnxruntime", "local-only package"),
        ("_speed.abi3.so", 183, "cp39-abi3-manylinux_2_28_aarch64", "rapidocr", "local-only package"),
    ],
)
def test_what_lambda_arm64_cannot_load_is_refused(
    checker: ModuleType, tmp_path: Path, so_name: str, machine: int, tag: str, extra: str | None, expected: str
) -> None:
    problems = checker.check_layer(built_layer(tmp_path, so_name, machine, tag, extra))
    assert any(expected in problem for problem in problems), problems


def test_handler_module_and_function_must_exist(checker: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("def lambda_handler(event, context):\n    return None\n")
    assert checker.check_handler(tmp_path, "app.lambda_handler") is None
    assert "defines no" in checker.check_handler(tmp_path, "app.handler")
    assert "missing" in checker.check_handler(tmp_path, "robot.app.lambda_handler")
