// Dossier (reviewer; insurer read-only): the document beside the line table, the revision with
// its live preview, REN, closure, audit trail, report.
import { ApiError, blob, get, post, put } from "../api.js";
import { hasRole, session } from "../auth.js";
import { cents, qtyToApi, toApi } from "../decimal.js";
import { h, mount, options } from "../dom.js";
import { age, date, dateTime, eur, inputNumber, qty } from "../format.js";
import {
  ACTION_LABELS,
  AUDIT_ACTION_LABELS,
  BASIS_LABELS,
  COVER_LABELS,
  EXCLUSION_REASONS,
  FLAG_LABELS,
  KIND_LABELS,
  MOTIF_LABELS,
  OUTCOME_LABELS,
  REASON_LABELS,
  REN_LABELS,
  STATE_LABELS,
  UNIT_LABELS,
  label,
} from "../labels.js";
import { alertBox, button, definitionList, errorBox, facts, flagBadge, spinner, stateBadge, verdictBadge } from "../ui.js";
import { signalsBlock } from "../signals.js";
import { readingRows, readingSection } from "./reading.js";
import { openRenForm } from "./ren-form.js";

export function render(root, { params, config }) {
  const ctx = {
    id: params.id,
    root,
    config,
    view: null,
    decisions: [],
    revisionComment: "",
    dirty: false,
    // The server's preview of the decisions being edited (POST …/revision/preview): the page
    // computes no amount itself. `ticket` numbers the requests so that only the latest answer counts.
    preview: { revision: null, problems: [], pending: false, ticket: 0, timer: null },
    reading: { open: false, rows: [], totals: {}, comment: "" },
    documentUrl: null,
    documentError: null,
    alive: true,
    banner: h("div", { class: "banner-area", "aria-live": "assertive", id: "dossier-banner" }),
    reportUrl: null,
  };
  mount(root, h("h1", {}, "Dossier"), spinner());
  load(ctx, { withDocument: true });
  return () => {
    ctx.alive = false;
    clearTimeout(ctx.preview.timer);
    if (ctx.reportUrl) URL.revokeObjectURL(ctx.reportUrl);
  };
}

const path = (ctx, suffix = "") => `/dossiers/${encodeURIComponent(ctx.id)}${suffix}`;

async function load(ctx, { withDocument = false } = {}) {
  try {
    const view = await get(path(ctx));
    if (!ctx.alive) return;
    mount(ctx.banner);
    setView(ctx, view);
    if (withDocument) loadDocument(ctx);
  } catch (error) {
    if (!ctx.alive) return;
    mount(
      ctx.root,
      h("h1", {}, "Dossier"),
      errorBox(error, button("Réessayer", () => load(ctx, { withDocument })), h("a", { href: "#/dossiers", class: "btn" }, "Retour aux dossiers")),
    );
  }
}

async function loadDocument(ctx) {
  const d = ctx.view.dossier;
  if (!d.document) {
    ctx.documentUrl = null;
    ctx.documentError = "Aucun document reçu pour ce dossier.";
    renderDocument(ctx);
    return;
  }
  try {
    const answer = await get(path(ctx, "/document"));
    ctx.documentUrl = answer.url;
    ctx.documentError = null;
  } catch (error) {
    ctx.documentUrl = null;
    ctx.documentError = error.status === 403 ? "Le document original n'est pas consultable avec votre rôle." : error.message;
  }
  if (ctx.alive) renderDocument(ctx);
}

function setView(ctx, view, { keepDecisions = false } = {}) {
  ctx.view = view;
  if (!keepDecisions) {
    ctx.decisions = initialDecisions(view.dossier);
    ctx.revisionComment = view.dossier.revision?.comment || "";
    ctx.dirty = false;
    clearTimeout(ctx.preview.timer);
    Object.assign(ctx.preview, { revision: null, problems: [], pending: false, ticket: ctx.preview.ticket + 1 });
    // An open reading editor shows the reading just saved, with its new verdicts.
    ctx.reading.rows = readingRows(view.dossier);
    const q = view.dossier.evaluation?.quote;
    ctx.reading.totals = { ht: inputNumber(q?.total_ht, 2), tva: inputNumber(q?.total_tva, 2), ttc: inputNumber(q?.total_ttc, 2) };
    ctx.reading.comment = "";
  }
  renderAll(ctx);
}

function initialDecisions(d) {
  const quoteLines = d.evaluation?.quote?.lines || [];
  // A stale revision was made on an earlier reading: its line numbers no longer match.
  const revised = new Map((d.revision && !d.revision.stale ? d.revision.lines : []).map((l) => [l.line, l]));
  return quoteLines.map((ql, i) => {
    const r = revised.get(i);
    if (!r || r.action === "ACCEPT") return { action: "ACCEPT", quantity: "", unitPrice: "", reason: r?.reason || "", comment: r?.comment || "" };
    return {
      action: r.action,
      quantity: r.action === "SET" ? inputNumber(r.quantity) : "",
      unitPrice: r.action === "SET" ? inputNumber(r.unit_price_ht, 2) : "",
      reason: r.reason || "",
      comment: r.comment || "",
    };
  });
}

// ----------------------------------------------------------------------------- abilities

function can(ctx) {
  const d = ctx.view.dossier;
  const reviewer = hasRole("reviewer");
  // What the rules allow now, as the server lists it (review/actions.py): no copy of the state table here.
  const allowed = new Set(reviewer ? ctx.view.allowed_actions || [] : []);
  return {
    reviewer,
    assign: allowed.has("ASSIGN"),
    revise: allowed.has("REVISE"),
    renPropose: allowed.has("REN_PROPOSE"),
    renAnswer: allowed.has("REN_ANSWER"),
    close: allowed.has("CLOSE"),
    correct: allowed.has("CORRECT_READING"),
    dismiss: allowed.has("DISMISS"),
    qualityCheck: allowed.has("QUALITY_CHECK"),
    closed: d.state === "CLOSED",
  };
}

function mine(ctx, who) {
  const s = session();
  return Boolean(who) && (who === s?.subject || who === s?.serverSubject);
}

// ------------------------------------------------------------------------------ writes

async function write(ctx, method, suffix, body, success) {
  mount(ctx.banner);
  try {
    const view = await (method === "PUT" ? put : post)(path(ctx, suffix), body);
    if (!ctx.alive) return view;
    setView(ctx, view);
    if (success) mount(ctx.banner, alertBox("success", success(view.dossier)));
    return view;
  } catch (error) {
    if (!ctx.alive) throw error;
    showError(ctx, error);
    throw error;
  }
}

