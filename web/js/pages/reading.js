// Correcting the robot's reading, beside the original document: lines edited, added, split or
// deleted, a barème item chosen for a doubtful line (the matcher's candidates or a search), the
// totals as printed. Saved, the robot judges the corrected reading at once
// (PUT /dossiers/{id}/reading) and the page shows the new verdicts and gap.
import { ApiError, get } from "../api.js";
import { cents, qtyToApi, toApi } from "../decimal.js";
import { h, mount, options } from "../dom.js";
import { dateTime, eur, inputNumber } from "../format.js";
import { UNIT_LABELS, label } from "../labels.js";
import { alertBox, button, verdictBadge } from "../ui.js";

let rowKeys = 0;

/** Editor rows from the dossier's current reading (the reviewer's last one, else the robot's). */
export function readingRows(d) {
  const quote = d.evaluation?.quote;
  const judged = new Map((d.evaluation?.lines || []).map((l) => [l.line, l]));
  return (quote?.lines || []).map((line, i) => ({
    key: ++rowKeys,
    source: i,
    designation: line.designation,
    quantity: inputNumber(line.quantity),
    unit: line.unit || "",
    unitPrice: inputNumber(line.unit_price_ht, 2),
    tva: line.tva_rate === null || line.tva_rate === undefined ? "" : inputNumber(line.tva_rate),
    // The line's own discount, read by the robot: kept as read (the total is the server's).
    discount: line.discount_rate ?? null,
    code: d.reading?.lines?.[i]?.bareme_code || "",
    judged: judged.get(i) || null,
  }));
}

function blankRow(source = null) {
  return { key: ++rowKeys, source, designation: "", quantity: "1", unit: "", unitPrice: "", tva: "", code: "", judged: null };
}

/**
 * The "Lecture du devis" card. `state` persists across renders ({open, rows, totals, comment});
 * `save(body)` sends the corrected reading and resolves with the new view (or throws).
 */
export function readingSection(d, state, save) {
  const section = h("section", { class: "card reading-card", "aria-labelledby": "reading-title", id: "reading" });
  const corrected = d.reading
    ? h("p", { class: "small" }, `Lecture corrigée n°${d.reading.number} par ${d.reading.by || "—"} le ${dateTime(d.reading.at)}. `, readingSummary(d))
    : h("p", { class: "muted small" }, "Lecture du robot. Ajoutez une ligne oubliée, corrigez une quantité ou un libellé mal lus, choisissez l'article du barème d'une ligne douteuse : le robot juge à nouveau aussitôt.");
  const draw = () => {
    if (!state.open) {
      const open = button("Corriger la lecture du devis", () => {
        state.open = true;
        state.rows = readingRows(d);
        state.totals = {
          ht: inputNumber(d.evaluation?.quote?.total_ht, 2),
          tva: inputNumber(d.evaluation?.quote?.total_tva, 2),
          ttc: inputNumber(d.evaluation?.quote?.total_ttc, 2),
        };
        state.comment = "";
        draw();
        section.querySelector("input")?.focus();
      }, { class: "btn", id: "open-reading", "aria-controls": "reading" });
      mount(section, h("div", { class: "section-head" }, h("h2", { id: "reading-title" }, "Lecture du devis"), open), corrected);
      return;
    }
    mount(section, h("div", { class: "section-head" }, h("h2", { id: "reading-title" }, "Lecture du devis")), corrected, editor(d, state, save, draw));
  };
  draw();
  return section;
}

function readingSummary(d) {
  const robot = d.robot_evaluation;
  if (!robot) return "";
  const n = robot.quote?.lines?.length ?? 0;
  return `Lecture du robot : ${n} ligne(s), total TTC ${eur(robot.quote?.total_ttc)}, écart proposé ${eur(robot.gap_ttc)}.`;
}

