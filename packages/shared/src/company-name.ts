/**
 * The normalised company name behind the 撞单 rule (domain.md "No double claims"):
 * trimmed, full-width characters folded to half-width, inner whitespace removed; also case-folded so
 * "ABC科技" and "abc科技" are one company.
 */
export function normalizeCompanyName(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKC')) {
    const code = ch.charCodeAt(0);
    if (code === 0x3000) continue; // ideographic space
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else out += ch;
  }
  // Brackets: （） and () are the same in registered names.
  return out.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}
