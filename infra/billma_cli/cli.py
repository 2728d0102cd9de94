"""Entry point of the ``billma`` console script."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from billma_core.models import Cover


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="billma", description="BillMA : revue des devis après sinistre.")
    commands = parser.add_subparsers(dest="command", required=True)

    evaluate = commands.add_parser("evaluate", help="Évalue des devis hors ligne (sans AWS), dans l'ordre donné.")
    evaluate.add_argument("files", nargs="+", metavar="FILE")
    evaluate.add_argument("--json", action="store_true", help="un objet JSON par fichier et par ligne")
    evaluate.add_argument(
        "--cover", default=Cover.DEGATS_DES_EAUX.value, choices=[c.value for c in Cover], help="garantie"
    )
    evaluate.add_argument("--postal-code", default=None, help="code postal du chantier (coefficient régional)")

    replay = commands.add_parser(
        "replay",
        help="Rejoue les dossiers passés avec un autre barème (sans les modifier) : tableau comparatif et CSV.",
    )
    replay.add_argument("--bareme", required=True, metavar="FILE", help="barème candidat (JSON)")
    replay.add_argument(
        "--since", type=date.fromisoformat, default=None, metavar="AAAA-MM-JJ", help="dossiers créés depuis cette date"
    )
    replay.add_argument("--csv", default=None, metavar="FILE", help="CSV (défaut : rejeu-bareme-<version>.csv)")
    replay.add_argument("--current", default=None, metavar="FILE", help="barème de comparaison (défaut : en vigueur)")
    replay.add_argument(
        "--local", default=None, metavar="URL", help="la pile locale : l'URL de son moto (« AWS simulé » au démarrage)"
    )

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
    local.add_argument(
        "--workers", type=int, default=None, help="processus du robot (défaut : deux par cœur)"
    )
    return parser


def _repository_root() -> Path:
    cwd = Path.cwd()
    return cwd if (cwd / "template.yaml").is_file() else Path(__file__).resolve().parents[2]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "evaluate":
        from billma_cli.evaluate import run_evaluate

        return run_evaluate(args.files, as_json=args.json, cover=Cover(args.cover), postal_code=args.postal_code)
    if args.command == "replay":
        from billma_cli.replay import point_at_local_stack, run_replay

        if args.local:
            point_at_local_stack(args.local, _repository_root() / "template.yaml")
        return run_replay(args.bareme, since=args.since, csv_path=args.csv, current_file=args.current)
    from billma_cli.local.stack import run_local

    code = run_local(host=args.host, port=args.port, data_dir=args.data_dir, reset=args.reset, workers=args.workers)
    # Everything is stopped and on disk: exit without the interpreter tearing down moto's state
    # object by object (tens of seconds once a pilot holds thousands of dossiers).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