function editor(d, state, save, redraw) {
  const errors = h("div", { class: "reading-errors", "aria-live": "assertive" });
  const rows = state.rows.map((row, index) => rowGroup(d, state, row, index, redraw));
  const addLine = button("Ajouter une ligne", () => {
    state.rows.push(blankRow());
    redraw();
    document.getElementById(`reading-${state.rows.length - 1}-designation`)?.focus();
  }, { class: "btn", id: "reading-add" });
  const totalInput = (key, id, text) =>
    h("span", { class: "decision-field" }, h("label", { for: id }, text), h("input", { id, type: "text", inputmode: "decimal", class: "num-input", value: state.totals[key], oninput: (e) => (state.totals[key] = e.target.value) }));
  const comment = h("input", { id: "reading-comment", type: "text", maxlength: 2000, placeholder: "Commentaire (facultatif)", "aria-label": "Commentaire de la correction", value: state.comment, oninput: (e) => (state.comment = e.target.value) });
  const submit = h("button", { type: "submit", class: "btn btn-primary", id: "reading-save" }, "Enregistrer et juger à nouveau");
  const cancel = button("Fermer sans enregistrer", () => {
    state.open = false;
    redraw();
    document.getElementById("open-reading")?.focus();
  }, { id: "reading-cancel" });
  const form = h(
    "form",
    {
      class: "reading-editor",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const body = requestBody(d, state, errors);
        if (!body) return;
        submit.disabled = true;
        try {
          await save(body);
        } catch (error) {
          if (error instanceof ApiError && error.status === 422 && Array.isArray(error.details)) {
            mount(errors, alertBox("error", error.message), h("ul", { class: "small" }, error.details.map((p) => h("li", {}, p.message))));
          }
        } finally {
          if (submit.isConnected) submit.disabled = false;
        }
      },
    },
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "data reading-lines" },
        h("caption", { class: "visually-hidden" }, "Lignes du devis telles que lues, modifiables"),
        h(
          "thead",
          {},
          h("tr", {}, ["#", "Désignation", "Qté", "Unité", "PU HT", "TVA %", "Article du barème", "Verdict", ""].map((t) => h("th", { scope: "col" }, t))),
        ),
        rows,
      ),
    ),
    h("div", { class: "actions" }, addLine),
    h("div", { class: "decision reading-totals" }, h("strong", {}, "Totaux imprimés"), totalInput("ht", "reading-total-ht", "Total HT"), totalInput("tva", "reading-total-tva", "TVA"), totalInput("ttc", "reading-total-ttc", "Total TTC")),
    errors,
    h("div", { class: "save-bar" }, comment, cancel, submit),
  );
  return form;
}

function rowGroup(d, state, row, index, redraw) {
  const n = index + 1;
  const id = (name) => `reading-${index}-${name}`;
  const input = (name, key, attrs = {}) =>
    h("input", { id: id(name), name, type: "text", value: row[key], oninput: (e) => (row[key] = e.target.value), ...attrs });
  const unit = h(
    "select",
    { id: id("unit"), name: "unit", "aria-label": `Unité ligne ${n}`, onchange: (e) => (row.unit = e.target.value) },
    h("option", { value: "" }, "—"),
    options(Object.entries(UNIT_LABELS), row.unit),
  );
  const judged = row.judged;
  // Worth a second look as the robot says it (its own threshold, not a copy here).
  const doubtful = judged && (judged.verdict === "UNMATCHED" || judged.match_to_confirm);
  const picker = h("div", { class: "bareme-picker", id: id("picker"), hidden: !row.picking });
  const offered = judged?.candidates?.length || 0;
  const chooseText = row.code ? "Changer" : doubtful && offered ? `Choisir… (${offered} candidat${offered > 1 ? "s" : ""})` : "Choisir…";
  const choose = button(chooseText, () => {
    row.picking = !row.picking;
    redraw();
    document.getElementById(row.picking ? id("search") : id("choose"))?.focus();
  }, { id: id("choose"), "aria-label": `Choisir l'article du barème, ligne ${n}`, "aria-expanded": String(Boolean(row.picking)), "aria-controls": id("picker") });
  if (row.picking) drawPicker(picker, row, n, redraw, judged);
  const article = row.code
    ? h("span", {}, h("strong", { class: "mono", id: id("code") }, row.code), " ", h("span", { class: "muted small" }, "(choisi)"), " ", button("×", () => {
        row.code = "";
        redraw();
      }, { class: "btn btn-small", "aria-label": `Retirer l'article choisi, ligne ${n}` }))
    : judged?.bareme_code
      ? h("span", { class: "muted small" }, `robot : ${judged.bareme_code}`)
      : h("span", { class: "muted small" }, "—");
  const split = button("Scinder", () => {
    const copy = { ...row, key: ++rowKeys, judged: null, picking: false };
    state.rows.splice(index + 1, 0, copy);
    redraw();
    document.getElementById(`reading-${index + 1}-designation`)?.focus();
  }, { class: "btn btn-small", id: id("split"), "aria-label": `Scinder la ligne ${n} en deux` });
  const remove = button("Supprimer", () => {
    state.rows.splice(index, 1);
    redraw();
    (document.getElementById(`reading-${Math.min(index, state.rows.length - 1)}-designation`) || document.getElementById("reading-add"))?.focus();
  }, { class: "btn btn-small", id: id("delete"), "aria-label": `Supprimer la ligne ${n}` });
  const main = h(
    "tr",
    { class: ["reading-line", doubtful ? "doubtful" : null], dataset: { line: index, source: row.source ?? "" } },
    h("td", { class: "num muted" }, row.source === null ? h("span", { title: "Ligne ajoutée" }, `+${n}`) : String(n)),
    h("td", {}, input("designation", "designation", { "aria-label": `Désignation ligne ${n}`, required: true, maxlength: 500, class: "designation-input" })),
    h("td", {}, input("quantity", "quantity", { "aria-label": `Quantité ligne ${n}`, inputmode: "decimal", class: "num-input" })),
    h("td", {}, unit),
    h("td", {}, input("unit_price_ht", "unitPrice", { "aria-label": `Prix unitaire HT ligne ${n}`, inputmode: "decimal", class: "num-input" })),
    h("td", {}, input("tva_rate", "tva", { "aria-label": `Taux de TVA ligne ${n}`, inputmode: "decimal", class: "num-input narrow" })),
    h("td", { class: "article" }, article, " ", choose),
    h("td", {}, judged ? verdictBadge(judged.verdict) : h("span", { class: "muted small" }, "à juger")),
    h("td", {}, h("div", { class: "row-actions" }, split, remove)),
  );
  // The robot's reason where it found something to say (the line table below has them all).
  const why = judged?.why && judged.verdict !== "OK" ? h("p", { class: "why small" }, judged.why) : null;
  const detail = why || row.picking ? h("tr", { class: "picker-row" }, h("td"), h("td", { colspan: 8 }, why, picker)) : null;
  return h("tbody", { class: "reading-group", dataset: { line: index } }, main, detail);
}

