// Dossiers (reviewer): the queue by state, search by claim reference, oldest first, pages;
// overdue against the review SLA in red; the "À contrôler" queue of drawn automatic validations.
import { get } from "../api.js";
import { h, mount, options } from "../dom.js";
import { age, dateTime, eur } from "../format.js";
import { COVER_LABELS, MOTIF_LABELS, OUTCOME_LABELS, STATE_LABELS, label } from "../labels.js";
import { alertBox, errorBox, flagBadge, spinner, stateBadge } from "../ui.js";

const PAGE_SIZE = 20;
const STATES = ["TO_REVIEW", "IN_REVIEW", "REN_PROPOSED", "ANALYSING", "AWAITING_DOCUMENT", "CLOSED"];
// Not a state: the quality sample's queue, offered in the same selector.
const QUALITY = "QUALITY_PENDING";
const ORDERS = [["oldest", "Les plus anciens d'abord"], ["overdue", "Hors délai d'abord"], ["newest", "Les plus récents d'abord"]];
// Cursors of the pages already seen, so "Précédent" can go back (per filter).
const history = { key: "", cursors: [] };

export function render(root, { query, navigate }) {
  const quality = !query.reference && query.quality === "pending";
  const stateFilter = query.reference ? "" : quality ? QUALITY : query.state || "TO_REVIEW";
  const reference = query.reference || "";
  const cursor = query.cursor || "";
  const overdueOnly = query.overdue === "true";
  const order = ORDERS.some(([o]) => o === query.order) ? query.order : "oldest";
  const key = `${stateFilter}|${reference}|${overdueOnly}|${order}`;
  if (history.key !== key) {
    history.key = key;
    history.cursors = [];
  }

  const stateSelect = h("select", { id: "queue-state", name: "state" }, options([...STATES.map((s) => [s, STATE_LABELS[s]]), [QUALITY, "À contrôler (qualité)"]], stateFilter || "TO_REVIEW"));
  const orderSelect = h("select", { id: "queue-order", name: "order" }, options(ORDERS, order));
  const overdueBox = h("input", { id: "queue-overdue", type: "checkbox", checked: overdueOnly });
  const filtersOf = (state) =>
    state === QUALITY ? { quality: "pending" } : { state, overdue: overdueBox.checked ? "true" : "", order: orderSelect.value === "oldest" ? "" : orderSelect.value };
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
        go(ref ? { reference: ref } : filtersOf(stateSelect.value));
      },
    },
    h("div", { class: "field inline" }, h("label", { for: "queue-state" }, "État"), stateSelect),
    h("div", { class: "field inline" }, h("label", { for: "queue-order" }, "Tri"), orderSelect),
    h("div", { class: "field inline" }, overdueBox, h("label", { for: "queue-overdue" }, "Hors délai seulement")),
    h("div", { class: "field inline grow" }, h("label", { for: "queue-reference" }, "Référence dossier"), refInput),
    h("button", { type: "submit", class: "btn btn-primary" }, "Rechercher"),
    reference ? h("button", { type: "button", class: "btn", onclick: () => go(filtersOf(stateSelect.value)) }, "Effacer la recherche") : null,
    h("button", { type: "button", class: "btn", onclick: () => navigate(window.location.hash), title: "Recharger la liste" }, "Actualiser"),
  );
  for (const control of [stateSelect, orderSelect, overdueBox]) control.addEventListener("change", () => go(filtersOf(stateSelect.value)));

  const results = h("div", { "aria-live": "polite", id: "queue-results" }, spinner());
  const overview = h("section", { class: "overview", "aria-label": "Vue d'ensemble" });
  const title = reference ? `Recherche « ${reference} »` : quality ? "Validations automatiques à contrôler" : `Dossiers ${label(STATE_LABELS, stateFilter).toLowerCase()}`;
  mount(root, h("h1", {}, "Dossiers"), overview, filters, h("h2", { class: "sr-heading" }, title), results);
  loadOverview(overview, reference ? "" : stateFilter);

  let alive = true;
  (async () => {
    try {
      const page = await get("/dossiers", {
        state: reference || quality ? undefined : stateFilter,
        reference: reference || undefined,
        quality_check: quality ? "pending" : undefined,
        overdue: overdueOnly && !quality ? "true" : undefined,
        order: order === "oldest" || quality ? undefined : order,
        limit: PAGE_SIZE,
        cursor: cursor || undefined,
      });
      if (!alive) return;
      const items = page.items || [];
      if (!items.length) {
        mount(results, alertBox("info", reference ? `Aucun dossier pour la référence « ${reference} ».` : quality ? "Aucune validation automatique à contrôler." : "Aucun dossier dans cet état."));
      } else {
        const params = reference ? { reference } : { ...filtersOf(stateFilter) };
        mount(results, table(items, stateFilter), pager(page.next_cursor, cursor, go, params));
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
      stats.within_sla_rate === null || stats.within_sla_rate === undefined ? "" : ` · Traités dans le délai de ${stats.review_sla_hours} h : ${percent(stats.within_sla_rate)}`,
      stats.overdue ? ` · Hors délai : ${stats.overdue}` : "",
      stats.quality_checked ? ` · Contrôle qualité : ${percent(stats.quality_agreement_rate)} d'accord sur ${stats.quality_checked} (IC 95 % ${percent(stats.quality_agreement_interval_95[0])} – ${percent(stats.quality_agreement_interval_95[1])})` : "",
    ),
    stats.quality_pending ? h("p", { class: "small" }, h("a", { href: "#/dossiers?quality=pending", id: "quality-queue-link" }, `${stats.quality_pending} validation(s) automatique(s) à contrôler`)) : null,
  );
}

function percent(rate) {
  return `${(rate * 100).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} %`;
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
          // A gap past the REN threshold, as the server judged it (no threshold copied here).
          const big = item.ren_eligible;
          return h(
            "tr",
            { class: item.overdue ? "row-overdue" : null, dataset: { dossierId: item.dossier_id, reference: item.claim_reference || "" } },
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
              item.age_hours === null || item.age_hours === undefined
                ? null
                : h("div", { class: ["small", item.overdue ? "overdue" : "muted"], dataset: { overdue: String(item.overdue) } }, `${item.overdue ? "Hors délai : " : ""}en revue depuis ${Number(item.age_hours).toLocaleString("fr-FR", { maximumFractionDigits: 0 })} h`),
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