function showError(ctx, error) {
  if (error instanceof ApiError && error.isVersionConflict) {
    mount(
      ctx.banner,
      alertBox(
        "warning",
        "Un autre Billmateur a modifié ce dossier depuis que vous l'avez ouvert. Rechargez-le pour voir ses changements (vos modifications non enregistrées seront perdues).",
        button("Recharger le dossier", () => load(ctx), { class: "btn btn-primary", id: "reload-dossier" }),
      ),
    );
  } else {
    mount(ctx.banner, errorBox(error));
  }
  ctx.banner.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

async function guarded(buttonEl, fn) {
  buttonEl.disabled = true;
  try {
    await fn();
  } catch {
    /* shown in the banner */
  } finally {
    if (buttonEl.isConnected) buttonEl.disabled = false;
  }
}

// ------------------------------------------------------------------------------ render

function renderAll(ctx) {
  const d = ctx.view.dossier;
  const abilities = can(ctx);
  ctx.parts = {
    document: h("section", { class: "panel doc-panel", "aria-labelledby": "doc-title" }),
    totals: h("section", { class: "card totals", "aria-labelledby": "totals-title", "aria-live": "polite" }),
  };
  const title = d.form?.claim_reference || d.dossier_id;
  mount(
    ctx.root,
    h(
      "div",
      { class: "dossier-head" },
      h("h1", {}, "Dossier ", h("span", { class: "mono" }, title)),
      stateBadge(d.state),
      h("span", { class: "muted small" }, `version ${d.version}`),
      h("div", { class: "head-actions" }, headActions(ctx, abilities)),
    ),
    ctx.banner,
    summary(ctx),
    evaluationCard(ctx),
    h(
      "div",
      { class: "review-grid" },
      ctx.parts.document,
      h(
        "div",
        { class: "review-main" },
        abilities.correct ? readingSection(d, ctx.reading, (body) => write(ctx, "PUT", "/reading", body, readingSaved)) : null,
        d.evaluation?.quote ? linesSection(ctx, abilities) : null,
        d.evaluation?.quote ? ctx.parts.totals : null,
        renSection(ctx, abilities),
        abilities.closed ? closureCard(d) : abilities.close ? closureSection(ctx) : null,
        d.quality_check ? qualitySection(ctx, abilities) : null,
      ),
    ),
    auditSection(ctx),
  );
  renderDocument(ctx);
  // The "Aperçu" column is the server's answer from the start, not a guess of ours (asked
  // first so that the totals show it as pending).
  if (d.evaluation?.quote && abilities.revise) requestPreview(ctx);
  if (d.evaluation?.quote) renderTotals(ctx);
}

function headActions(ctx, abilities) {
  const d = ctx.view.dossier;
  const out = [];
  if (abilities.assign) {
    const taken = Boolean(d.assigned_to);
    if (!taken || !mine(ctx, d.assigned_to) || d.state === "TO_REVIEW") {
      const b = button(taken && d.state !== "TO_REVIEW" ? "Reprendre le dossier" : "Prendre le dossier", () =>
        guarded(b, async () => {
          const view = await write(ctx, "POST", "/assign", { expected_version: d.version }, (nd) => `Dossier pris en revue${nd.assigned_to ? ` par ${nd.assigned_to}` : ""}.`);
          const s = session();
          if (view?.dossier?.assigned_to && s) {
            sessionStorage.setItem("billma.session", JSON.stringify({ ...s, serverSubject: view.dossier.assigned_to }));
          }
        }),
        { class: "btn btn-primary", id: "assign" },
      );
      out.push(b);
    }
  }
  const reportButton = button("Rapport PDF", () => guarded(reportButton, () => openReport(ctx)), { id: "report" });
  out.push(reportButton);
  out.push(button("Recharger", () => load(ctx, { withDocument: !ctx.documentUrl }), { title: "Recharger le dossier depuis le serveur" }));
  return out;
}

async function openReport(ctx) {
  try {
    const pdf = await blob(path(ctx, "/report"));
    if (ctx.reportUrl) URL.revokeObjectURL(ctx.reportUrl);
    ctx.reportUrl = URL.createObjectURL(pdf);
    const opened = window.open(ctx.reportUrl, "_blank", "noopener");
    mount(
      ctx.banner,
      alertBox(
        "info",
        opened ? "Le rapport de révision s'ouvre dans un nouvel onglet." : "Le rapport de révision est prêt.",
        h("a", { href: ctx.reportUrl, target: "_blank", rel: "noopener", class: "btn", download: `rapport-${ctx.id}.pdf`, id: "report-link" }, "Télécharger le rapport (PDF)"),
      ),
    );
  } catch (error) {
    showError(ctx, error);
  }
}

function summary(ctx) {
  const d = ctx.view.dossier;
  const f = d.form || {};
  return h(
    "section",
    { class: "card summary", "aria-label": "Sinistre" },
    facts([
      ["N° de dossier", h("span", { class: "mono" }, d.dossier_id)],
      ["Garantie", label(COVER_LABELS, f.cover)],
      ["Survenance", date(f.date_of_loss)],
      ["Franchise", eur(f.deductible)],
      ["CP chantier", f.site_postal_code || "—"],
      ["Téléphone", f.policyholder_phone || "—"],
      ["E-mail", f.policyholder_email || "—"],
      ["Reçu le", dateTime(d.created_at)],
      d.state === "CLOSED" ? ["Clos le", dateTime(d.closure?.closed_at)] : ["En attente depuis", d.waiting_since ? age(d.waiting_since) : "—"],
      ["Pris par", d.assigned_to || "—"],
      ctx.view.age_hours === null || ctx.view.age_hours === undefined
        ? null
        : ["Délai de revue", h("span", { id: "sla-age", class: ctx.view.overdue ? "overdue" : null }, `${Number(ctx.view.age_hours).toLocaleString("fr-FR", { maximumFractionDigits: 0 })} h sur ${ctx.view.review_sla_hours} h${ctx.view.overdue ? " : hors délai" : ""}`)],
    ]),
  );
}

function renderDocument(ctx) {
  const el = ctx.parts?.document;
  if (!el) return;
  // Without a document to show (insurer role, nothing uploaded) the lines take the whole width.
  const grid = el.parentElement;
  if (grid) grid.classList.toggle("no-document", !ctx.documentUrl && Boolean(ctx.documentError));
  const d = ctx.view.dossier;
  const media = d.document?.media_type || d.evaluation?.media_type || "";
  let body;
  if (ctx.documentUrl) {
    body = media.startsWith("image/")
      ? h("img", { src: ctx.documentUrl, alt: "Devis original", class: "doc-image" })
      : h("iframe", { src: ctx.documentUrl, title: "Devis original", class: "doc-frame" });
  } else if (ctx.documentError) {
    body = alertBox("info", ctx.documentError);
  } else {
    body = spinner("Chargement du document…");
  }
  mount(
    el,
    h(
      "div",
      { class: "panel-head" },
      h("h2", { id: "doc-title" }, "Devis original"),
      ctx.documentUrl
        ? h(
            "a",
            {
              href: ctx.documentUrl,
              target: "_blank",
              rel: "noopener noreferrer",
              class: "small",
              // the presigned link is short-lived: ask for a fresh one when opening
              onclick: (event) => {
                event.preventDefault();
                const tab = window.open("", "_blank");
                if (tab) tab.opener = null;
                get(path(ctx, "/document"))
                  .then((answer) => {
                    if (tab) tab.location.replace(answer.url);
                    else mount(ctx.banner, alertBox("info", "Le navigateur a bloqué le nouvel onglet.", h("a", { href: answer.url, target: "_blank", rel: "noopener noreferrer", class: "btn" }, "Ouvrir le devis")));
                  })
                  .catch((error) => {
                    tab?.close();
                    showError(ctx, error);
                  });
              },
            },
            "Ouvrir dans un onglet",
          )
        : null,
    ),
    body,
  );
}

function evaluationCard(ctx) {
  const d = ctx.view.dossier;
  const e = d.evaluation;
  if (!e) {
    return h("section", { class: "card" }, h("h2", {}, "Analyse du robot"), alertBox("info", d.state === "ANALYSING" ? "Le robot analyse le document." : "Aucune analyse pour ce dossier."));
  }
  const q = e.quote || {};
  return h(
    "section",
    { class: "card evaluation", "aria-labelledby": "eval-title" },
    h(
      "div",
      { class: "eval-verdict" },
      h("h2", { id: "eval-title" }, "Analyse du robot"),
      h(
        "div",
        { class: "eval-line" },
        h("span", { class: `outcome outcome-${e.outcome}` }, label(OUTCOME_LABELS, e.outcome)),
        (e.flags || []).length ? h("div", { class: "badges" }, e.flags.map(flagBadge)) : null,
      ),
      e.reason ? h("p", { class: "eval-reason" }, e.reason) : null,
      signalsBlock(e),
      e.duplicate_of ? h("p", {}, "Doublon du dossier ", h("a", { href: `#/dossiers/${encodeURIComponent(e.duplicate_of)}`, class: "mono" }, e.duplicate_of)) : null,
      e.suggested_motif ? h("p", { class: "small" }, "Motif suggéré : ", h("strong", {}, label(MOTIF_LABELS, e.suggested_motif))) : null,
      d.robot_evaluation ? h("p", { class: "small corrected-note" }, `Évaluation de la lecture corrigée par ${d.reading?.by || "le Billmateur"} ; le robot avait proposé un écart de ${eur(d.robot_evaluation.gap_ttc)} (${label(OUTCOME_LABELS, d.robot_evaluation.outcome).toLowerCase()}).`) : null,
      findingsBlock(ctx),
    ),
    e.quote
      ? facts([
          ["Artisan", q.contractor?.name || "—"],
          ["SIRET", q.contractor?.siret ? `${q.contractor.siret}${q.contractor.siret_valid ? "" : " (invalide)"}` : "—"],
          ["Document", label(KIND_LABELS, q.kind || "quote")],
          [`${label(KIND_LABELS, q.kind || "quote")} n°`, q.number || "—"],
          ["Date du document", date(q.date)],
          ["Total HT", eur(q.total_ht)],
          ["Total TTC", eur(q.total_ttc)],
          e.bareme_version ? ["Barème", e.bareme_version] : null,
        ])
      : null,
  );
}

// --------------------------------------------------------------------------- line table

function linesSection(ctx, abilities) {
  const d = ctx.view.dossier;
  const quote = d.evaluation.quote;
  const judged = new Map((d.evaluation.lines || []).map((l) => [l.line, l]));
  const revised = new Map((d.revision?.lines || []).map((l) => [l.line, l]));
  ctx.lineCells = [];
  const editable = abilities.revise;
  const rows = quote.lines.map((ql, i) => {
    const j = judged.get(i);
    const totalCell = h("td", { class: "num revised-total", dataset: { line: i } });
    const errorCell = h("p", { class: "field-error", role: "alert", hidden: true });
    ctx.lineCells[i] = { totalCell, errorCell, row: null };
    // The price the robot judged (net of the line's discount, per unit of the line), as the
    // server says it: the page compares no price itself.
    const judgedPrice = j?.judged_unit_price_ht ?? null;
    const main = h(
      "tr",
      { class: `line verdict-row-${String(j?.verdict || "none").toLowerCase()}`, dataset: { line: i, verdict: j?.verdict || "" } },
      h("td", { class: "num muted" }, String(i + 1)),
      h(
        "td",
        { class: "designation" },
        h("div", { class: "designation-head" }, j ? verdictBadge(j.verdict) : null, h("span", {}, ql.designation)),
        ql.room || j?.bareme_code
          ? h("div", { class: "muted small" }, [ql.room, j?.bareme_code ? `barème ${j.bareme_code}` : null].filter(Boolean).join(" · "))
          : null,
      ),
      h("td", { class: "num" }, qty(ql.quantity), " ", h("span", { class: "muted" }, label(UNIT_LABELS, ql.unit))),
      h(
        "td",
        { class: ["num", "quote-price", j?.verdict === "OVERPRICED" && judgedPrice !== null ? "over" : null] },
        eur(ql.unit_price_ht),
        ql.discount_rate ? h("div", { class: "muted small" }, `remise ${qty(ql.discount_rate)} %${judgedPrice !== null ? ` : ${eur(judgedPrice)} net` : ""}`) : null,
      ),
      h("td", { class: "num muted-num" }, eur(j?.reference_unit_price_ht)),
      h("td", { class: "num" }, eur(ql.total_ht)),
      totalCell,
    );
    const why = j?.why ? h("tr", { class: "why-row" }, h("td"), h("td", { colspan: 6, class: "why small" }, h("span", { class: "why-label" }, "Robot : "), j.why)) : null;
    const decision = editable ? decisionRow(ctx, i, ql, j, errorCell) : readonlyDecisionRow(revised.get(i));
    return h("tbody", { class: "line-group", dataset: { line: i } }, main, why, decision);
  });
  return h(
    "section",
    { class: "card lines-card", "aria-labelledby": "lines-title" },
    h(
      "div",
      { class: "section-head" },
      h("h2", { id: "lines-title" }, "Lignes du devis"),
      h("p", { class: "muted small" }, editable ? "Par ligne : proposition du robot, quantité ou prix modifiés, ou exclusion avec une raison." : d.revision ? `Révision n°${d.revision.number} (${d.revision.by || "—"}, ${dateTime(d.revision.at)})` : "Proposition du robot (aucune révision enregistrée)."),
    ),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "data lines" },
        h("caption", { class: "visually-hidden" }, "Lignes du devis, prix du devis et prix du barème"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col", class: "num" }, "#"),
            h("th", { scope: "col" }, "Désignation et verdict du robot"),
            h("th", { scope: "col", class: "num" }, "Qté"),
            h("th", { scope: "col", class: "num" }, "PU devis HT"),
            h("th", { scope: "col", class: "num" }, "PU barème HT"),
            h("th", { scope: "col", class: "num" }, "Total devis HT"),
            h("th", { scope: "col", class: "num" }, "Total révisé HT"),
          ),
        ),
        rows,
      ),
    ),
    editable ? saveBar(ctx) : null,
  );
}

