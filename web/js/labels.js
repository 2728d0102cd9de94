// French wording of every code the API returns, from the server's one table (GET /labels),
// loaded once before the first page and kept for the session. Unknown codes show as they are.
import { get } from "./api.js";

export const STATE_LABELS = {};
export const COVER_LABELS = {};
export const OUTCOME_LABELS = {};
export const FLAG_LABELS = {};
// Flags that call for attention (red badge) rather than information (grey).
export const SERIOUS_FLAGS = new Set();
export const VERDICT_LABELS = {};
export const UNIT_LABELS = {};
export const KIND_LABELS = {};
export const EXCLUSION_REASONS = {};
export const REASON_LABELS = {};
export const ACTION_LABELS = {};
export const REN_LABELS = {};
export const MOTIF_LABELS = {};
export const BASIS_LABELS = {};
export const ROLE_LABELS = {};
export const DWELLING_LABELS = {};
export const OCCUPANCY_LABELS = {};
export const PHONE_TYPE_LABELS = {};
export const AUDIT_ACTION_LABELS = {};
export const EVIDENCE_LABELS = {};

const TABLES = {
  states: STATE_LABELS,
  covers: COVER_LABELS,
  outcomes: OUTCOME_LABELS,
  flags: FLAG_LABELS,
  verdicts: VERDICT_LABELS,
  units: UNIT_LABELS,
  kinds: KIND_LABELS,
  exclusion_reasons: EXCLUSION_REASONS,
  reasons: REASON_LABELS,
  line_actions: ACTION_LABELS,
  ren_decisions: REN_LABELS,
  motifs: MOTIF_LABELS,
  bases: BASIS_LABELS,
  roles: ROLE_LABELS,
  dwellings: DWELLING_LABELS,
  occupancies: OCCUPANCY_LABELS,
  phone_types: PHONE_TYPE_LABELS,
  audit_actions: AUDIT_ACTION_LABELS,
  evidence: EVIDENCE_LABELS,
};
const CACHE_KEY = "billma.labels";

function fill(document) {
  for (const [name, table] of Object.entries(TABLES)) Object.assign(table, document[name] || {});
  for (const flag of document.serious_flags || []) SERIOUS_FLAGS.add(flag);
}

/** Load the labels (from this session's copy, else from the server). Without them the page
 * still works and shows the codes. */
export async function loadLabels() {
  const cached = sessionStorage.getItem(CACHE_KEY);
  if (cached) {
    fill(JSON.parse(cached));
    return true;
  }
  try {
    const document = await get("/labels");
    sessionStorage.setItem(CACHE_KEY, JSON.stringify(document));
    fill(document);
    return true;
  } catch {
    return false;
  }
}

export function label(map, code) {
  if (code === null || code === undefined || code === "") return "—";
  return map[code] ?? String(code);
}
