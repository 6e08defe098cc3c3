// Contact details as people in Shanghai write them, normalised for storage.

/** Mobile (11 digits starting 1[3-9]), landline with area code (021-12345678), 8-digit local, or 400/800 service numbers. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s\-()（）]/g, "").replace(/^\+?86/, "");
  if (/^1[3-9]\d{9}$/.test(compact)) return compact;
  if (/^0\d{2,3}\d{7,8}$/.test(compact)) return compact;
  if (/^\d{8}$/.test(compact)) return compact;
  if (/^[48]00\d{7}$/.test(compact)) return compact;
  // Landline with extension: 021-12345678-123 (written with "转" or "-")
  const ext = /^(0\d{2,3}\d{7,8})(?:转|ext)?(\d{1,5})$/i.exec(input.replace(/[\s()（）]/g, "").replace(/^\+?86/, "").replace(/-(?=\d{1,5}$)/, "转").replace(/-/g, ""));
  if (ext) return `${ext[1]}-${ext[2]}`;
  return null;
}

export function normalizeEmail(input: string): string | null {
  const value = input.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 254 ? value : null;
}
