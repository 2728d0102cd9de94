// Dossiers (reviewer): the queue by state, search by claim reference, oldest first, pages.
import { get } from "../api.js";
import { h, mount, options } from "../dom.js";
import { age, dateTime, eur } from "../format.js";
import { COVER_LABELS, MOTIF_LABELS, OUTCOME_LABELS, STATE_LABELS, label } from "../labels.js";
import { alertBox, errorBox, flagBadge, spinner, stateBadge } from "../ui.js";

const PAGE_SIZE = 20;
const STATES = ["TO_REVIEW", "IN_REVIEW", "REN_PROPOSED", "ANALYSING", "AWAITING_DOCUMENT", "CLOSED"];
// Cursors of the pages already seen, so "Précédent" can go back (per filter).
const history = { key: "", cursors: [] };

export function render(root, { query, navigate }) {
  const stateFilter = query.reference ? "" : query.state || "TO_REVIEW";
  const reference = query.reference || "";
  const cursor = query.cursor || "";
  const key = `${stateFilter}|${reference}`;
  if (history.key !== key) {
    history.key = key;
    history.cursors = [];
  }

  const stateSelect = h("select", { id: "queue-state", name: "state" }, options(STATES.map((s) => [s, STATE_LABELS[s]]), stateFilter || "TO_REVIEW"));
  const refInput = h("input", { id: "queue-reference", name: "reference", type: "search", value: reference, placeholder: "Ex. SIN-2025-0042", autocomplete: "off" });
  const go = (params) => {
    const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
    navigate(`#/dossiers?${search}`);
  };
  const filters = h(
    "form",
    {
      class: "toolbar",
      role: "search",
      onsubmit: (e) => {
        e.preventDefault();
        const ref = refInput.value.trim();
        go(ref ? { reference: ref } : { state: stateSelect.value });
      },
    },
    h("div", { class: "field inline" }, h("label", { for: "queue-state" }, "État"), stateSelect),
    h("div", { class: "field inline grow" }, h("label", { for: "queue-reference" }, "Référence dossier"), refInput),
    h("button", { type: "submit", class: "btn btn-primary" }, "Rechercher"),
    reference ? h("button", { type: "button", class: "btn", onclick: () => go({ state: stateSelect.value }) }, "Effacer la recherche") : null,
    h("button", { type: "button", class: "btn", onclick: () => navigate(window.location.hash), title: "Recharger la liste" }, "Actualiser"),
  );
  stateSelect.addEventListener("change", () => go({ state: stateSelect.value }));

  const results = h("div", { "aria-live": "polite", id: "queue-results" }, spinner());
  const overview = h("section", { class: "overview", "aria-label": "Vue d'ensemble" });
  const title = reference ? `Recherche « ${reference} »` : `Dossiers ${label(STATE_LABELS, stateFilter).toLowerCase()}`;
  mount(root, h("h1", {}, "Dossiers"), overview, filters, h("h2", { class: "sr-heading" }, title), results);
  loadOverview(overview, reference ? "" : stateFilter);

  let alive = true;
  (async () => {
    try {
      const page = await get("/dossiers", {
        state: reference ? undefined : stateFilter,
        reference: reference || undefined,
        limit: PAGE_SIZE,
        cursor: cursor || undefined,
      });
      if (!alive) return;
      const items = page.items || [];
      if (!items.length) {
        mount(results, alertBox("info", reference ? `Aucun dossier pour la référence « ${reference} ».` : "Aucun dossier dans cet état."));
      } else {
        mount(results, table(items, stateFilter), pager(page.next_cursor, cursor, go, { state: stateFilter, reference }));
      }
    } catch (error) {
      if (alive) mount(results, errorBox(error, h("button", { type: "button", class: "btn", onclick: () => navigate(window.location.hash) }, "Réessayer")));
    }
  })();
  return () => {
    alive = false;
  };
}

