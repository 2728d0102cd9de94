// The REN opening form (what accepting an in-kind repair needs), in a modal.
import { field, h, options, setFieldError } from "../dom.js";
import { date as fmtDate, parseFrenchDate, parseTime } from "../format.js";
import { DWELLING_LABELS, OCCUPANCY_LABELS, PHONE_TYPE_LABELS } from "../labels.js";
import { alertBox, openModal } from "../ui.js";

/**
 * Opens the form. `submit(opening)` sends it and resolves, or throws an ApiError whose
 * details name the fields. Resolves with the submit result, or undefined when cancelled.
 */
export function openRenForm(dossier, submit) {
  return openModal("Ouverture de la REN", (close) => {
    const f = {};
    const text = (name, labelText, attrs = {}, hint) => {
      f[name] = field({ name, label: labelText, hint, input: h("input", { name, type: "text", autocomplete: "off", ...attrs }) });
      return f[name].wrapper;
    };
    const select = (name, labelText, map, required = true) => {
      f[name] = field({
        name,
        label: labelText,
        input: h("select", { name, required }, h("option", { value: "" }, "— Choisir —"), options(Object.entries(map))),
      });
      return f[name].wrapper;
    };
    const phone = (prefix, title, required) => {
      const principal = h("input", { type: "checkbox", name: `${prefix}.principal`, id: `${prefix}-principal`, checked: prefix === "phone_1" });
      f[`${prefix}.principal`] = { input: principal, wrapper: principal.parentElement, error: h("span") };
      return h(
        "fieldset",
        { class: "subform" },
        h("legend", {}, title),
        text(`${prefix}.number`, "Numéro", { type: "tel", required }),
        select(`${prefix}.phone_type`, "Type", PHONE_TYPE_LABELS, required),
        text(`${prefix}.available_from`, "Disponible de", { inputmode: "numeric", placeholder: "09:00", maxlength: 5, value: required ? "09:00" : "" }),
        text(`${prefix}.available_to`, "à", { inputmode: "numeric", placeholder: "18:00", maxlength: 5, value: required ? "18:00" : "" }),
        h("div", { class: "field checkbox" }, principal, h("label", { for: `${prefix}-principal` }, "Téléphone principal")),
      );
    };
    const summary = h("div", { "aria-live": "polite" });
    const submitButton = h("button", { type: "submit", class: "btn btn-primary" }, "Enregistrer l'acceptation");
    const form = h(
      "form",
      { class: "form-grid ren-form", novalidate: true },
      summary,
      text("date_of_loss", "Date de survenance", { required: true, inputmode: "numeric", placeholder: "JJ/MM/AAAA", maxlength: 10, value: dossier.form?.date_of_loss ? fmtDate(dossier.form.date_of_loss) : "" }, "JJ/MM/AAAA"),
      text("policy_number", "N° de contrat", { required: true }),
      text("first_name", "Prénom", { required: true, autocomplete: "off" }),
      text("last_name", "Nom", { required: true }),
      text("address", "Adresse", { required: true }, "Numéro et voie"),
      text("postal_code", "Code postal", { required: true, inputmode: "numeric", maxlength: 5, value: dossier.form?.site_postal_code || "" }, "Le serveur en déduit le département"),
      text("city", "Ville", { required: true }),
      select("dwelling_type", "Type de logement", DWELLING_LABELS),
      select("occupancy", "Occupation", OCCUPANCY_LABELS),
      phone("phone_1", "Téléphone 1", true),
      phone("phone_2", "Téléphone 2 (facultatif)", false),
      text("email", "E-mail", { inputmode: "email", value: dossier.form?.policyholder_email && dossier.form.policyholder_email !== "inconnu" ? dossier.form.policyholder_email : "" }, "inconnu si absent"),
      h(
        "div",
        { class: "form-actions" },
        h("button", { type: "button", class: "btn", onclick: () => close(undefined) }, "Annuler"),
        submitButton,
      ),
    );

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      for (const x of Object.values(f)) if (x.error && x.wrapper) setFieldError(x, null);
      const v = (name) => f[name].input.value.trim();
      const phoneOf = (prefix) => ({
        number: v(`${prefix}.number`),
        phone_type: v(`${prefix}.phone_type`),
        available_from: parseTime(v(`${prefix}.available_from`)) || v(`${prefix}.available_from`),
        available_to: parseTime(v(`${prefix}.available_to`)) || v(`${prefix}.available_to`),
        principal: f[`${prefix}.principal`].input.checked,
      });
      const opening = {
        date_of_loss: parseFrenchDate(v("date_of_loss")) || v("date_of_loss"),
        policy_number: v("policy_number"),
        first_name: v("first_name"),
        last_name: v("last_name"),
        address: v("address"),
        postal_code: v("postal_code"),
        city: v("city"),
        dwelling_type: v("dwelling_type"),
        occupancy: v("occupancy"),
        phone_1: phoneOf("phone_1"),
      };
      if (v("phone_2.number")) opening.phone_2 = phoneOf("phone_2");
      if (v("email")) opening.email = v("email");
      submitButton.disabled = true;
      summary.replaceChildren();
      try {
        const result = await submit(opening);
        close(result);
      } catch (error) {
        submitButton.disabled = false;
        const fields = error.fields || {};
        let placed = 0;
        for (const [name, message] of Object.entries(fields)) {
          const key = name.replace(/^opening\./, "");
          if (f[key] && f[key].wrapper) {
            setFieldError(f[key], message);
            placed += 1;
          }
        }
        summary.replaceChildren(alertBox("error", placed ? "Le formulaire contient des erreurs : corrigez les champs signalés." : error.message));
        (form.querySelector("[aria-invalid=true]") || summary).focus?.();
      }
    });
    return form;
  });
}
