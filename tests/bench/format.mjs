// How the bench shows its figures: times, sizes, ratios, and the tables (plain text for the
// terminal, markdown for README).
export const KB = 1024;

export function ms(v) {
  if (v == null || Number.isNaN(v)) return '—';
  if (v < 1) return `${(v * 1000).toFixed(v < 0.01 ? 2 : 1)} µs`;
  if (v < 10) return `${v.toFixed(2)} ms`;
  if (v < 100) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(0)} ms`;
}
export const bytes = (n) => (n >= KB ? `${(n / KB).toFixed(1)} KB` : `${n} B`);
export const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
export const ratio = (r) => (r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`);
export const int = (n) => n.toLocaleString('en-US');

/** align: one letter a column, l or r; by default the first column left, the others right. */
const defaultAlign = (headers) => headers.map((_, i) => (i === 0 ? 'l' : 'r')).join('');

export function table(headers, rows, align = defaultAlign(headers)) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (align[i] === 'r' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdown(headers, rows, align = defaultAlign(headers)) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [`| ${headers.map(esc).join(' | ')} |`, `|${headers.map((_, i) => (align[i] === 'r' ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}
