// Sign-in: a development token per role locally, the Cognito hosted UI in the cloud.
import { h, mount } from "../dom.js";
import { mode, session, signInWithDevToken, startCognitoSignIn } from "../auth.js";
import { ROLE_LABELS } from "../labels.js";
import { alertBox } from "../ui.js";

export function render(root, { query, navigate, config, homeFor }) {
  const next = query.next && query.next !== "/connexion" ? `#${query.next}` : null;
  const current = session();
  const notices = [];
  if (query.expired) notices.push(alertBox("warning", "Votre session a expiré ou n'est plus valide : reconnectez-vous."));
  const stored = sessionStorage.getItem("billma.signin_error");
  if (stored) {
    sessionStorage.removeItem("billma.signin_error");
    notices.push(alertBox("error", stored));
  }

  let body;
  if (mode() === "cognito") {
    const ready = Boolean(config.auth.cognito.domain && config.auth.cognito.clientId);
    body = h(
      "div",
      { class: "card signin-card" },
      h("p", {}, "Connectez-vous avec votre compte BillMA. Votre rôle (portail, Billmateur, compagnie) vient de votre compte."),
      ready
        ? h("a", { href: "#/connexion", class: "btn btn-primary", onclick: (e) => { e.preventDefault(); startCognitoSignIn(); } }, "Se connecter")
        : alertBox("error", "Connexion non configurée : renseignez auth.cognito dans config.js."),
    );
  } else {
    body = h(
      "div",
      { class: "card signin-card" },
      h("p", {}, "Environnement local : choisissez le jeton de développement du rôle à utiliser."),
      h(
        "ul",
        { class: "role-list" },
        config.auth.devTokens.map((entry) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: ["btn", "role-button", current?.token === entry.token ? "is-current" : null],
                dataset: { token: entry.token },
                onclick: () => {
                  const s = signInWithDevToken(entry);
                  const target = next && !next.startsWith("#/connexion") ? next : homeFor();
                  navigate(s ? target : "#/connexion");
                },
              },
              h("span", { class: "role-name" }, entry.label || ROLE_LABELS[entry.role]),
              h("span", { class: "role-hint" }, entry.hint || ""),
              h("code", { class: "role-token" }, entry.token),
            ),
          ),
        ),
      ),
    );
  }
  mount(root, h("h1", {}, "Connexion"), notices, body);
}
