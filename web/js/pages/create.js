// Créer dossier (portal): the upload form, the document drop, the dossier's live state.
import { ApiError, get, post, uploadToPresignedPost } from "../api.js";
import { field, h, mount, options, setFieldError } from "../dom.js";
import { scaled, toApi } from "../decimal.js";
import { date as fmtDate, parseFrenchDate } from "../format.js";
import { COVER_LABELS, MOTIF_LABELS, OUTCOME_LABELS, STATE_LABELS, label } from "../labels.js";
import { alertBox, errorBox, stateBadge } from "../ui.js";

const ACCEPTED = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };
const EXTENSIONS = { pdf: "application/pdf", jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png" };
const STEPS = ["AWAITING_DOCUMENT", "ANALYSING", "RESULT"];

export function render(root, { config }) {
  const state = { timers: new Set(), stopped: false };
  const cleanup = () => {
    state.stopped = true;
    for (const t of state.timers) clearTimeout(t);
  };
  showForm(root, state, config);
  return cleanup;
}

function showForm(root, state, config, previous = {}) {
  const fields = {
    claim_reference: field({
      name: "claim_reference",
      label: "Référence dossier",
      hint: "Numéro de sinistre de la compagnie",
      input: h("input", { name: "claim_reference", type: "text", autocomplete: "off", required: true, maxlength: 64, value: previous.claim_reference }),
    }),
    date_of_loss: field({
      name: "date_of_loss",
      label: "Date de survenance",
      hint: "JJ/MM/AAAA",
      input: h("input", { name: "date_of_loss", type: "text", inputmode: "numeric", required: true, autocomplete: "off", placeholder: "JJ/MM/AAAA", maxlength: 10, value: previous.date_of_loss }),
    }),
    deductible: field({
      name: "deductible",
      label: "Franchise (€)",
      hint: "0 s'il n'y a pas de franchise",
      input: h("input", { name: "deductible", type: "text", inputmode: "decimal", required: true, autocomplete: "off", value: previous.deductible, placeholder: "150,00" }),
    }),
    cover: field({
      name: "cover",
      label: "Garantie",
      input: h(
        "select",
        { name: "cover", required: true },
        h("option", { value: "" }, "— Choisir la garantie —"),
        options(Object.entries(COVER_LABELS), previous.cover),
      ),
    }),
    policyholder_phone: field({
      name: "policyholder_phone",
      label: "Téléphone de l'assuré",
      hint: "000000000 si inconnu",
      input: h("input", { name: "policyholder_phone", type: "tel", required: true, autocomplete: "off", value: previous.policyholder_phone, placeholder: "06 12 34 56 78" }),
    }),
    policyholder_email: field({
      name: "policyholder_email",
      label: "E-mail de l'assuré",
      hint: "inconnu si absent",
      input: h("input", { name: "policyholder_email", type: "text", inputmode: "email", autocomplete: "off", value: previous.policyholder_email, placeholder: "prenom.nom@exemple.fr" }),
    }),
    site_postal_code: field({
      name: "site_postal_code",
      label: "Code postal du chantier",
      hint: "5 chiffres (coefficient régional du barème)",
      input: h("input", { name: "site_postal_code", type: "text", inputmode: "numeric", maxlength: 5, autocomplete: "off", value: previous.site_postal_code, placeholder: "75011" }),
    }),
  };
  const summary = h("div", { class: "form-summary", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "btn btn-primary" }, "Créer le dossier");
  const form = h(
    "form",
    { class: "card form-grid", novalidate: true, "aria-labelledby": "create-title" },
    summary,
    Object.values(fields).map((f) => f.wrapper),
    h("div", { class: "form-actions" }, submit),
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    mount(summary);
    const values = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.input.value.trim()]));
    let invalid = false;
    for (const [name, f] of Object.entries(fields)) {
      const required = ["claim_reference", "date_of_loss", "deductible", "cover", "policyholder_phone"].includes(name);
      const missing = required && !values[name];
      setFieldError(f, missing ? "champ obligatoire" : null);
      invalid ||= missing;
    }
    if (values.date_of_loss && !parseFrenchDate(values.date_of_loss)) {
      setFieldError(fields.date_of_loss, "date attendue au format JJ/MM/AAAA");
      invalid = true;
    }
    if (invalid) {
      mount(summary, alertBox("error", "Le formulaire est incomplet : complétez les champs signalés."));
      form.querySelector("[aria-invalid=true]")?.focus();
      return;
    }
    const amount = scaled(values.deductible, 2);
    const body = {
      claim_reference: values.claim_reference,
      date_of_loss: parseFrenchDate(values.date_of_loss),
      deductible: amount === null ? values.deductible : toApi(amount),
      cover: values.cover,
      policyholder_phone: values.policyholder_phone,
    };
    if (values.policyholder_email) body.policyholder_email = values.policyholder_email;
    if (values.site_postal_code) body.site_postal_code = values.site_postal_code;

    submit.disabled = true;
    submit.textContent = "Création…";
    try {
      const ticket = await post("/dossiers", body);
      showUpload(root, state, config, ticket, body);
    } catch (error) {
      submit.disabled = false;
      submit.textContent = "Créer le dossier";
      if (error instanceof ApiError && error.status === 422) {
        const unplaced = [];
        for (const [name, message] of Object.entries(error.fields)) {
          const key = name.split(".")[0];
          if (fields[key]) setFieldError(fields[key], message);
          else unplaced.push(`${name} : ${message}`);
        }
        mount(
          summary,
          alertBox("error", unplaced.length ? `${error.message}` : "Le formulaire contient des erreurs : corrigez les champs signalés."),
        );
        (form.querySelector("[aria-invalid=true]") || summary).focus?.();
      } else {
        mount(summary, errorBox(error));
      }
    }
  });

  mount(
    root,
    h("h1", { id: "create-title" }, "Créer un dossier"),
    h("p", { class: "lead" }, "Renseignez le sinistre, puis déposez le devis de l'artisan (PDF, JPG ou PNG, 10 Mo au plus)."),
    stepper(1),
    form,
  );
}

