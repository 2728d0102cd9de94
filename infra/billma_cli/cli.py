"""Entry point of the ``billma`` console script."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from billma_core.models import Cover


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="billma", description="BillMA : revue des devis après sinistre.")
    commands = parser.add_subparsers(dest="command", required=True)

    evaluate = commands.add_parser(
        "evaluate", help="Évalue des devis hors ligne (sans AWS), dans l'ordre donné."
    )
    evaluate.add_argument("files", nargs="+", metavar="FILE")
    evaluate.add_argument("--json", action="store_true", help="un objet JSON par fichier et par ligne")
    evaluate.add_argument(
        "--cover", default=Cover.DEGATS_DES_EAUX.value, choices=[c.value for c in Cover], help="garantie"
    )
    evaluate.add_argument("--postal-code", default=None, help="code postal du chantier (coefficient régional)")

    local = commands.add_parser("local", help="Lance tout le système en local (moto, robot, API, page web).")
    local.add_argument("--host", default="127.0.0.1")
    local.add_argument("--port", type=int, default=8000)
    local.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="dossier des données conservées entre deux lancements (défaut : .billma/ à la racine du dépôt)",
    )
    local.add_argument("--reset", action="store_true", help="efface les données locales avant de démarrer")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "evaluate":
        from billma_cli.evaluate import run_evaluate

        return run_evaluate(args.files, as_json=args.json, cover=Cover(args.cover), postal_code=args.postal_code)
    from billma_cli.local.stack import run_local

    code = run_local(host=args.host, port=args.port, data_dir=args.data_dir, reset=args.reset)
    # Everything is stopped and on disk: exit without the interpreter tearing down moto's state
    # object by object (tens of seconds once a pilot holds thousands of dossiers).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
