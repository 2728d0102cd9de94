// Exact amounts for the revision preview: money is a BigInt of cents, rounded half-up (away
// from zero) like the server's Decimal, so the preview matches the server to the cent.

const TEN = 10n;

function pow10(n) {
  return TEN ** BigInt(n);
}

/** Integer division of BigInts rounded half-up (away from zero), as Decimal ROUND_HALF_UP. */
export function divRound(n, d) {
  if (d === 0n) throw new RangeError("division par zéro");
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return negative ? -q : q;
}

/**
 * A decimal (number or string, "." or "," as the decimal mark, spaces as groups) as a BigInt
 * scaled by 10^scale, rounded half-up. null when the text is not a number.
 */
export function scaled(value, scale) {
  if (value === null || value === undefined) return null;
  let text = typeof value === "number" ? numberText(value) : String(value);
  text = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === "" && (match[3] === undefined || match[3] === ""))) return null;
  const [, sign, intPart, fracPart = ""] = match;
  const digits = BigInt((intPart || "0") + fracPart.padEnd(scale + 1, "0").slice(0, scale + 1));
  // one extra digit decides the rounding; any further digits only matter at exactly 5 → half-up anyway
  const rounded = (digits + 5n) / 10n;
  return sign === "-" ? -rounded : rounded;
}

function numberText(n) {
  if (!Number.isFinite(n)) return "NaN";
  // Avoid exponent notation for small/large numbers.
  return Math.abs(n) < 1e-6 && n !== 0 ? n.toFixed(12) : String(n);
}

/** Money → cents (BigInt). */
export function cents(value) {
  return scaled(value, 2);
}

export const QTY_SCALE = 6;

/** quantity × unit price (cents) → cents, half-up. */
export function lineTotal(quantity, unitPriceCents) {
  const q = scaled(quantity, QTY_SCALE);
  if (q === null || unitPriceCents === null) return null;
  return divRound(q * unitPriceCents, pow10(QTY_SCALE));
}

/** amount (cents) ÷ quantity → cents. */
export function unitPrice(totalCents, quantity) {
  const q = scaled(quantity, QTY_SCALE);
  if (q === null || q === 0n) return totalCents;
  return divRound(totalCents * pow10(QTY_SCALE), q);
}

/** A VAT rate given as percent ("10", 10.0) or fraction ("0.10") as a fraction scaled 1e6. */
export function vatFraction(rate) {
  const r = scaled(rate, 6);
  if (r === null) return null;
  return r > 1000000n ? r / 100n : r;
}

export function sum(values) {
  return values.reduce((acc, v) => acc + (v ?? 0n), 0n);
}

export function toNumber(c) {
  return Number(c) / 100;
}

/** cents → "1234.56" (what the API accepts as a Money value). */
export function toApi(c) {
  const negative = c < 0n;
  const a = negative ? -c : c;
  const s = `${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
  return negative ? `-${s}` : s;
}

/** A quantity scaled 1e6 → "12.5" (no trailing zeros). */
export function qtyToApi(value) {
  const q = scaled(value, QTY_SCALE);
  if (q === null) return null;
  const negative = q < 0n;
  const a = negative ? -q : q;
  const base = pow10(QTY_SCALE);
  const frac = String(a % base).padStart(QTY_SCALE, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${a / base}${frac ? "." + frac : ""}`;
}
