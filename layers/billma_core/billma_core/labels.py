"""The one table of French labels: every code the API returns, as people read it.

The page gets it from ``GET /labels`` (and caches it), the PDF report, the rules' messages and
the CLI import it from here. Tables are keyed by the codes' string values, so this module
depends on nothing but the codes' spelling (StrEnum members look up as their values).
"""

from __future__ import annotations

from typing import Final

STATES: Final = {
    "AWAITING_DOCUMENT": "En attente du document",
    "ANALYSING": "Analyse en cours",
    "TO_REVIEW": "À revoir",
    "IN_REVIEW": "En revue",
    "REN_PROPOSED": "REN proposée",
    "CLOSED": "Clos",
}

COVERS: Final = {
    "DEGATS_DES_EAUX": "Dégâts des eaux",
    "BRIS_DE_GLACE": "Bris de glace",
    "INCENDIE": "Incendie",
    "TEMPETE_GRELE_NEIGE": "Tempête, grêle, neige",
    "VOL_VANDALISME": "Vol, vandalisme",
    "CATASTROPHE_NATURELLE": "Catastrophe naturelle",
    "DOMMAGES_ELECTRIQUES": "Dommages électriques",
    "AUTRE": "Autre",
}

OUTCOMES: Final = {
    "auto_validated": "Validé automatiquement",
    "needs_review": "À réviser",
    "out_of_scope": "Hors périmètre",
    "duplicate": "Doublon",
    "document_rejected": "Document refusé",
}

FLAGS: Final = {
    "overpriced": "Prix excessifs",
    "no_measurements": "Sans métrés",
    "not_covered": "Non garanti",
    "arithmetic_error": "Erreur de calcul",
    "invalid_siret": "SIRET invalide",
    "amount_out_of_range": "Montant hors plage",
    "duplicate": "Doublon",
    "unreadable": "Illisible",
    "encrypted": "Protégé par mot de passe",
    "not_a_quote": "Pas un devis",
    "unsupported_type": "Type non pris en charge",
    "too_large": "Trop volumineux",
    "unmatched_line": "Ligne non reconnue",
    "ocr": "Lu par OCR",
    "robot_error": "Erreur du robot",
    "facturx_mismatch": "Factur-X en désaccord",
    "altered_document": "Document modifié",
    "reused_quote": "Devis réutilisé",
    "dated_before_loss": "Daté avant le sinistre",
    "suspicious_amounts": "Montants suspects",
}

# Flags that call for attention (shown in red) rather than information.
SERIOUS_FLAGS: Final = (
    "not_covered",
    "invalid_siret",
    "duplicate",
    "unreadable",
    "encrypted",
    "not_a_quote",
    "unsupported_type",
    "too_large",
    "robot_error",
    "arithmetic_error",
    "facturx_mismatch",
    "altered_document",
    "reused_quote",
    "dated_before_loss",
)

VERDICTS: Final = {
    "OK": "Conforme",
    "OVERPRICED": "Surévalué",
    "NOT_COVERED": "Non garanti",
    "UNMEASURED": "Sans métré",
    "UNMATCHED": "Non reconnu",
}

UNITS: Final = {"m2": "m²", "ml": "ml", "u": "u", "forfait": "forfait", "ens": "ens.", "h": "h", "j": "j"}

KINDS: Final = {"quote": "Devis", "invoice": "Facture"}

MOTIFS: Final = {
    "AUTO_VALIDATED": "BillMA Validation automatique",
    "UNREACHABLE_MISSING_INFO": "Clos - assuré injoignable / Manque d'information",
    "GAP_UNDER_200": "Clos - Eco. Moins de 200 euros",
    "FALSE_ALERT": "Clos - Fausse alerte",
    "INDEMNITY_REVISED": "Clos - Montant indemnisation révisé",
    "COVER_REFUSED": "Clos - Refus de prise en charge",
    "REN_ACCEPTED": "Clos - REN",
    "DUPLICATE_OR_WRONG_DOCUMENT": "Doublon / Erreur document",
    "OUT_OF_SCOPE": "Hors périmètre BillMA",
}

EXCLUSION_REASONS: Final = {
    "NOT_COVERED": "Non garanti",
    "UNRELATED_TO_CLAIM": "Sans lien avec le sinistre",
    "FRAUD": "Fraude",
    "OVERVALUED": "Surévaluation",
}

# Every reason a revision or a closure may give: exclusions and out-of-scope reasons.
REASONS: Final = {
    **EXCLUSION_REASONS,
    "SERVICE_NOT_PROVIDED": "Prestation non réalisée par le réseau",
    "AMOUNT_OUT_OF_RANGE": "Montant hors plage",
    "EXPERT_ALREADY_MANDATED": "Expert déjà missionné",
    "SIMPLIFICATION_MEASURE": "Mesure de simplification",
}

