// Small pieces shared by the pages: badges, alerts, tables, the modal.
import { h } from "./dom.js";
import { FLAG_LABELS, SERIOUS_FLAGS, STATE_LABELS, VERDICT_LABELS, label } from "./labels.js";

export function stateBadge(state) {
  return h("span", { class: `badge state state-${String(state).toLowerCase()}`, dataset: { state } }, label(STATE_LABELS, state));
}

export function flagBadge(flag) {
  return h(
    "span",
    { class: ["badge", "flag", SERIOUS_FLAGS.has(flag) ? "flag-serious" : "flag-info"], dataset: { flag }, title: flag },
    label(FLAG_LABELS, flag),
  );
}

export function verdictBadge(verdict) {
  return h("span", { class: `badge verdict verdict-${String(verdict).toLowerCase()}`, dataset: { verdict } }, label(VERDICT_LABELS, verdict));
}

/** A French alert. kind: info | success | warning | error. */
export function alertBox(kind, message, ...actions) {
  return h(
    "div",
    { class: `alert alert-${kind}`, role: kind === "error" || kind === "warning" ? "alert" : "status" },
    h("p", {}, message),
    actions.length ? h("div", { class: "alert-actions" }, actions) : null,
  );
}

export function errorBox(error, ...actions) {
  return alertBox("error", error?.message || "Une erreur est survenue.", ...actions);
}

export function button(text, onclick, attrs = {}) {
  return h("button", { type: "button", class: "btn", onclick, ...attrs }, text);
}

export function definitionList(pairs) {
  return h(
    "dl",
    { class: "deflist" },
    pairs.filter(Boolean).map(([term, value]) => [h("dt", {}, term), h("dd", {}, value ?? "—")]),
  );
}

/** Compact facts in a wrapping row: [["Garantie", "Dégâts des eaux"], …] */
export function facts(pairs) {
  return h(
    "dl",
    { class: "facts" },
    pairs.filter(Boolean).map(([term, value]) => h("div", { class: "fact" }, h("dt", {}, term), h("dd", {}, value ?? "—"))),
  );
}

export function spinner(text = "Chargement…") {
  return h("p", { class: "loading", role: "status" }, text);
}

/**
 * A modal <dialog> (Escape closes it, focus stays inside). `build(close)` returns its content.
 * Resolves with what `close(value)` was given (undefined when dismissed).
 */
export function openModal(title, build) {
  return new Promise((resolve) => {
    const titleId = `modal-title-${Date.now()}`;
    const dialog = h("dialog", { class: "modal", "aria-labelledby": titleId });
    let result;
    const close = (value) => {
      result = value;
      dialog.close();
    };
    dialog.append(
      h(
        "div",
        { class: "modal-head" },
        h("h2", { id: titleId }, title),
        h("button", { type: "button", class: "btn btn-ghost", "aria-label": "Fermer", onclick: () => close(undefined) }, "✕"),
      ),
      build(close),
    );
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function focusHeading(root) {
  const heading = root.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
}
