import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, writeWorkbook } from '../../shared/xlsx/workbook.js';
import { crc32 } from '../../shared/xlsx/zip.js';

describe('the xlsx writer (shared/xlsx, instead of exceljs in the bundle)', () => {
  it('computes zip CRC-32 and A1 column names', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('writes sheets Excel readers open: strings, numbers, gaps, a bold frozen header, widths, the creator', async () => {
    const wide = Array.from({ length: 30 }, (_, i) => `列${i}`);
    const body = await writeWorkbook(
      [
        { name: '全省汇总', header: true, widths: [12, 40], rows: [['指标代码', '指标名称', '值'], ['a&b<c>"d"', ' 前后空格 ', 1.5], ['x\u0001y', null, -3], ['', 'line\nbreak', 0]] },
        { name: '汇总', rows: [['项目', '数值'], ['应报城市数', 21]] },
        { name: 'wide', rows: [wide] },
      ],
      { creator: '省民政厅 社区建设管理系统' },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body.buffer);
    expect(workbook.creator).toBe('省民政厅 社区建设管理系统');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['全省汇总', '汇总', 'wide']);
    const sheet = workbook.getWorksheet('全省汇总')!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).values).toEqual([undefined, '指标代码', '指标名称', '值']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'a&b<c>"d"', ' 前后空格 ', 1.5]);
    expect(sheet.getRow(3).values).toEqual([undefined, 'xy', undefined, -3]);
    expect(sheet.getRow(4).getCell(2).value).toBe('line\nbreak');
    expect(sheet.getRow(4).getCell(3).value).toBe(0);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(12);
    expect(sheet.getColumn(2).width).toBe(40);
    expect(workbook.getWorksheet('汇总')!.getRow(2).values).toEqual([undefined, '应报城市数', 21]);
    expect((workbook.getWorksheet('wide')!.getRow(1).values as unknown[]).slice(1)).toEqual(wide);
    expect(workbook.getWorksheet('wide')!.getRow(1).getCell('AD').value).toBe('列29');
  });

  it('refuses what Excel would refuse', async () => {
    await expect(writeWorkbook([])).rejects.toThrow(/at least one sheet/);
    await expect(writeWorkbook([{ name: 'a/b', rows: [] }])).rejects.toThrow(/invalid sheet name/);
    await expect(writeWorkbook([{ name: 'x'.repeat(32), rows: [] }])).rejects.toThrow(/invalid sheet name/);
  });
});
