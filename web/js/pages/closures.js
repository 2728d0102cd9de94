// Clôtures (insurer): the closure feed, in closing order, page by page.
import { get } from "../api.js";
import { h, mount } from "../dom.js";
import { dateTime, eur } from "../format.js";
import { BASIS_LABELS, MOTIF_LABELS, REASON_LABELS, label } from "../labels.js";
import { alertBox, errorBox, spinner } from "../ui.js";

const PAGE_SIZE = 20;
const seen = { cursors: [] };

export function render(root, { query, navigate }) {
  const since = query.since || "";
  if (!since) seen.cursors = [];
  const results = h("div", { id: "closures-results", "aria-live": "polite" }, spinner());
  const refresh = h("button", { type: "button", class: "btn", id: "refresh-closures", onclick: () => navigate(window.location.hash) }, "Actualiser");
  mount(
    root,
    h("div", { class: "page-head" }, h("h1", {}, "Clôtures"), refresh),
    h("p", { class: "lead" }, "Les dossiers clos de votre compagnie, dans l'ordre de clôture, avec le règlement à appliquer."),
    results,
  );
  let alive = true;
  (async () => {
    try {
      const page = await get("/closures", { since: since || undefined, limit: PAGE_SIZE });
      if (!alive) return;
      const items = page.items || [];
      const go = (cursor) => navigate(cursor ? `#/clotures?since=${encodeURIComponent(cursor)}` : "#/clotures");
      const pager = h(
        "nav",
        { class: "pager", "aria-label": "Pages" },
        h("button", { type: "button", class: "btn", disabled: !since, onclick: () => go(seen.cursors.pop() || "") }, "‹ Précédentes"),
        h("button", { type: "button", class: "btn", disabled: !page.next_cursor || !items.length, onclick: () => { seen.cursors.push(since); go(page.next_cursor); } }, "Suivantes ›"),
      );
      mount(results, items.length ? table(items) : alertBox("info", since ? "Aucune nouvelle clôture depuis cette page." : "Aucune clôture pour le moment."), pager);
    } catch (error) {
      if (alive) mount(results, errorBox(error));
    }
  })();
  return () => {
    alive = false;
  };
}

function table(items) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "data closures" },
      h("caption", { class: "visually-hidden" }, "Clôtures, dans l'ordre de clôture"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Clos le", "Référence", "Motif", "Révisé par", "Réglé par", "Base", "Montant", "Franchise", "Indemnité"].map((t, i) => h("th", { scope: "col", class: i >= 6 ? "num" : null }, t)),
        ),
      ),
      h(
        "tbody",
        {},
        items.map((c) => {
          const s = c.settlement || {};
          return h(
            "tr",
            { dataset: { dossierId: c.dossier_id, motif: c.motif || "" } },
            h("td", { class: "nowrap" }, dateTime(c.closed_at)),
            h(
              "th",
              { scope: "row" },
              h("a", { href: `#/dossiers/${encodeURIComponent(c.dossier_id)}`, class: "strong-link" }, c.claim_reference || c.dossier_id),
              c.ren_opening ? h("div", { class: "small" }, h("span", { class: "badge flag-info" }, `REN ouverte — ${c.ren_opening.origin || "REN SUITE BILLMA"}`)) : null,
            ),
            h("td", {}, c.label || label(MOTIF_LABELS, c.motif), c.reason ? h("div", { class: "muted small" }, label(REASON_LABELS, c.reason)) : null),
            h("td", {}, c.revised_by || "—"),
            h("td", {}, s.settled_by || "—"),
            h("td", {}, label(BASIS_LABELS, s.basis)),
            h("td", { class: "num" }, eur(s.amount)),
            h("td", { class: "num" }, eur(s.deductible)),
            h("td", { class: "num strong" }, eur(s.indemnity)),
          );
        }),
      ),
    ),
  );
}
