// BillMA web page settings. The page reads nothing else: a cloud deployment replaces this
// file (API base URL, Cognito hosted UI), the local stack serves it as is.
export default {
  // Where the API lives. "" = same origin as the page (the local stack serves both).
  // In the cloud: "https://<api-id>.execute-api.<region>.amazonaws.com/Prod" (no trailing slash).
  apiBase: "",

  auth: {
    // "dev": pick a development token (local stack only).
    // "cognito": "Se connecter" sends the user to the Cognito hosted UI (authorization code + PKCE).
    mode: "dev",
    devTokens: [
      { token: "dev-portal", role: "portal", label: "Portail GST AZ", hint: "Créer un dossier et déposer un devis" },
      { token: "dev-reviewer", role: "reviewer", label: "Billmateur", hint: "Revoir les devis et clôturer les dossiers" },
      { token: "dev-insurer", role: "insurer", label: "Compagnie (AZ)", hint: "Suivre les clôtures" },
    ],
    cognito: {
      domain: "", // e.g. "https://billma-prod.auth.eu-west-3.amazoncognito.com"
      clientId: "",
      redirectUri: "", // defaults to the page's own URL (origin + path)
      logoutUri: "", // defaults to redirectUri
      scopes: ["openid", "email", "profile"],
    },
  },

  // How often the deposit page refreshes the dossier's state while the robot works.
  pollIntervalMs: 2000,
  pollTimeoutMs: 180000,
};