function readonlyDecisionRow(r) {
  if (!r || (r.action === "ACCEPT" && !r.comment)) return null;
  const parts = [label(ACTION_LABELS, r.action)];
  if (r.action === "SET") parts.push(`${qty(r.quantity)} × ${eur(r.unit_price_ht)}`);
  if (r.reason) parts.push(label(EXCLUSION_REASONS, r.reason));
  return h("tr", { class: "decision-row readonly" }, h("td"), h("td", { colspan: 6, class: "small" }, "Décision : ", parts.join(" · "), r.comment ? h("span", { class: "muted" }, ` — « ${r.comment} »`) : null));
}

function decisionRow(ctx, i, ql, judged, errorCell) {
  const dec = ctx.decisions[i];
  const n = i + 1;
  const action = h(
    "select",
    { id: `line-${i}-action`, name: "action", "aria-label": `Décision ligne ${n}` },
    h("option", { value: "ACCEPT", selected: dec.action === "ACCEPT" }, judged ? `Robot : ${eur(judged.revised_total_ht)}` : "Robot"),
    h("option", { value: "SET", selected: dec.action === "SET" }, "Modifier"),
    h("option", { value: "EXCLUDE", selected: dec.action === "EXCLUDE" }, "Exclure"),
  );
  const qtyInput = h("input", { id: `line-${i}-quantity`, name: "quantity", type: "text", inputmode: "decimal", class: "num-input", value: dec.quantity, placeholder: inputNumber(ql.quantity), "aria-label": `Quantité révisée ligne ${n}` });
  const priceInput = h("input", { id: `line-${i}-unit-price`, name: "unit_price_ht", type: "text", inputmode: "decimal", class: "num-input", value: dec.unitPrice, placeholder: inputNumber(ql.unit_price_ht, 2), "aria-label": `Prix unitaire HT révisé ligne ${n}` });
  const reason = h(
    "select",
    { id: `line-${i}-reason`, name: "reason", "aria-label": `Raison ligne ${n}` },
    h("option", { value: "" }, "— Raison —"),
    options(Object.entries(EXCLUSION_REASONS), dec.reason),
  );
  const comment = h("input", { id: `line-${i}-comment`, name: "comment", type: "text", value: dec.comment, placeholder: "Commentaire", "aria-label": `Commentaire ligne ${n}`, maxlength: 2000 });

  const sync = () => {
    const excluded = action.value === "EXCLUDE";
    qtyInput.disabled = excluded;
    priceInput.disabled = excluded;
    reason.required = excluded;
  };
  const changed = () => {
    Object.assign(ctx.decisions[i], { action: action.value, quantity: qtyInput.value, unitPrice: priceInput.value, reason: reason.value, comment: comment.value });
    ctx.dirty = true;
    sync();
    schedulePreview(ctx);
    renderTotals(ctx);
  };
  action.addEventListener("change", () => {
    if (action.value === "SET" && !qtyInput.value && !priceInput.value) {
      // Start from what the line was worth so far, as the server last computed it.
      const shown = ctx.preview.revision?.lines?.[i];
      qtyInput.value = inputNumber(shown ? shown.quantity : ql.quantity);
      priceInput.value = inputNumber(shown ? shown.unit_price_ht : ql.unit_price_ht, 2);
    }
    if (action.value !== "SET") {
      qtyInput.value = "";
      priceInput.value = "";
    }
    changed();
  });
  for (const input of [qtyInput, priceInput]) {
    input.addEventListener("input", () => {
      if (action.value === "ACCEPT" && input.value.trim()) action.value = "SET";
      changed();
    });
  }
  reason.addEventListener("change", changed);
  comment.addEventListener("input", changed);
  sync();

  return h(
    "tr",
    { class: "decision-row", dataset: { line: i } },
    h("td"),
    h(
      "td",
      { colspan: 6 },
      h(
        "div",
        { class: "decision" },
        h("label", { for: action.id, class: "visually-hidden" }, `Décision ligne ${n}`),
        action,
        h("span", { class: "decision-field" }, h("label", { for: qtyInput.id }, "Qté"), qtyInput),
        h("span", { class: "decision-field" }, h("label", { for: priceInput.id }, "PU HT"), priceInput),
        reason,
        comment,
      ),
      errorCell,
    ),
  );
}

