// What the user types, read exactly: a French number as a BigInt (cents for money), rounded
// half-up like the server's Decimal, and back to the text the API accepts. No amount is
// computed here: totals, VAT and gaps come from the server.

const TEN = 10n;

function pow10(n) {
  return TEN ** BigInt(n);
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

const QTY_SCALE = 6;

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
