// French display of amounts, quantities, dates and ages.
import { cents, toApi } from "./decimal.js";

const EUR = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const NUM = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 3 });
const DATE = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short" });
const DATETIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short" });

/** "1 234,56 €" from a number, a numeric string or a BigInt of cents. "—" when absent. */
export function eur(value) {
  if (value === null || value === undefined || value === "") return "—";
  const c = typeof value === "bigint" ? value : cents(value);
  if (c === null) return "—";
  return EUR.format(Number(c) / 100);
}

/** A signed gap: "+ 1 234,56 €" style is avoided; negative stays "-12,00 €". */
export function gap(value) {
  return eur(value);
}

/**
 * A server number as the French text of an input the user edits: "12,5" for a quantity; with
 * decimals = 2, an amount to the cent, exact (no floating-point rounding). "" when absent.
 */
export function inputNumber(value, decimals) {
  if (value === null || value === undefined) return "";
  const exact = decimals === 2 ? cents(value) : null;
  if (exact !== null) return toApi(exact).replace(".", ",");
  const n = Number(value);
  return (Number.isFinite(n) ? String(n) : String(value)).replace(".", ",");
}

export function qty(value) {
  if (value === null || value === undefined || value === "") return "—";
  const n = Number(value);
  return Number.isFinite(n) ? NUM.format(n) : String(value);
}

export function date(value) {
  if (!value) return "—";
  // Plain ISO dates (AAAA-MM-JJ) are calendar dates: no time-zone shift.
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : DATE.format(d);
}

export function dateTime(value) {
  if (!value) return "—";
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : DATETIME.format(d);
}

/** "3 h", "12 min", "2 j", "à l'instant" since an ISO date-time. */
export function age(value, now = Date.now()) {
  if (!value) return "—";
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return "—";
  const minutes = Math.max(0, Math.floor((now - t) / 60000));
  if (minutes < 1) return "moins d'une minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} j`;
}

/** Today as AAAA-MM-JJ in the user's time zone (for max= of date inputs). */
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** "26/09/2024", "26-09-2024", "26.09.2024" or "2024-09-26" → "2024-09-26"; null when not a date. */
export function parseFrenchDate(text) {
  const value = String(text || "").trim();
  let y, m, d;
  let match = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(value);
  if (match) [, d, m, y] = match;
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) [, y, m, d] = match;
  else return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** "9:00", "09h00", "9h" → "09:00"; null otherwise. */
export function parseTime(text) {
  const match = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/.exec(String(text || "").trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] || 0);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
