// The robot's fraud and tampering signals on the dossier page: each with its French reason, what
// was seen (the evidence, as the robot stored it) and a link to the other dossier when there is one.
import { h } from "./dom.js";
import { EVIDENCE_LABELS } from "./labels.js";
import { flagBadge } from "./ui.js";

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
