import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// only what the console draws, so the Lambda bundle carries no unused chart types or the canvas renderer
echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

// single quotes: the SVG puts the family inside a double-quoted style attribute
const fontFamily = "'PingFang SC','Noto Sans CJK SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

export interface Bar {
  label: string;
  value: number | null;
  color?: string;
}

export interface BarChartSpec {
  bars: Bar[];
  /** Unit after each value label, e.g. 个 or %. */
  unit?: string;
  width?: number;
  height?: number;
  /** Categories down the side, for long Chinese names or many cities. */
  horizontal?: boolean;
  color?: string;
  /** The value axis' end, e.g. 100 for a percentage. */
  max?: number;
}

/** The console's one colour scheme in charts: the header's red for the figure, grey for a reference (e.g. 应报). */
export const chartColours = { primary: '#b91c1c', reference: '#9ca3af' } as const;

/**
 * A bar chart drawn on the server as SVG by Apache ECharts (no script reaches the browser). Every chart the console
 * shows sits beside a table with the same numbers, so the figure is an illustration and the table is the record.
 */
export function barChartSvg(spec: BarChartSpec): string {
  // labels stay flat: many or long category names go down the side instead of being rotated
  const longest = Math.max(0, ...spec.bars.map((b) => b.label.length));
  const horizontal = spec.horizontal ?? (spec.bars.length > 6 || longest * spec.bars.length > (spec.width ?? 720) / 14);
  const width = spec.width ?? 720;
  const height = spec.height ?? (horizontal ? Math.max(160, 40 + spec.bars.length * 28) : 320);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const categories = { type: 'category' as const, data: spec.bars.map((b) => b.label), axisLabel: { fontSize: 12, interval: 0, color: '#374151' }, inverse: horizontal };
  const values = { type: 'value' as const, minInterval: 1, axisLabel: { fontSize: 12, color: '#6b7280' }, ...(spec.max !== undefined ? { max: spec.max } : {}) };
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily },
      grid: { left: horizontal ? 8 : 12, right: horizontal ? 56 : 12, top: 28, bottom: 8 },
      xAxis: horizontal ? values : categories,
      yAxis: horizontal ? categories : values,
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data: spec.bars.map((b) => ({ value: b.value, itemStyle: { color: b.color ?? spec.color ?? chartColours.primary } })),
          label: {
            show: true,
            position: horizontal ? 'right' : 'top',
            fontSize: 12,
            formatter: (p: { value: unknown }) => (p.value === null || p.value === undefined ? '—' : `${formatNumber(Number(p.value))}${spec.unit ?? ''}`),
          },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function formatNumber(n: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}