function saveBar(ctx) {
  const comment = h("input", { id: "revision-comment", type: "text", placeholder: "Commentaire de la révision (facultatif)", maxlength: 2000, "aria-label": "Commentaire de la révision", value: ctx.revisionComment });
  comment.addEventListener("input", () => {
    ctx.revisionComment = comment.value;
    ctx.dirty = true;
    renderTotals(ctx);
  });
  const save = button("Enregistrer la révision", () => saveRevision(ctx, save), { class: "btn btn-primary", id: "save-revision" });
  const reset = button("Annuler les modifications", () => setView(ctx, ctx.view), { id: "reset-revision" });
  return h("div", { class: "save-bar" }, comment, reset, save);
}

/**
 * The body of PUT …/revision and of its preview, built once from the reviewer's decisions.
 * Only what the reviewer typed is parsed here (French numbers to API values); every rule and
 * amount is the server's. problems: [{line, message}] for what does not read as a number.
 */
function revisionRequest(ctx) {
  const problems = [];
  const decisions = ctx.decisions.map((dec, i) => {
    const out = { line: i, action: dec.action };
    if (dec.action === "SET") {
      const quantity = dec.quantity.trim();
      const unitPrice = dec.unitPrice.trim();
      if (quantity) {
        const value = qtyToApi(quantity);
        if (value === null) problems.push({ line: i, message: "quantité invalide" });
        else out.quantity = value;
      }
      if (unitPrice) {
        const value = cents(unitPrice);
        if (value === null) problems.push({ line: i, message: "prix unitaire invalide" });
        else out.unit_price_ht = toApi(value);
      }
    }
    if (dec.reason) out.reason = dec.reason;
    if (dec.comment.trim()) out.comment = dec.comment.trim();
    return out;
  });
  const body = { expected_version: ctx.view.dossier.version, decisions };
  if (ctx.revisionComment.trim()) body.comment = ctx.revisionComment.trim();
  return { body, problems };
}