/** Counts by state (links that filter the queue) and the reviewers' figures, from GET /stats. */
async function loadOverview(el, current) {
  let stats;
  try {
    stats = await get("/stats");
  } catch {
    return; // the queue works without it
  }
  if (!el.isConnected) return;
  const byState = stats.by_state || {};
  const rate = stats.auto_validation_rate;
  mount(
    el,
    h(
      "ul",
      { class: "state-chips" },
      ["TO_REVIEW", "IN_REVIEW", "REN_PROPOSED", "CLOSED"].map((state) =>
        h(
          "li",
          {},
          h(
            "a",
            { href: `#/dossiers?state=${state}`, class: ["chip", state === current ? "is-current" : null], "aria-current": state === current ? "true" : null },
            h("span", { class: "chip-count" }, String(byState[state] ?? 0)),
            " ",
            label(STATE_LABELS, state),
          ),
        ),
      ),
    ),
    h(
      "p",
      { class: "figures muted small" },
      `Validation automatique : ${rate === null || rate === undefined ? "—" : `${(rate * 100).toLocaleString("fr-FR", { maximumFractionDigits: 0 })} %`}`,
      ` · Économies TTC : ${eur(stats.total_gap_saved_ttc)}`,
      stats.median_hours_to_close === null || stats.median_hours_to_close === undefined
        ? ""
        : ` · Délai médian de clôture : ${Number(stats.median_hours_to_close).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} h`,
    ),
  );
}

function pager(nextCursor, cursor, go, params) {
  const previous = () => {
    const prev = history.cursors.pop();
    go({ ...params, cursor: prev || "" });
  };
  const next = () => {
    history.cursors.push(cursor);
    go({ ...params, cursor: nextCursor });
  };
  return h(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    h("button", { type: "button", class: "btn", disabled: !cursor, onclick: previous }, "‹ Précédent"),
    h("button", { type: "button", class: "btn", disabled: !nextCursor, onclick: next }, "Suivant ›"),
  );
}

function table(items, stateFilter) {
  const now = Date.now();
  const showMotif = items.some((i) => i.motif);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "data queue" },
      h("caption", { class: "visually-hidden" }, "Dossiers, les plus anciens d'abord"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Référence"),
          h("th", { scope: "col" }, "État"),
          h("th", { scope: "col" }, "En attente depuis"),
          h("th", { scope: "col" }, "Résultat du robot"),
          h("th", { scope: "col", class: "num" }, "Devis TTC"),
          h("th", { scope: "col", class: "num" }, "Écart TTC"),
          h("th", { scope: "col" }, "Signalements"),
          h("th", { scope: "col" }, showMotif ? "Motif" : "Pris par"),
        ),
      ),
      h(
        "tbody",
        {},
        items.map((item) => {
          const gapValue = item.gap_ttc;
          const big = gapValue !== null && gapValue !== undefined && Number(gapValue) > 200;
          return h(
            "tr",
            { dataset: { dossierId: item.dossier_id, reference: item.claim_reference || "" } },
            h(
              "th",
              { scope: "row" },
              h("a", { href: `#/dossiers/${encodeURIComponent(item.dossier_id)}`, class: "strong-link" }, item.claim_reference || item.dossier_id),
              h("div", { class: "muted small" }, label(COVER_LABELS, item.cover), item.insurer_code ? ` · ${item.insurer_code}` : ""),
            ),
            h("td", {}, stateBadge(item.state)),
            h(
              "td",
              { title: `Reçu le ${dateTime(item.created_at)} — en attente depuis le ${dateTime(item.waiting_since)}` },
              h("span", { class: "age" }, `en attente depuis ${age(item.waiting_since || item.created_at, now)}`),
              h("div", { class: "muted small" }, `reçu le ${dateTime(item.created_at)}`),
            ),
            h("td", {}, item.outcome ? h("span", { class: `outcome outcome-${item.outcome}` }, label(OUTCOME_LABELS, item.outcome)) : "—"),
            h("td", { class: "num" }, eur(item.total_ttc)),
            h("td", { class: ["num", big ? "gap-big" : null] }, eur(gapValue)),
            h("td", {}, (item.flags || []).length ? h("div", { class: "badges" }, item.flags.map(flagBadge)) : h("span", { class: "muted" }, "—")),
            h("td", {}, showMotif ? label(MOTIF_LABELS, item.motif) : item.assigned_to || h("span", { class: "muted" }, "—")),
          );
        }),
      ),
    ),
  );
}
