/** A synthetic division list in CSV: districts × streets × residents' committees, with codes as published. */
export function syntheticCityCsv(city: string, shape: { districts: number; streets: number; communities: number }): string {
  const lines = ['code,name'];
  for (let d = 1; d <= shape.districts; d++) {
    const county = `${city}${String(d).padStart(2, '0')}`;
    lines.push(`${county},第${d}区`);
    for (let s = 1; s <= shape.streets; s++) {
      const street = `${county}${String(s).padStart(3, '0')}`;
      lines.push(`${street},第${d}区第${s}街道`);
      for (let v = 1; v <= shape.communities; v++) lines.push(`${street}${String(v).padStart(3, '0')},第${d}-${s}-${v}社区居委会`);
    }
  }
  return `${lines.join('\n')}\n`;
}