/** The server's French messages of a refused revision, by line ([] when none names a line). */
function lineProblems(error) {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  if (Array.isArray(error.details)) return error.details.filter((p) => Number.isInteger(p.line)).map((p) => ({ line: p.line, message: p.message }));
  // Request validation names fields "decisions.<n>.<field>"; decisions are sent one per line, in order.
  return Object.entries(error.fields)
    .map(([field, message]) => [/^decisions\.(\d+)\./.exec(field), message])
    .filter(([match]) => match)
    .map(([match, message]) => ({ line: Number(match[1]), message }));
}

const PREVIEW_DELAY_MS = 250;

/** Ask the preview once the reviewer pauses (debounced). */
function schedulePreview(ctx) {
  clearTimeout(ctx.preview.timer);
  ctx.preview.pending = true;
  ctx.preview.timer = setTimeout(() => requestPreview(ctx), PREVIEW_DELAY_MS);
}

/** POST …/revision/preview with the current decisions; an answer to an older request is dropped. */
async function requestPreview(ctx) {
  clearTimeout(ctx.preview.timer);
  const ticket = ++ctx.preview.ticket;
  const current = () => ctx.alive && ticket === ctx.preview.ticket;
  const { body, problems } = revisionRequest(ctx);
  let answer = { revision: null, problems };
  if (!problems.length) {
    ctx.preview.pending = true;
    try {
      answer = { revision: await post(path(ctx, "/revision/preview"), body), problems: [] };
    } catch (error) {
      if (!current()) return;
      answer = { revision: null, problems: lineProblems(error) };
      if (!answer.problems.length) showError(ctx, error);
    }
  }
  if (!current()) return;
  Object.assign(ctx.preview, answer, { pending: false });
  renderTotals(ctx);
}

async function saveRevision(ctx, save) {
  const { body, problems } = revisionRequest(ctx);
  if (problems.length) {
    Object.assign(ctx.preview, { revision: null, problems, pending: false });
    renderTotals(ctx);
    const first = problems[0];
    mount(ctx.banner, alertBox("error", `Ligne ${first.line + 1} : ${first.message}.`));
    document.getElementById(`line-${first.line}-action`)?.focus();
    return;
  }
  await guarded(save, () =>
    write(ctx, "PUT", "/revision", body, (nd) => `Révision n°${nd.revision?.number ?? ""} enregistrée : écart ${eur(nd.revision?.gap_ttc)} TTC.`).catch((error) => {
      const refused = lineProblems(error);
      if (refused.length) {
        Object.assign(ctx.preview, { revision: null, problems: refused, pending: false });
        renderTotals(ctx);
      }
      throw error;
    }),
  );
}

function renderTotals(ctx) {
  const d = ctx.view.dossier;
  const quote = d.evaluation?.quote;
  if (!quote || !ctx.parts?.totals) return;
  const showPreview = can(ctx).revise;
  const savedRevision = d.revision && !d.revision.stale ? d.revision : null;
  // Per line: the server's preview while editing, else the saved revision, else the robot's proposal.
  const robotLines = new Map((d.evaluation.lines || []).map((l) => [l.line, l]));
  const savedLines = new Map((savedRevision?.lines || []).map((l) => [l.line, l]));
  const preview = ctx.preview.revision;
  const messages = new Map();
  for (const p of ctx.preview.problems) messages.set(p.line, [...(messages.get(p.line) || []), p.message]);
  quote.lines.forEach((ql, i) => {
    const cells = ctx.lineCells?.[i];
    if (!cells) return;
    const shown = showPreview ? preview?.lines?.[i] : savedLines.get(i) || robotLines.get(i);
    const total = shown ? shown.revised_total_ht : null;
    cells.totalCell.textContent = total === null ? "—" : eur(total);
    cells.totalCell.classList.toggle("pending", showPreview && ctx.preview.pending);
    cells.totalCell.classList.toggle("lowered", total !== null && cents(total) < cents(ql.total_ht));
    const text = (messages.get(i) || []).join(" ; ");
    cells.errorCell.textContent = text;
    cells.errorCell.hidden = !text;
  });
  const saved = savedRevision
    ? { label: `Enregistré (révision n°${savedRevision.number})`, ht: savedRevision.revised_total_ht, ttc: savedRevision.revised_total_ttc, gap: savedRevision.gap_ttc, ren: savedRevision.ren_eligible }
    : { label: d.revision?.stale ? "Proposition du robot (révision à refaire)" : "Proposition du robot", ht: d.evaluation.revised_total_ht, ttc: d.evaluation.revised_total_ttc, gap: d.evaluation.gap_ttc, ren: d.evaluation.ren_eligible };
  const renText = (v) => (v === null || v === undefined ? "—" : v ? h("strong", { class: "ren-yes" }, "oui") : h("span", { class: "ren-no" }, "non"));
  const previewCell = (id, content) => (showPreview ? h("td", { class: "num", id, "aria-busy": ctx.preview.pending ? "true" : "false" }, content) : null);
  mount(
    ctx.parts.totals,
    h(
      "div",
      { class: "section-head" },
      h("h2", { id: "totals-title" }, "Totaux"),
      ctx.dirty ? h("span", { class: "badge badge-warning", id: "unsaved" }, "Modifications non enregistrées") : null,
    ),
    h(
      "table",
      { class: "data totals-table" },
      h(
        "thead",
        {},
        h("tr", {}, h("th", { scope: "col" }, ""), showPreview ? h("th", { scope: "col", class: "num" }, "Aperçu") : null, h("th", { scope: "col", class: "num" }, saved.label)),
      ),
      h(
        "tbody",
        {},
        h("tr", {}, h("th", { scope: "row" }, "Total devis TTC"), showPreview ? h("td", { class: "num" }, eur(ctx.view.quote_total_ttc)) : null, h("td", { class: "num", id: "quote-ttc" }, eur(ctx.view.quote_total_ttc))),
        h("tr", {}, h("th", { scope: "row" }, "Total révisé HT"), previewCell("preview-ht", eur(preview?.revised_total_ht)), h("td", { class: "num", id: "saved-ht" }, eur(saved.ht))),
        h("tr", {}, h("th", { scope: "row" }, "Total révisé TTC"), previewCell("preview-ttc", eur(preview?.revised_total_ttc)), h("td", { class: "num", id: "saved-ttc" }, eur(saved.ttc))),
        h("tr", { class: "gap-row" }, h("th", { scope: "row" }, "Écart TTC"), previewCell("preview-gap", eur(preview?.gap_ttc)), h("td", { class: "num", id: "saved-gap" }, eur(saved.gap))),
        h("tr", {}, h("th", { scope: "row" }, `Éligible REN (écart > ${eur(ctx.view.ren_threshold_ttc)})`), previewCell("preview-ren", renText(preview?.ren_eligible)), h("td", { class: "num", id: "saved-ren" }, renText(saved.ren))),
      ),
    ),
  );
}

