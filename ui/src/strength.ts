// Passphrase strength feedback for the setup and change screens. A rough
// estimate from length and character variety, lowered for repeats and
// common patterns; the shell enforces the minimum length.

export interface Strength {
  /** 0 (too short) to 4 (very strong). */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  advice: string;
}

const COMMON = ["password", "passphrase", "qwerty", "123456", "letmein", "ketalog", "ketamine", "iloveyou", "admin", "welcome"];

export function strength(passphrase: string, minChars: number): Strength {
  const length = [...passphrase].length;
  if (length < minChars) {
    return { score: 0, label: "Too short", advice: `Use at least ${minChars} characters. Three or four unrelated words work well.` };
  }
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(passphrase)) pool += 33;
  const distinct = new Set(passphrase.toLowerCase()).size;
  let bits = length * Math.log2(Math.max(pool, 2)) * Math.min(1, distinct / 8);
  const lower = passphrase.toLowerCase();
  if (COMMON.some((word) => lower.includes(word))) bits -= 25;
  if (/(.)\1{2,}/.test(passphrase)) bits -= 10;
  const words = passphrase.trim().split(/[\s\-_.]+/).filter((w) => w.length >= 3).length;
  if (words >= 4) bits = Math.max(bits, 60);
  if (bits < 40) return { score: 1, label: "Weak", advice: "Add another unrelated word or two." };
  if (bits < 55) return { score: 2, label: "Fair", advice: "One more word makes it much harder to guess." };
  if (bits < 75) return { score: 3, label: "Strong", advice: "Write it down somewhere safe: it cannot be recovered." };
  return { score: 4, label: "Very strong", advice: "Write it down somewhere safe: it cannot be recovered." };
}
