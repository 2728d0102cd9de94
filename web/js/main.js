// The page: hash routes, the navigation by role, sign-in guard.
import config from "../config.js";
import { setUnauthenticatedHandler } from "./api.js";
import { completeCognitoSignIn, hasRole, mode, session, signOut } from "./auth.js";
import { h, mount } from "./dom.js";
import { ROLE_LABELS, loadLabels } from "./labels.js";
import { alertBox, focusHeading } from "./ui.js";
import * as closures from "./pages/closures.js";
import * as create from "./pages/create.js";
import * as dossier from "./pages/dossier.js";
import * as queue from "./pages/queue.js";
import * as signin from "./pages/signin.js";

const ROUTES = [
  { pattern: /^\/connexion$/, page: signin, roles: null, title: "Connexion" },
  { pattern: /^\/creer$/, page: create, roles: ["portal"], title: "Créer un dossier", nav: "Créer dossier" },
  { pattern: /^\/dossiers$/, page: queue, roles: ["reviewer"], title: "Dossiers", nav: "Dossiers" },
  { pattern: /^\/dossiers\/([^/]+)$/, page: dossier, roles: ["reviewer", "insurer"], title: "Dossier", params: ["id"] },
  { pattern: /^\/clotures$/, page: closures, roles: ["insurer"], title: "Clôtures", nav: "Clôtures" },
];

const NAV = [
  { href: "#/creer", text: "Créer dossier", role: "portal", match: /^\/creer/ },
  { href: "#/dossiers", text: "Dossiers", role: "reviewer", match: /^\/dossiers/ },
  { href: "#/clotures", text: "Clôtures", role: "insurer", match: /^\/clotures/ },
];

let cleanup = null;

export function navigate(hash, { replace = false } = {}) {
  const target = hash.startsWith("#") ? hash : `#${hash}`;
  if (replace) {
    window.history.replaceState(null, "", target);
    render();
  } else if (window.location.hash === target) {
    render();
  } else {
    window.location.hash = target;
  }
}

function parseHash() {
  const raw = window.location.hash.replace(/^#/, "") || "/";
  const [path, search = ""] = raw.split("?");
  return { path: path || "/", query: Object.fromEntries(new URLSearchParams(search)) };
}

function homeFor() {
  if (hasRole("reviewer")) return "#/dossiers";
  if (hasRole("portal")) return "#/creer";
  if (hasRole("insurer")) return "#/clotures";
  return "#/connexion";
}

function renderChrome(path) {
  const s = session();
  const nav = document.getElementById("nav");
  mount(
    nav,
    s
      ? h(
          "ul",
          {},
          NAV.filter((item) => s.roles.includes(item.role)).map((item) =>
            h(
              "li",
              {},
              h(
                "a",
                {
                  href: item.href,
                  "aria-current": item.match.test(path) ? "page" : null,
                  // the same link again starts the page afresh (a new dossier, the first page)
                  onclick: (event) => {
                    if (window.location.hash === item.href) {
                      event.preventDefault();
                      render();
                    }
                  },
                },
                item.text,
              ),
            ),
          ),
        )
      : null,
  );
  const user = document.getElementById("user");
  mount(
    user,
    s
      ? [
          h(
            "span",
            { class: "user-name", title: s.subject || "" },
            s.label || s.subject,
            " · ",
            s.roles.map((r) => ROLE_LABELS[r] || r).join(", ") || "aucun rôle",
          ),
          h(
            "button",
            {
              type: "button",
              class: "btn btn-ghost btn-small",
              onclick: () => {
                if (!signOut()) navigate("#/connexion");
              },
            },
            mode() === "dev" ? "Changer de rôle" : "Se déconnecter",
          ),
        ]
      : null,
  );
}

function render() {
  if (cleanup) {
    try {
      cleanup();
    } catch {
      /* ignore */
    }
    cleanup = null;
  }
  const { path, query } = parseHash();
  const main = document.getElementById("main");
  const s = session();
  if (!s && path !== "/connexion") {
    navigate(`#/connexion?next=${encodeURIComponent(path)}`, { replace: true });
    return;
  }
  if (path === "/") {
    navigate(homeFor(), { replace: true });
    return;
  }
  const route = ROUTES.find((r) => r.pattern.test(path));
  renderChrome(path);
  if (!route) {
    mount(main, h("h1", {}, "Page introuvable"), alertBox("warning", "Cette adresse ne correspond à aucune page.", h("a", { href: homeFor(), class: "btn" }, "Retour à l'accueil")));
    focusHeading(main);
    return;
  }
  if (route.roles && !route.roles.some((r) => hasRole(r))) {
    const allowed = route.roles.map((r) => ROLE_LABELS[r]).join(" ou ");
    mount(
      main,
      h("h1", {}, route.title),
      alertBox("warning", `Cette page est réservée au rôle ${allowed}.`, h("a", { href: "#/connexion", class: "btn" }, "Changer de rôle")),
    );
    focusHeading(main);
    return;
  }
  const match = route.pattern.exec(path);
  const params = {};
  (route.params || []).forEach((name, i) => {
    params[name] = decodeURIComponent(match[i + 1]);
  });
  document.title = `${route.title} — BillMA`;
  main.replaceChildren();
  main.classList.toggle("wide", route.page === dossier);
  cleanup = route.page.render(main, { params, query, navigate, config, homeFor }) || null;
  focusHeading(main);
}

async function start() {
  setUnauthenticatedHandler(() => {
    const { path } = parseHash();
    if (path !== "/connexion") {
      sessionStorage.removeItem("billma.session");
      navigate(`#/connexion?expired=1&next=${encodeURIComponent(path)}`);
    }
  });
  if (mode() === "cognito") {
    try {
      const back = await completeCognitoSignIn();
      if (back !== null) {
        // Back where the user was, or where the sign-in page was asked to lead.
        const onSignIn = /^#\/connexion(?:\?(.*))?$/.exec(back || "");
        let target = back;
        if (!back || onSignIn) {
          const next = new URLSearchParams(onSignIn?.[1] || "").get("next");
          target = next && next !== "/connexion" && next !== "/" ? `#${next}` : homeFor();
        }
        window.history.replaceState(null, "", window.location.pathname + target);
      }
    } catch (error) {
      window.history.replaceState(null, "", `${window.location.pathname}#/connexion`);
      sessionStorage.setItem("billma.signin_error", error.message);
    }
  }
  await loadLabels();
  window.addEventListener("hashchange", render);
  render();
}

start();

export { homeFor };
