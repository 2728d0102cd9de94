"""``billma replay``: the stored readings of past dossiers judged again against another barème,
side by side with the barème in force, through the same repository as the functions (the local
stack's moto with ``--local``, else AWS as the environment says). Nothing is written to the table.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from billma_core.bareme.loader import BaremeError, load_bareme

LOCAL_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


def local_table_name(template: Path) -> str:
    """The table the local stack creates from ``template`` (its own naming)."""
    from billma_cli.local.template import LocalNames, Stack

    return str(Stack.from_file(template, LocalNames(web_origin="http://127.0.0.1")).resolver.ref("DossierTable"))


def point_at_local_stack(moto_url: str, template: Path) -> None:
    """boto3 and the settings aimed at the local stack's moto (its URL is in the stack's banner)."""
    from billma_cli.local.template import LocalNames

    region = LocalNames(web_origin="http://127.0.0.1").region
    os.environ.update(
        AWS_ENDPOINT_URL=moto_url,
        AWS_DEFAULT_REGION=region,
        AWS_REGION=region,
        BILLMA_TABLE_NAME=local_table_name(template),
        **LOCAL_CREDENTIALS,
    )


def run_replay(
    bareme_file: str,
    *,
    since: date | None,
    csv_path: str | None,
    current_file: str | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Replay and report; 0 on success, 2 for a barème that cannot be loaded."""
    from billma_core import aws
    from billma_core.replay import render_csv, render_text, replay
    from billma_core.settings import get_settings

    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        candidate = load_bareme(str(Path(bareme_file).resolve()))
        current = load_bareme(str(Path(current_file).resolve())) if current_file else aws.bareme()
    except BaremeError as error:
        err.write(f"Barème refusé : {error.message}\n")
        for detail in error.details or []:
            err.write(f"  {detail}\n")
        return 2
    except OSError as error:
        err.write(f"Barème introuvable : {error.strerror} ({bareme_file}).\n")
        return 2
    settings = get_settings()
    report = replay(
        aws.reviewing().every_dossier(), current=current, candidate=candidate, settings=settings, since=since
    )
    out.write(render_text(report))
    target = Path(csv_path or f"rejeu-bareme-{candidate.version}.csv")
    target.write_text(render_csv(report), encoding="utf-8")
    out.write(f"CSV : {target}\n")
    return 0