BASES: Final = {
    "QUOTE_TOTAL": "Total TTC du devis",
    "REVISED_TOTAL": "Total TTC révisé",
    "ZERO": "Aucun règlement",
    "IN_KIND_REPAIR": "Réparation en nature",
    "NONE": "Sans objet",
}

LINE_ACTIONS: Final = {"ACCEPT": "Proposition du robot", "SET": "Modifiée", "EXCLUDE": "Exclue"}

REN_DECISIONS: Final = {
    "PROPOSED": "REN proposée",
    "ACCEPTED": "REN acceptée par l'assuré",
    "REFUSED": "REN refusée par l'assuré",
}

ROLES: Final = {"portal": "Portail", "reviewer": "Billmateur", "insurer": "Compagnie"}

DWELLINGS: Final = {"HOUSE": "Maison", "APARTMENT": "Appartement", "OTHER": "Autre"}

OCCUPANCIES: Final = {
    "OWNER_OCCUPIER": "Propriétaire occupant",
    "TENANT": "Locataire",
    "NON_OCCUPYING_OWNER": "Propriétaire non occupant",
    "RENT_FREE_OCCUPANT": "Occupant à titre gratuit",
    "OTHER": "Autre",
}

PHONE_TYPES: Final = {"MOBILE": "Mobile", "LANDLINE": "Fixe", "WORK": "Professionnel"}

AUDIT_ACTIONS: Final = {
    "dossier_cree": "Dossier créé",
    "document_recu": "Document reçu",
    "nouveau_depot": "Nouveau dépôt demandé",
    "dossier_pris": "Pris en revue",
    "devis_revise": "Devis révisé",
    "lecture_corrigee": "Lecture du devis corrigée",
    "signalement_ecarte": "Signalement écarté",
    "controle_qualite": "Contrôle qualité",
    "robot_error": "Erreur du robot",
}

# A quote's totals, as a note names them ("Total TTC lu … : … d'après le total HT et la TVA").
TOTALS: Final = {"total_ht": "Total HT", "total_tva": "Total TVA", "total_ttc": "Total TTC"}

# What the fraud signals' evidence holds (billma_core.signals), key by key.
EVIDENCE: Final = {
    "checks": "Contrôles en alerte",
    "incremental_update": "Mise à jour incrémentale",
    "revisions": "Révisions du fichier",
    "changed": "Révisions qui changent une page",
    "revision": "Révision",
    "pages": "Pages",
    "modified_later": "Modifié après création",
    "created": "Créé le",
    "modified": "Modifié le",
    "days_later": "Jours plus tard",
    "editor_producer": "Éditeur de PDF",
    "producer": "Producteur",
    "creator": "Créateur",
    "metadata_mismatch": "Métadonnées Info / XMP",
    "info": "Info",
    "xmp": "XMP",
    "odd_amount_font": "Montants dans une autre police",
    "page": "Page",
    "amount": "Montant",
    "font": "Police",
    "size": "Taille",
    "column_font": "Police de la colonne",
    "column_size": "Taille de la colonne",
    "dossiers": "Autres dossiers",
    "dossier_id": "Dossier",
    "claim_reference": "Sinistre",
    "seen_at": "Vu le",
    "document_date": "Date du document",
    "date_of_loss": "Date du sinistre",
    "days_before": "Jours avant le sinistre",
    "round_totals": "Totaux ronds",
    "round_price_lines": "Lignes à prix rond",
    "far_above_ceiling": "Lignes très au-dessus du barème",
    "line": "Ligne",
    "bareme_code": "Article",
    "total_ht": TOTALS["total_ht"],
    "total_ttc": TOTALS["total_ttc"],
    "ceiling_ht": "Plafond HT",
    "ratio": "× le plafond",
}


def all_labels() -> dict[str, object]:
    """Every table, as ``GET /labels`` serves it."""
    return {
        "states": STATES,
        "covers": COVERS,
        "outcomes": OUTCOMES,
        "flags": FLAGS,
        "serious_flags": list(SERIOUS_FLAGS),
        "verdicts": VERDICTS,
        "units": UNITS,
        "kinds": KINDS,
        "motifs": MOTIFS,
        "exclusion_reasons": EXCLUSION_REASONS,
        "reasons": REASONS,
        "bases": BASES,
        "line_actions": LINE_ACTIONS,
        "ren_decisions": REN_DECISIONS,
        "roles": ROLES,
        "dwellings": DWELLINGS,
        "occupancies": OCCUPANCIES,
        "phone_types": PHONE_TYPES,
        "audit_actions": AUDIT_ACTIONS,
        "evidence": EVIDENCE,
    }