// ----------------------------------------------------------------------------------- REN

function renSection(ctx, abilities) {
  const d = ctx.view.dossier;
  const history = d.ren || [];
  if (!abilities.reviewer && !history.length) return null;
  if (!d.evaluation?.quote && !history.length) return null;
  const content = [];
  if (history.length) {
    content.push(
      h(
        "ol",
        { class: "ren-history" },
        history.map((e) => h("li", {}, h("strong", {}, label(REN_LABELS, e.decision)), ` — ${e.by || "—"}, ${dateTime(e.at)}`, e.opening ? h("span", { class: "muted" }, ` (formulaire d'ouverture joint : ${e.opening.postal_code} ${e.opening.city}, département ${e.opening.departement})`) : null)),
      ),
    );
  } else {
    content.push(h("p", { class: "muted" }, "Aucune REN proposée."));
  }
  if (abilities.renPropose) {
    const rev = d.revision;
    let why = null;
    if (!rev) why = "Enregistrez d'abord une révision : la REN se propose sur l'écart révisé.";
    else if (rev.stale) why = "La révision a été faite sur une lecture du devis corrigée depuis : refaites-la.";
    else if (ctx.dirty) why = "Enregistrez la révision modifiée avant de proposer la REN.";
    else if (!rev.ren_eligible) why = `Écart de la révision (${eur(rev.gap_ttc)}) inférieur ou égal à ${eur(ctx.view.ren_threshold_ttc)} TTC : pas de REN.`;
    const propose = button("Proposer la REN", () => guarded(propose, () => write(ctx, "POST", "/ren", { expected_version: d.version, decision: "PROPOSED" }, () => "REN proposée à l'assuré.")), {
      class: "btn btn-primary",
      id: "ren-propose",
      disabled: Boolean(why),
      "aria-describedby": why ? "ren-why" : null,
    });
    content.push(h("div", { class: "actions" }, propose), why ? h("p", { class: "muted small", id: "ren-why" }, why) : null);
  }
  if (abilities.renAnswer) {
    const accept = button("L'assuré accepte…", async () => {
      await openRenForm(d, (opening) => write(ctx, "POST", "/ren", { expected_version: ctx.view.dossier.version, decision: "ACCEPTED", opening }, () => "REN acceptée : clôturez en « Clos - REN » pour la transmettre au réseau."));
    }, { class: "btn", id: "ren-accept" });
    const refuse = button("L'assuré refuse", () => guarded(refuse, () => write(ctx, "POST", "/ren", { expected_version: d.version, decision: "REFUSED" }, () => "REN refusée : clôturez en « Clos - Montant indemnisation révisé ».")), { class: "btn", id: "ren-refuse" });
    content.push(h("p", {}, "La REN attend la réponse de l'assuré."), h("div", { class: "actions" }, accept, refuse));
  }
  return h("section", { class: "card", "aria-labelledby": "ren-title" }, h("h2", { id: "ren-title" }, "Réparation en nature (REN)"), content);
}

// ------------------------------------------------------------------------------- closure

/** Who settles, on what, how much: as the server computed it ("—" where it could not). */
function settlementList(s) {
  return definitionList([
    ["Réglé par", s.settled_by || "—"],
    ["Base", label(BASIS_LABELS, s.basis)],
    ["Montant", eur(s.amount)],
    ["Franchise", eur(s.deductible)],
    ["Indemnité", h("strong", {}, eur(s.indemnity))],
  ]);
}

