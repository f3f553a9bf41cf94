// 申办月份 choices: this month and the eleven before it, in China Standard Time as the API counts months.
export function recentMonths(count = 12): string[] {
  const now = new Date(Date.now() + 8 * 3600 * 1000);
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  return months;
}

export function when(timestamp: string): string {
  return new Date(timestamp).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

/** Today (YYYY-MM-DD) in China Standard Time, the calendar the API dates a 差评's follow-up deadline in. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