function stepper(current) {
  const steps = ["Sinistre", "Devis", "Analyse"];
  return h(
    "ol",
    { class: "stepper", "aria-label": "Étapes" },
    steps.map((text, i) =>
      h("li", { class: i + 1 === current ? "current" : i + 1 < current ? "done" : null, "aria-current": i + 1 === current ? "step" : null }, `${i + 1}. ${text}`),
    ),
  );
}

/** What stops a file being sent; maxBytes is the upload's own limit, as the server gives it. */
function fileProblem(file, maxBytes) {
  if (!file) return "Choisissez un fichier.";
  const ext = (file.name.split(".").pop() || "").toLowerCase();
  const type = ACCEPTED[file.type] ? file.type : EXTENSIONS[ext];
  if (!type) return `« ${file.name} » n'est ni un PDF, ni une image JPG ou PNG.`;
  if (file.size === 0) return `« ${file.name} » est vide.`;
  if (file.size > maxBytes) return `« ${file.name} » dépasse ${sizeText(maxBytes)} (${sizeText(file.size)}).`;
  return null;
}

function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1048576) return `${Math.round(bytes / 1024)} Ko`;
  return `${(bytes / 1048576).toFixed(1).replace(".", ",").replace(/,0$/, "")} Mo`;
}

function summaryOf(ticket, form) {
  return h(
    "div",
    { class: "card dossier-created" },
    h("p", {}, "Dossier ", h("strong", { class: "mono", dataset: { dossierId: ticket.dossier_id } }, ticket.dossier_id), " créé pour la référence ", h("strong", {}, form.claim_reference), "."),
    h("p", { class: "muted" }, `${label(COVER_LABELS, form.cover)} · survenu le ${fmtDate(form.date_of_loss)}`),
  );
}

function showUpload(root, state, config, ticket, form) {
  let chosen = null;
  const input = h("input", {
    type: "file",
    id: "quote-file",
    class: "visually-hidden",
    accept: ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png",
  });
  const chosenText = h("p", { class: "drop-chosen", "aria-live": "polite" }, "Aucun fichier choisi.");
  const problem = h("div", { "aria-live": "assertive" });
  const progress = h("progress", { max: 100, value: 0, "aria-label": "Progression du dépôt" });
  const progressText = h("span", { class: "progress-text" }, "");
  const progressBox = h("div", { class: "progress", hidden: true }, progress, progressText);
  const send = h("button", { type: "button", class: "btn btn-primary", disabled: true }, "Envoyer le devis");

  const choose = (file) => {
    const why = fileProblem(file, ticket.upload.max_bytes);
    chosen = why ? null : file;
    send.disabled = !chosen;
    mount(problem, why ? alertBox("error", why) : null);
    mount(chosenText, chosen ? [h("strong", {}, file.name), ` — ${sizeText(file.size)}`] : "Aucun fichier choisi.");
  };
  input.addEventListener("change", () => choose(input.files?.[0]));

  const zone = h(
    "label",
    { for: "quote-file", class: "dropzone", id: "dropzone" },
    h("span", { class: "drop-title" }, "Glissez le devis ici"),
    h("span", { class: "drop-sub" }, "ou ", h("span", { class: "link-like" }, "choisissez un fichier"), ` — PDF, JPG ou PNG, ${sizeText(ticket.upload.max_bytes)} au plus`),
  );
  for (const type of ["dragenter", "dragover"]) {
    zone.addEventListener(type, (e) => {
      e.preventDefault();
      zone.classList.add("dragging");
    });
  }
  for (const type of ["dragleave", "drop"]) zone.addEventListener(type, () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    const files = e.dataTransfer?.files;
    if (files && files.length > 1) {
      mount(problem, alertBox("error", "Un seul document par dossier : déposez un fichier à la fois."));
      return;
    }
    choose(files?.[0]);
  });

  let current = ticket;
  let attempts = 0;
  send.addEventListener("click", async () => {
    if (!chosen) return;
    send.disabled = true;
    input.disabled = true;
    progressBox.hidden = false;
    mount(problem);
    const onProgress = (ratio) => {
      const pct = Math.round(ratio * 100);
      progress.value = pct;
      progressText.textContent = `${pct} %`;
    };
    try {
      if (attempts > 0) current = await post(`/dossiers/${encodeURIComponent(ticket.dossier_id)}/upload`);
      attempts += 1;
      await uploadToPresignedPost(current.upload, chosen, onProgress);
      showTracking(root, state, config, ticket, form, chosen);
    } catch (error) {
      send.disabled = false;
      input.disabled = false;
      send.textContent = "Réessayer l'envoi";
      mount(problem, errorBox(error));
    }
  });

  mount(
    root,
    h("h1", {}, "Créer un dossier"),
    stepper(2),
    summaryOf(ticket, form),
    h(
      "section",
      { class: "card", "aria-labelledby": "upload-title" },
      h("h2", { id: "upload-title" }, "Déposer le devis"),
      input,
      zone,
      chosenText,
      problem,
      progressBox,
      h("div", { class: "form-actions" }, send),
    ),
  );
}