function closureSection(ctx) {
  const d = ctx.view.dossier;
  const motifs = ctx.view.motifs || [];
  const reasonBox = h("div", { class: "closure-reason" });
  const settlementBox = h("div", { class: "settlement", "aria-live": "polite" });
  const confirmBox = h("div", { class: "confirm-box" });
  const comment = h("textarea", { id: "closure-comment", rows: 2, maxlength: 2000, placeholder: "Commentaire (facultatif)" });
  let chosen = null;
  let reasonSelect = null;

  const closeButton = button("Clôturer le dossier…", () => {
    if (!chosen) return;
    if (chosen.reasons?.length && !reasonSelect?.value) {
      mount(confirmBox, alertBox("error", "Choisissez la raison de la clôture."));
      reasonSelect?.focus();
      return;
    }
    const confirm = button("Confirmer la clôture", () =>
      guarded(confirm, () => {
        const body = { expected_version: d.version, motif: chosen.motif };
        if (reasonSelect?.value) body.reason = reasonSelect.value;
        if (comment.value.trim()) body.comment = comment.value.trim();
        return write(ctx, "POST", "/closure", body, (nd) => `Dossier clos : ${nd.closure?.label || label(MOTIF_LABELS, chosen.motif)}.`);
      }),
      { class: "btn btn-danger", id: "confirm-closure" },
    );
    mount(
      confirmBox,
      alertBox("warning", `Clôturer en « ${chosen.label || label(MOTIF_LABELS, chosen.motif)} » ? La clôture est définitive et part vers la compagnie.`, confirm, button("Annuler", () => mount(confirmBox))),
    );
    confirm.focus();
  }, { class: "btn btn-primary", id: "close-dossier", disabled: true });

  const choose = (m) => {
    chosen = m;
    closeButton.disabled = false;
    mount(confirmBox);
    reasonSelect = null;
    if (m.reasons?.length) {
      reasonSelect = h("select", { id: "closure-reason", required: true }, h("option", { value: "" }, "— Choisir la raison —"), options(m.reasons.map((r) => [r, label(REASON_LABELS, r)])));
      // Pre-filled from what is known: the revision's reasons, or the robot's range flag.
      const known = [...(d.revision?.reasons || []), ...((d.evaluation?.flags || []).includes("amount_out_of_range") ? ["AMOUNT_OUT_OF_RANGE"] : [])];
      const fromRevision = known.find((r) => m.reasons.includes(r));
      if (fromRevision) reasonSelect.value = fromRevision;
      mount(reasonBox, h("div", { class: "field" }, h("label", { for: "closure-reason" }, "Raison (obligatoire)"), reasonSelect));
    } else {
      mount(reasonBox);
    }
    mount(settlementBox, h("h3", {}, "Règlement qui sera transmis"), settlementList(m.settlement || {}));
  };

  const list = h(
    "fieldset",
    { class: "motifs" },
    h("legend", {}, "Motif de clôture"),
    motifs.map((m) => {
      const id = `motif-${m.motif}`;
      const whyId = `${id}-why`;
      const radio = h("input", { type: "radio", name: "motif", id, value: m.motif, disabled: !m.allowed, "aria-describedby": m.allowed ? null : whyId, onchange: () => choose(m) });
      return h(
        "div",
        { class: ["motif", m.allowed ? "allowed" : "refused"], title: m.allowed ? null : m.why_not || "" },
        radio,
        h(
          "label",
          { for: id },
          m.label || label(MOTIF_LABELS, m.motif),
          d.evaluation?.suggested_motif === m.motif ? h("span", { class: "badge flag-info suggested" }, "suggéré par le robot") : null,
        ),
        !m.allowed && m.why_not ? h("p", { class: "why-not small", id: whyId }, m.why_not) : null,
      );
    }),
  );
  return h(
    "section",
    { class: "card closure", "aria-labelledby": "closure-title" },
    h("h2", { id: "closure-title" }, "Clôture"),
    ctx.dirty ? alertBox("warning", "La révision affichée n'est pas enregistrée : la clôture s'appuie sur la dernière révision enregistrée.") : null,
    motifs.length ? list : alertBox("info", "Aucun motif disponible."),
    reasonBox,
    h("div", { class: "field" }, h("label", { for: "closure-comment" }, "Commentaire"), comment),
    settlementBox,
    h("div", { class: "actions" }, closeButton),
    confirmBox,
  );
}

function closureCard(d) {
  const c = d.closure;
  if (!c) return h("section", { class: "card" }, h("h2", {}, "Clôture"), h("p", {}, "Dossier clos."));
  return h(
    "section",
    { class: "card closure closed", "aria-labelledby": "closure-title" },
    h("h2", { id: "closure-title" }, "Clôture"),
    h("p", { class: "closure-label" }, h("strong", {}, c.label || label(MOTIF_LABELS, c.motif)), c.reason ? ` — ${label(REASON_LABELS, c.reason)}` : ""),
    definitionList([
      ["Clos le", dateTime(c.closed_at)],
      ["Par", c.closed_by || "—"],
      ["Révisé par", c.revised_by || "—"],
      c.comment ? ["Commentaire", c.comment] : null,
      c.ren_opening ? ["REN", `ouverte (origine « ${c.ren_opening.origin || "REN SUITE BILLMA"} »)`] : null,
    ]),
    c.settlement ? [h("h3", {}, "Règlement"), settlementList(c.settlement)] : null,
  );
}

// --------------------------------------------------------------------------------- audit

const AUDIT_KEYS = {
  state: "État",
  assigned_to: "Pris par",
  outcome: "Résultat du robot",
  flags: "Signalements",
  document_sha256: "Empreinte du document",
  revision: "Révision",
  revision_number: "Révision n°",
  gap_ttc: "Écart TTC",
  revised_total_ttc: "Total révisé TTC",
  ren: "REN",
  ren_decision: "REN",
  motif: "Motif",
  closure: "Clôture",
  reading_lines: "Lignes",
  quote_total_ttc: "Total devis TTC",
  proposed_gap_ttc: "Écart proposé TTC",
  revision_stale: "Révision à refaire",
  dismissal: "Signalement écarté",
  quality_check: "Contrôle qualité",
  upload_key: "Dépôt",
};

function auditAction(action) {
  const a = String(action || "");
  if (AUDIT_ACTION_LABELS[a]) return AUDIT_ACTION_LABELS[a];
  if (a.startsWith("robot_")) return `Robot : ${label(OUTCOME_LABELS, a.slice(6)).toLowerCase()}`;
  if (a.startsWith("ren_")) return label(REN_LABELS, a.slice(4).toUpperCase());
  if (a.startsWith("cloture_")) return `Clôture : ${label(MOTIF_LABELS, a.slice(8).toUpperCase())}`;
  return a.replace(/_/g, " ");
}

function valueText(v, key) {
  if (key === "dismissal" && v && typeof v === "object") return `${label(FLAG_LABELS, v.flag)}${v.line ? ` (ligne ${v.line})` : ""} : « ${v.reason} »`;
  if (key === "revision_stale" && typeof v === "boolean") return v ? "oui" : "non";
  if (key === "flags" && Array.isArray(v)) return v.length ? v.map((f) => label(FLAG_LABELS, f)).join(", ") : "aucun";
  if (key === "outcome" && typeof v === "string") return label(OUTCOME_LABELS, v);
  if (key === "motif" && typeof v === "string") return label(MOTIF_LABELS, v);
  if (key === "ren" && typeof v === "string") return label(REN_LABELS, v);
  if (key === "document_sha256" && typeof v === "string") return `${v.slice(0, 12)}…`;
  if (/(_ttc|_ht|amount|indemnity)$/.test(key || "") && (typeof v === "number" || /^-?\d+(\.\d+)?$/.test(String(v)))) return eur(v);
  if (v === null || v === undefined) return "—";
  if (typeof v === "object") {
    const s = JSON.stringify(v);
    return s.length > 140 ? `${s.slice(0, 137)}…` : s;
  }
  const s = String(v);
  if (STATE_LABELS[s]) return STATE_LABELS[s];
  return s.length > 140 ? `${s.slice(0, 137)}…` : s;
}

function changes(before, after) {
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])];
  if (!keys.length) return h("span", { class: "muted" }, "—");
  return h(
    "ul",
    { class: "changes" },
    keys.map((k) =>
      k === "reading_lines"
        ? h("li", {}, h("span", { class: "change-key" }, AUDIT_KEYS[k]), " :", h("ul", { class: "line-changes" }, (after?.[k] || []).map((a, i) => h("li", {}, before?.[k]?.[i] || "(ajoutée)", " → ", a || "(supprimée)"))))
        : h("li", {}, h("span", { class: "change-key" }, AUDIT_KEYS[k] || k), " : ", valueText(before?.[k], k), " → ", valueText(after?.[k], k)),
    ),
  );
}

