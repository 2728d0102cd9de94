// French wording of every code the API returns. Unknown codes are shown as they are.

export const STATE_LABELS = {
  AWAITING_DOCUMENT: "En attente du document",
  ANALYSING: "Analyse en cours",
  TO_REVIEW: "À revoir",
  IN_REVIEW: "En revue",
  REN_PROPOSED: "REN proposée",
  CLOSED: "Clos",
};

export const COVER_LABELS = {
  DEGATS_DES_EAUX: "Dégâts des eaux",
  BRIS_DE_GLACE: "Bris de glace",
  INCENDIE: "Incendie",
  TEMPETE_GRELE_NEIGE: "Tempête, grêle, neige",
  VOL_VANDALISME: "Vol, vandalisme",
  CATASTROPHE_NATURELLE: "Catastrophe naturelle",
  DOMMAGES_ELECTRIQUES: "Dommages électriques",
  AUTRE: "Autre",
};

export const OUTCOME_LABELS = {
  auto_validated: "Validé automatiquement",
  needs_review: "À réviser",
  out_of_scope: "Hors périmètre",
  duplicate: "Doublon",
  document_rejected: "Document refusé",
};

export const FLAG_LABELS = {
  overpriced: "Prix excessifs",
  no_measurements: "Sans métrés",
  not_covered: "Non garanti",
  arithmetic_error: "Erreur de calcul",
  invalid_siret: "SIRET invalide",
  amount_out_of_range: "Montant hors plage",
  duplicate: "Doublon",
  unreadable: "Illisible",
  encrypted: "Protégé par mot de passe",
  not_a_quote: "Pas un devis",
  unsupported_type: "Type non pris en charge",
  too_large: "Trop volumineux",
  unmatched_line: "Ligne non reconnue",
  ocr: "Lu par OCR",
  robot_error: "Erreur du robot",
  facturx_mismatch: "Factur-X en désaccord",
  altered_document: "Document modifié",
  reused_quote: "Devis réutilisé",
  dated_before_loss: "Daté avant le sinistre",
  suspicious_amounts: "Montants suspects",
};

// Flags that call for attention (red badge) rather than information (grey).
export const SERIOUS_FLAGS = new Set([
  "not_covered", "invalid_siret", "duplicate", "unreadable", "encrypted", "not_a_quote",
  "unsupported_type", "too_large", "robot_error", "arithmetic_error", "facturx_mismatch",
  "altered_document", "reused_quote", "dated_before_loss",
]);

// What the document is (Quote.kind): the insurer's form asks for "Facture ou devis".
export const DOCUMENT_KIND_LABELS = { quote: "Devis", invoice: "Facture" };

export const VERDICT_LABELS = {
  OK: "Conforme",
  OVERPRICED: "Surévalué",
  NOT_COVERED: "Non garanti",
  UNMEASURED: "Sans métré",
  UNMATCHED: "Non reconnu",
};

export const UNIT_LABELS = { m2: "m²", ml: "ml", u: "u", forfait: "forfait", ens: "ens.", h: "h", j: "j" };

export const EXCLUSION_REASONS = {
  NOT_COVERED: "Non garanti",
  UNRELATED_TO_CLAIM: "Sans lien avec le sinistre",
  FRAUD: "Fraude",
  OVERVALUED: "Surévaluation",
};

export const REASON_LABELS = {
  ...EXCLUSION_REASONS,
  SERVICE_NOT_PROVIDED: "Prestation non réalisée par le réseau",
  AMOUNT_OUT_OF_RANGE: "Montant hors plage",
  EXPERT_ALREADY_MANDATED: "Expert déjà missionné",
  SIMPLIFICATION_MEASURE: "Mesure de simplification",
};

export const ACTION_LABELS = {
  ACCEPT: "Proposition du robot",
  SET: "Modifier",
  EXCLUDE: "Exclure",
};

export const REN_LABELS = {
  PROPOSED: "REN proposée",
  ACCEPTED: "REN acceptée par l'assuré",
  REFUSED: "REN refusée par l'assuré",
};

export const MOTIF_LABELS = {
  AUTO_VALIDATED: "BillMA Validation automatique",
  UNREACHABLE_MISSING_INFO: "Clos - assuré injoignable / Manque d'information",
  GAP_UNDER_200: "Clos - Eco. Moins de 200 euros",
  FALSE_ALERT: "Clos - Fausse alerte",
  INDEMNITY_REVISED: "Clos - Montant indemnisation révisé",
  COVER_REFUSED: "Clos - Refus de prise en charge",
  REN_ACCEPTED: "Clos - REN",
  DUPLICATE_OR_WRONG_DOCUMENT: "Doublon / Erreur document",
  OUT_OF_SCOPE: "Hors périmètre BillMA",
};

// What each motif settles (mirror of billma_core.review.closure.MOTIFS, for the preview only:
// the server computes the settlement it sends).
export const MOTIF_SETTLEMENT = {
  AUTO_VALIDATED: { settler: "GST", basis: "QUOTE_TOTAL" },
  UNREACHABLE_MISSING_INFO: { settler: null, basis: "NONE" },
  GAP_UNDER_200: { settler: "GST", basis: "QUOTE_TOTAL" },
  FALSE_ALERT: { settler: "GST", basis: "QUOTE_TOTAL" },
  INDEMNITY_REVISED: { settler: "GST", basis: "REVISED_TOTAL" },
  COVER_REFUSED: { settler: null, basis: "ZERO" },
  REN_ACCEPTED: { settler: "GST Multi", basis: "IN_KIND_REPAIR" },
  DUPLICATE_OR_WRONG_DOCUMENT: { settler: null, basis: "NONE" },
  OUT_OF_SCOPE: { settler: "GST", basis: "NONE" },
};

export const BASIS_LABELS = {
  QUOTE_TOTAL: "Total TTC du devis",
  REVISED_TOTAL: "Total TTC révisé",
  ZERO: "Aucun règlement",
  IN_KIND_REPAIR: "Réparation en nature",
  NONE: "Sans objet",
};

export const ROLE_LABELS = { portal: "Portail", reviewer: "Billmateur", insurer: "Compagnie" };

export const DWELLING_LABELS = { HOUSE: "Maison", APARTMENT: "Appartement", OTHER: "Autre" };
export const OCCUPANCY_LABELS = {
  OWNER_OCCUPIER: "Propriétaire occupant",
  TENANT: "Locataire",
  NON_OCCUPYING_OWNER: "Propriétaire non occupant",
  RENT_FREE_OCCUPANT: "Occupant à titre gratuit",
  OTHER: "Autre",
};
export const PHONE_TYPE_LABELS = { MOBILE: "Mobile", LANDLINE: "Fixe", WORK: "Professionnel" };

export const AUDIT_ACTION_LABELS = {
  dossier_cree: "Dossier créé",
  document_recu: "Document reçu",
  nouveau_depot: "Nouveau dépôt demandé",
  dossier_pris: "Pris en revue",
  devis_revise: "Devis révisé",
  robot_error: "Erreur du robot",
};

export function label(map, code) {
  if (code === null || code === undefined || code === "") return "—";
  return map[code] ?? String(code);
}