function showTracking(root, state, config, ticket, form, file) {
  state.generation = (state.generation || 0) + 1;
  const generation = state.generation;
  const status = h("div", { class: "tracking", "aria-live": "polite", id: "live-state" });
  const again = h("a", { href: "#/creer", class: "btn", onclick: (e) => { e.preventDefault(); state.generation += 1; showForm(root, state, config); } }, "Créer un autre dossier");
  mount(
    root,
    h("h1", {}, "Créer un dossier"),
    stepper(3),
    summaryOf(ticket, form),
    h(
      "section",
      { class: "card", "aria-labelledby": "track-title" },
      h("h2", { id: "track-title" }, "Dépôt reçu"),
      h("p", {}, "Le devis ", h("strong", {}, file.name), " a été transmis. Le robot BillMA l'analyse : le suivi s'actualise tout seul."),
      status,
    ),
    h("div", { class: "form-actions" }, again),
  );

  const started = Date.now();
  const show = (dossierState, extra) => {
    const index = dossierState === "AWAITING_DOCUMENT" ? 0 : dossierState === "ANALYSING" ? 1 : 2;
    mount(
      status,
      h(
        "ol",
        { class: "live-steps" },
        STEPS.map((step, i) =>
          h(
            "li",
            { class: i < index ? "done" : i === index ? "current" : null },
            step === "RESULT" ? (index === 2 ? label(STATE_LABELS, dossierState) : "Résultat") : label(STATE_LABELS, step),
          ),
        ),
      ),
      h("p", { class: "live-current" }, "État du dossier : ", stateBadge(dossierState)),
      extra || null,
    );
  };
  show("ANALYSING");

  const poll = async () => {
    if (state.stopped || state.generation !== generation) return;
    try {
      const view = await get(`/dossiers/${encodeURIComponent(ticket.dossier_id)}`);
      if (state.stopped || state.generation !== generation) return;
      const d = view.dossier || view;
      let extra = null;
      if (d.state === "CLOSED") {
        extra = alertBox("success", `Dossier clos : ${d.closure?.label || label(MOTIF_LABELS, d.closure?.motif)}.`);
      } else if (d.state === "TO_REVIEW") {
        const outcome = d.evaluation?.outcome;
        extra = alertBox("info", `Analyse terminée (${label(OUTCOME_LABELS, outcome)}) : le dossier est transmis à un Billmateur.`);
      }
      show(d.state, extra);
      if (["TO_REVIEW", "IN_REVIEW", "REN_PROPOSED", "CLOSED"].includes(d.state)) return;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
        // The portal role may not read dossiers: what it knows is that the deposit arrived.
        show("ANALYSING", alertBox("success", "Dépôt reçu. Le résultat de l'analyse sera traité par un Billmateur ; il n'est pas consultable depuis le portail."));
        return;
      }
      show("ANALYSING", errorBox(error));
    }
    if (Date.now() - started > config.pollTimeoutMs) {
      mount(status, alertBox("warning", "L'analyse prend plus de temps que prévu. Le dossier reste enregistré ; vous pouvez fermer cette page."));
      return;
    }
    const t = setTimeout(poll, config.pollIntervalMs);
    state.timers.add(t);
  };
  poll();
}
