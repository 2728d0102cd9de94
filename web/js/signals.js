// The robot's fraud and tampering signals on the dossier page: each with its French reason, what
// was seen (the evidence, as the robot stored it) and a link to the other dossier when there is one.
import { h } from "./dom.js";
import { flagBadge } from "./ui.js";

// Words for the evidence keys the robot writes (billma_core/signals); an unknown key shows as is.
const EVIDENCE_LABELS = {
  checks: "Contrôles en alerte",
  incremental_update: "Mise à jour incrémentale",
  revisions: "Révisions du fichier",
  changed: "Révisions qui changent une page",
  revision: "Révision",
  pages: "Pages",
  modified_later: "Modifié après création",
  created: "Créé le",
  modified: "Modifié le",
  days_later: "Jours plus tard",
  editor_producer: "Éditeur de PDF",
  producer: "Producteur",
  creator: "Créateur",
  metadata_mismatch: "Métadonnées Info / XMP",
  info: "Info",
  xmp: "XMP",
  odd_amount_font: "Montants dans une autre police",
  page: "Page",
  amount: "Montant",
  font: "Police",
  size: "Taille",
  column_font: "Police de la colonne",
  column_size: "Taille de la colonne",
  dossiers: "Autres dossiers",
  dossier_id: "Dossier",
  claim_reference: "Sinistre",
  seen_at: "Vu le",
  document_date: "Date du document",
  date_of_loss: "Date du sinistre",
  days_before: "Jours avant le sinistre",
  round_totals: "Totaux ronds",
  round_price_lines: "Lignes à prix rond",
  far_above_ceiling: "Lignes très au-dessus du barème",
  line: "Ligne",
  bareme_code: "Article",
  total_ht: "Total HT",
  total_ttc: "Total TTC",
  ceiling_ht: "Plafond HT",
  ratio: "× le plafond",
};

function evidenceValue(value, key) {
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== "object")) {
      return value.map((item) => (key === "checks" || key === "round_totals" ? EVIDENCE_LABELS[item] || item : item)).join(", ");
    }
    return h("ul", { class: "evidence-list" }, value.map((item) => h("li", {}, evidenceValue(item, key))));
  }
  if (value && typeof value === "object") {
    return h("ul", { class: "evidence-list" }, Object.entries(value).map(([k, v]) => h("li", {}, `${EVIDENCE_LABELS[k] || k} : `, evidenceValue(v, k))));
  }
  if (key === "dossier_id" && value) return h("a", { href: `#/dossiers/${encodeURIComponent(value)}`, class: "mono" }, String(value));
  return value === null || value === undefined ? "—" : String(value);
}

/** The signals of an evaluation (nothing when it has none). */
export function signalsBlock(evaluation) {
  const signals = evaluation?.signals || [];
  if (!signals.length) return null;
  return h(
    "div",
    { class: "signals", "data-testid": "signals" },
    h("h3", {}, "Signaux de fraude ou d'altération"),
    h(
      "ul",
      { class: "signal-list" },
      signals.map((signal) =>
        h(
          "li",
          { class: "signal", dataset: { flag: signal.flag } },
          flagBadge(signal.flag),
          " ",
          signal.reason,
          signal.linked_dossier_id
            ? h("p", { class: "small" }, "Autre dossier : ", h("a", { href: `#/dossiers/${encodeURIComponent(signal.linked_dossier_id)}`, class: "mono" }, signal.linked_dossier_id))
            : null,
          Object.keys(signal.evidence || {}).length
            ? h("details", {}, h("summary", {}, "Éléments relevés"), evidenceValue(signal.evidence))
            : null,
        ),
      ),
    ),
  );
}
