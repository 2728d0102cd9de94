// The revision preview: the same arithmetic as billma_core.review.revision, in exact cents,
// so what the reviewer sees while typing is what the server will confirm.
import { cents, divRound, lineTotal, scaled, sum, unitPrice, vatFraction } from "./decimal.js";

const MILLION = 1000000n;
const LEGAL_RATES = [55000n, 100000n, 200000n]; // 5.5 %, 10 %, 20 % as fractions × 1e6
const DEFAULT_RATE = 100000n;

/** VAT fraction (×1e6) for lines without a rate: the quote's own snapped to a legal rate,
 * else the one rate its lines share, else 10 %. */
export function fallbackVat(quote) {
  const ht = cents(quote.total_ht);
  const tva = cents(quote.total_tva);
  if (ht && ht > 0n && tva !== null) {
    // |rate − tva/ht| < 0.6 % ⇔ |rate·ht − tva·1e6| < 6000·ht  (rate ×1e6)
    let best = null;
    let bestDistance = null;
    for (const rate of LEGAL_RATES) {
      let d = rate * ht - tva * MILLION;
      if (d < 0n) d = -d;
      if (bestDistance === null || d < bestDistance) {
        best = rate;
        bestDistance = d;
      }
    }
    if (bestDistance < 6000n * ht) return best;
  }
  const rates = new Set(
    (quote.lines || []).map((l) => (l.tva_rate === null || l.tva_rate === undefined ? null : vatFraction(l.tva_rate))).filter((r) => r !== null).map(String),
  );
  if (rates.size === 1) return BigInt([...rates][0]);
  return DEFAULT_RATE;
}

/** TTC (cents) of [htCents, rate] pairs: VAT once per rate on the summed base. */
export function ttcOf(pairs, fallback) {
  const buckets = new Map();
  for (const [ht, rate] of pairs) {
    const fraction = rate === null || rate === undefined ? null : vatFraction(rate);
    const key = String(fraction === null ? fallback : fraction);
    buckets.set(key, (buckets.get(key) || 0n) + ht);
  }
  let total = 0n;
  for (const [key, ht] of buckets) total += ht + divRound(ht * BigInt(key), MILLION);
  return total;
}

export function quoteTotalTtc(quote) {
  const stated = cents(quote.total_ttc);
  if (stated !== null) return stated;
  return ttcOf((quote.lines || []).map((l) => [cents(l.total_ht), l.tva_rate]), fallbackVat(quote));
}

/** The robot's proposal for line `index` (what ACCEPT means). */
export function robotLine(quoteLine, judged) {
  const quoteTotal = cents(quoteLine.total_ht);
  const total = judged && judged.revised_total_ht !== null && judged.revised_total_ht !== undefined ? cents(judged.revised_total_ht) : quoteTotal;
  let price;
  if (total === quoteTotal) price = cents(quoteLine.unit_price_ht);
  else if ((scaled(quoteLine.quantity, 6) ?? 0n) > 0n) price = unitPrice(total, quoteLine.quantity);
  else price = total;
  return { quantity: String(quoteLine.quantity), unitPrice: price, total };
}

/**
 * One line's revised values from the reviewer's decision.
 * decision: {action, quantity (text), unitPrice (text), reason}
 * Returns {total (cents|null), quantity, unitPrice (cents|null), error (French|null)}.
 */
export function previewLine(quoteLine, judged, decision) {
  if (decision.action === "EXCLUDE") {
    return { total: 0n, quantity: String(quoteLine.quantity), unitPrice: 0n, error: decision.reason ? null : "raison d'exclusion obligatoire" };
  }
  if (decision.action === "SET") {
    const qText = (decision.quantity ?? "").trim();
    const pText = (decision.unitPrice ?? "").trim();
    if (!qText && !pText) return { ...robotLine(quoteLine, judged), error: "indiquez une quantité et/ou un prix unitaire" };
    const q = qText ? scaled(qText, 6) : scaled(quoteLine.quantity, 6);
    const p = pText ? cents(pText) : cents(quoteLine.unit_price_ht);
    if (q === null) return { total: null, quantity: qText, unitPrice: p, error: "quantité invalide" };
    if (p === null) return { total: null, quantity: qText, unitPrice: null, error: "prix unitaire invalide" };
    if (q < 0n || p < 0n) return { total: null, quantity: qText, unitPrice: p, error: "valeur négative" };
    const quantity = qText || String(quoteLine.quantity);
    return { total: lineTotal(quantity, p), quantity, unitPrice: p, error: null };
  }
  return { ...robotLine(quoteLine, judged), error: null };
}

/** Totals of the whole preview. threshold: cents. */
export function previewTotals(quote, evaluationLines, decisions, threshold) {
  const judged = new Map((evaluationLines || []).map((l) => [l.line, l]));
  const lines = (quote.lines || []).map((ql, i) => previewLine(ql, judged.get(i), decisions[i] || { action: "ACCEPT" }));
  const errors = lines.map((l, i) => (l.error ? { line: i, message: l.error } : null)).filter(Boolean);
  const complete = lines.every((l) => l.total !== null);
  const revisedHt = complete ? sum(lines.map((l) => l.total)) : null;
  const revisedTtc = complete ? ttcOf(lines.map((l, i) => [l.total, quote.lines[i].tva_rate]), fallbackVat(quote)) : null;
  const quoteTtc = quoteTotalTtc(quote);
  const gap = revisedTtc === null ? null : quoteTtc - revisedTtc;
  return { lines, errors, revisedHt, revisedTtc, quoteTtc, gap, renEligible: gap !== null && gap > threshold };
}