/** Candidates of the matcher (best first) and a barème search; one click sets the item. */
function drawPicker(picker, row, n, redraw, judged) {
  const pick = (code) => {
    row.code = code;
    row.picking = false;
    redraw();
    document.getElementById(`reading-${n - 1}-choose`)?.focus();
  };
  const itemButton = (code, text, price, unit) =>
    h("li", {}, button(`${code} — ${text}${price ? ` (${eur(price)} HT/${label(UNIT_LABELS, unit)})` : ""}`, () => pick(code), { class: "btn btn-small pick", dataset: { code } }));
  const candidates = judged?.candidates || [];
  const results = h("ul", { class: "pick-list", "aria-live": "polite" });
  const search = h("input", {
    type: "search",
    id: `reading-${n - 1}-search`,
    placeholder: "Chercher au barème (code ou libellé)",
    "aria-label": `Chercher un article du barème, ligne ${n}`,
    value: row.designation,
    onkeydown: (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        runSearch();
      }
      if (event.key === "Escape") {
        row.picking = false;
        redraw();
        document.getElementById(`reading-${n - 1}-choose`)?.focus();
      }
    },
  });
  const runSearch = async () => {
    mount(results, h("li", { class: "muted small" }, "Recherche…"));
    try {
      const answer = await get("/bareme", { q: search.value.trim(), limit: 8 });
      const items = answer.items || [];
      mount(results, items.length ? items.map((i) => itemButton(i.code, i.label, i.unit_price_ht, i.unit)) : h("li", { class: "muted small" }, "Aucun article."));
    } catch (error) {
      mount(results, h("li", { class: "field-error" }, error.message));
    }
  };
  mount(
    picker,
    candidates.length
      ? [h("p", { class: "small" }, "Candidats du robot :"), h("ul", { class: "pick-list candidates" }, candidates.map((c) => itemButton(c.bareme_code, c.label, c.reference_unit_price_ht, c.unit)))]
      : null,
    h("div", { class: "picker-search" }, search, button("Chercher", runSearch, { class: "btn btn-small" })),
    results,
  );
}

/** The PUT body, or null after showing what is wrong (and focusing it). */
function requestBody(d, state, errors) {
  mount(errors);
  const problems = [];
  const lines = state.rows.map((row, i) => {
    const quantity = qtyToApi(row.quantity);
    const price = cents(row.unitPrice);
    const tva = row.tva.trim() ? qtyToApi(row.tva) : null;
    if (!row.designation.trim()) problems.push([`reading-${i}-designation`, `Ligne ${i + 1} : la désignation est vide.`]);
    if (quantity === null) problems.push([`reading-${i}-quantity`, `Ligne ${i + 1} : quantité illisible.`]);
    if (price === null) problems.push([`reading-${i}-unit_price_ht`, `Ligne ${i + 1} : prix unitaire HT illisible.`]);
    if (row.tva.trim() && tva === null) problems.push([`reading-${i}-tva_rate`, `Ligne ${i + 1} : taux de TVA illisible.`]);
    return {
      source_line: row.source,
      designation: row.designation.trim(),
      quantity,
      unit: row.unit || null,
      unit_price_ht: price === null ? null : toApi(price),
      tva_rate: tva,
      discount_rate: row.discount ?? null,
      bareme_code: row.code || null,
    };
  });
  if (!lines.length) problems.push(["reading-add", "Le devis doit avoir au moins une ligne."]);
  const totals = {};
  for (const [key, name] of [["ht", "total_ht"], ["tva", "total_tva"], ["ttc", "total_ttc"]]) {
    const text = (state.totals[key] || "").trim();
    if (!text) continue;
    const value = cents(text);
    if (value === null) problems.push([`reading-total-${key}`, `Total imprimé illisible : « ${text} ».`]);
    else totals[name] = toApi(value);
  }
  if (problems.length) {
    mount(errors, alertBox("error", problems[0][1]), problems.length > 1 ? h("ul", { class: "small" }, problems.slice(1).map(([, m]) => h("li", {}, m))) : null);
    document.getElementById(problems[0][0])?.focus();
    return null;
  }
  const body = { expected_version: d.version, lines, totals };
  if (state.comment.trim()) body.comment = state.comment.trim();
  return body;
}
