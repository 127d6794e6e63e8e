const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const UNITS = ["KB", "MB", "GB", "TB"] as const;

/** 812 B, 14.2 KB, 3.4 MB (powers of 1024, fixed locale like the rest of the UI). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${oneDecimal.format(value)} ${UNITS[unit]}`;
}
