// The BillMA API: JSON in and out, the bearer token, French errors.
import config from "../config.js";
import { token } from "./auth.js";

export class ApiError extends Error {
  constructor(status, body) {
    const message =
      (body && typeof body.message === "string" && body.message) || defaultMessage(status);
    super(message);
    this.status = status;
    this.code = body?.error || `http_${status}`;
    this.details = body?.details ?? null;
  }

  get isVersionConflict() {
    return this.status === 409 && this.code === "version_conflict";
  }

  /** {field: message} of a 422, when the API names the fields. */
  get fields() {
    const f = this.details?.fields;
    return f && typeof f === "object" ? f : {};
  }
}

function defaultMessage(status) {
  switch (status) {
    case 0:
      return "Le serveur BillMA ne répond pas. Vérifiez votre connexion puis réessayez.";
    case 401:
      return "Votre session a expiré : reconnectez-vous.";
    case 403:
      return "Accès refusé pour votre rôle.";
    case 404:
      return "Introuvable.";
    case 409:
      return "Conflit : le dossier a changé ou une règle refuse l'action.";
    case 422:
      return "Requête invalide.";
    default:
      return `Erreur du serveur (HTTP ${status}). Réessayez dans un instant.`;
  }
}

export function apiUrl(path, query) {
  const base = (config.apiBase || "").replace(/\/$/, "");
  const url = new URL(base + path, window.location.href);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  }
  return url.toString();
}

let onUnauthenticated = () => {};
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn;
}

async function send(method, path, { body, query, accept = "application/json" } = {}) {
  const headers = { Accept: accept };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      /* not JSON */
    }
    const error = new ApiError(response.status, payload);
    if (response.status === 401) onUnauthenticated(error);
    throw error;
  }
  return response;
}

export async function request(method, path, options = {}) {
  const response = await send(method, path, options);
  if (response.status === 204) return null;
  return response.json();
}

export const get = (path, query) => request("GET", path, { query });
export const post = (path, body) => request("POST", path, { body });
export const put = (path, body) => request("PUT", path, { body });

/** A binary resource fetched with the token (the report PDF) as a Blob. */
export async function blob(path) {
  const response = await send("GET", path, { accept: "application/pdf" });
  return response.blob();
}

/**
 * Upload a file to an S3 presigned POST: every field first, the file last. XMLHttpRequest for
 * the progress events. Resolves on 2xx; rejects with a French Error.
 */
export function uploadToPresignedPost(upload, file, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(upload.fields || {})) form.append(k, v);
    if (!("Content-Type" in (upload.fields || {}))) form.append("Content-Type", file.type || "application/octet-stream");
    form.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", upload.url);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve();
      } else {
        const code = /<Code>([^<]+)<\/Code>/.exec(xhr.responseText || "")?.[1];
        const why =
          code === "EntityTooLarge"
            ? "le fichier dépasse la taille autorisée (10 Mo)"
            : code === "AccessDenied" || code === "ExpiredToken"
              ? "l'autorisation de dépôt a expiré ou a été refusée"
              : `réponse HTTP ${xhr.status}${code ? ` (${code})` : ""}`;
        reject(new Error(`Le dépôt du document a échoué : ${why}.`));
      }
    });
    xhr.addEventListener("error", () =>
      reject(new Error("Le dépôt du document a échoué : le stockage ne répond pas.")),
    );
    xhr.addEventListener("abort", () => reject(new Error("Dépôt annulé.")));
    xhr.send(form);
  });
}
