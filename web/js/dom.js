// Building DOM nodes without innerHTML: every piece of API data becomes a text node or an
// attribute value, never markup.

/**
 * h("button", {class: "btn", onclick: fn, disabled: true}, "Texte", childNode, [more, children])
 * Attributes: `class`, `text`, `dataset` (object), `style` (object), on* (listeners),
 * booleans (true sets, false/null/undefined omits), anything else via setAttribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    else if (key === "text") el.textContent = String(value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "style") Object.assign(el.style, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "value" && "value" in el) el.value = value;
    else if (key === "checked" || key === "selected") el[key] = Boolean(value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replace every child of `parent`. */
export function mount(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let uid = 0;
export function nextId(prefix = "id") {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled form field: returns {wrapper, input, error} */
export function field({ label, input, hint, name }) {
  const id = input.id || nextId(name || "f");
  input.id = id;
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  input.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
  const error = h("p", { class: "field-error", id: errorId, role: "alert", hidden: true });
  const wrapper = h(
    "div",
    { class: "field", dataset: { field: name || "" } },
    h("label", { for: id }, label),
    input,
    hint ? h("p", { class: "field-hint", id: hintId }, hint) : null,
    error,
  );
  return { wrapper, input, error };
}

export function setFieldError(f, message) {
  if (message) {
    f.error.textContent = message;
    f.error.hidden = false;
    f.input.setAttribute("aria-invalid", "true");
    f.wrapper.classList.add("has-error");
  } else {
    f.error.textContent = "";
    f.error.hidden = true;
    f.input.removeAttribute("aria-invalid");
    f.wrapper.classList.remove("has-error");
  }
}

export function options(pairs, selected) {
  return pairs.map(([value, label]) => h("option", { value, selected: value === selected }, label));
}