function auditSection(ctx) {
  const audit = ctx.view.audit || [];
  const revisions = ctx.view.revisions || [];
  return h(
    "section",
    { class: "card audit", "aria-labelledby": "audit-title" },
    h("h2", { id: "audit-title" }, "Historique"),
    revisions.length
      ? h(
          "details",
          { class: "revisions" },
          h("summary", {}, `${revisions.length} révision(s)`),
          h(
            "table",
            { class: "data" },
            h("thead", {}, h("tr", {}, ["N°", "Par", "Le", "Total révisé TTC", "Écart TTC", "REN"].map((t) => h("th", { scope: "col" }, t)))),
            h(
              "tbody",
              {},
              revisions.map((r) => h("tr", {}, h("td", {}, String(r.number)), h("td", {}, r.by || "—"), h("td", {}, dateTime(r.at)), h("td", { class: "num" }, eur(r.revised_total_ttc)), h("td", { class: "num" }, eur(r.gap_ttc)), h("td", {}, r.ren_eligible ? "éligible" : "non"))),
            ),
          ),
        )
      : null,
    audit.length
      ? h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "data audit-table" },
            h("caption", { class: "visually-hidden" }, "Journal des modifications du dossier"),
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Quand"), h("th", { scope: "col" }, "Qui"), h("th", { scope: "col" }, "Action"), h("th", { scope: "col" }, "Avant → après"))),
            h(
              "tbody",
              {},
              audit.map((a) => h("tr", {}, h("td", { class: "nowrap" }, dateTime(a.at)), h("td", {}, a.by || "—"), h("td", {}, auditAction(a.action)), h("td", {}, changes(a.before, a.after)))),
            ),
          ),
        )
      : h("p", { class: "muted" }, "Aucun événement."),
  );
}

// ------------------------------------------------------------------- reading, findings, quality

function readingSaved(nd) {
  const e = nd.evaluation || {};
  return `Lecture corrigée : ${(e.lines || []).length} ligne(s) jugée(s) à nouveau, écart proposé ${eur(e.gap_ttc)} TTC.${nd.revision?.stale ? " La révision enregistrée est à refaire." : ""}`;
}

/** Dismissed findings, and the form to dismiss one (any flag, on the dossier or one line). */
function findingsBlock(ctx) {
  const d = ctx.view.dossier;
  const flags = d.evaluation?.flags || [];
  const dismissed = d.dismissals || [];
  const list = dismissed.length
    ? h(
        "ul",
        { class: "dismissals small", id: "dismissals" },
        dismissed.map((x) => h("li", { dataset: { flag: x.flag } }, h("s", {}, label(FLAG_LABELS, x.flag)), x.line === null || x.line === undefined ? " (dossier)" : ` (ligne ${x.line + 1})`, ` écarté par ${x.by || "—"} : « ${x.reason} »`)),
      )
    : null;
  if (!can(ctx).dismiss || !flags.length) return list;
  const flag = h("select", { id: "dismiss-flag", "aria-label": "Signalement à écarter" }, options(flags.map((f) => [f, label(FLAG_LABELS, f)])));
  const lines = d.evaluation?.quote?.lines || [];
  const line = h("select", { id: "dismiss-line", "aria-label": "Sur" }, h("option", { value: "" }, "le dossier"), options(lines.map((l, i) => [String(i), `la ligne ${i + 1}`])));
  const reason = h("input", { id: "dismiss-reason", type: "text", maxlength: 2000, placeholder: "Raison (obligatoire)", "aria-label": "Raison" });
  const go = h("button", { type: "submit", class: "btn btn-small", id: "dismiss-submit" }, "Écarter");
  const form = h(
    "form",
    {
      class: "dismiss-form",
      onsubmit: (event) => {
        event.preventDefault();
        if (!reason.value.trim()) {
          mount(ctx.banner, alertBox("error", "Écarter un signalement demande une raison."));
          reason.focus();
          return;
        }
        const body = { expected_version: d.version, flag: flag.value, reason: reason.value.trim() };
        if (line.value !== "") body.line = Number(line.value);
        guarded(go, () => write(ctx, "POST", "/dismissals", body, () => `Signalement « ${label(FLAG_LABELS, body.flag)} » écarté.`));
      },
    },
    h("span", { class: "small" }, "Écarter un signalement du robot : "),
    flag,
    line,
    reason,
    go,
  );
  return h("div", { class: "findings" }, list, form);
}

function qualitySection(ctx, abilities) {
  const d = ctx.view.dossier;
  const check = d.quality_check;
  if (check.agree !== null && check.agree !== undefined) {
    return h(
      "section",
      { class: "card quality", "aria-labelledby": "quality-title" },
      h("h2", { id: "quality-title" }, "Contrôle qualité"),
      h("p", { id: "quality-result" }, check.agree ? "D'accord avec la validation automatique" : "En désaccord avec la validation automatique", ` — ${check.by || "—"}, ${dateTime(check.at)}`, check.comment ? ` : « ${check.comment} »` : ""),
    );
  }
  if (!abilities.qualityCheck) return h("section", { class: "card quality" }, h("h2", {}, "Contrôle qualité"), h("p", {}, "Validation automatique à contrôler."));
  const comment = h("textarea", { id: "quality-comment", rows: 2, maxlength: 4000, placeholder: "Commentaire (obligatoire en cas de désaccord)" });
  const send = (agree, el) => guarded(el, () => write(ctx, "POST", "/quality-check", { expected_version: d.version, agree, comment: comment.value.trim() || null }, () => "Contrôle qualité enregistré."));
  const agree = button("D'accord", () => send(true, agree), { class: "btn btn-primary", id: "quality-agree" });
  const disagree = button("Pas d'accord", () => send(false, disagree), { class: "btn", id: "quality-disagree" });
  return h(
    "section",
    { class: "card quality", "aria-labelledby": "quality-title" },
    h("h2", { id: "quality-title" }, "Contrôle qualité (À contrôler)"),
    h("p", { class: "small" }, "Ce dossier validé automatiquement a été tiré au sort pour un second regard. La clôture reste acquise : dites si vous auriez validé ce devis."),
    h("div", { class: "field" }, h("label", { for: "quality-comment" }, "Commentaire"), comment),
    h("div", { class: "actions" }, agree, disagree),
  );
}
