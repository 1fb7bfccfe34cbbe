import { raw } from 'hono/html';
import type { BarChartSpec } from './charts.js';

/** The chart module's draw function, passed in so that ECharts stays a lazy chunk loaded by the pages that draw. */
export type Draw = (spec: BarChartSpec) => string;

// the wide drawing until its card is narrower than it (a 208-pixel menu beside the content), then the phone drawing
const chartStyles = '.chart .narrow{display:none}@media (max-width:1040px){.chart .wide{display:none}.chart .narrow{display:block}}';

/**
 * An ECharts SVG with its description for screen readers; the table beside it carries the same numbers. It is drawn
 * twice, at desktop and at phone width, and fills its card at either (never drawn larger than its card, so shrunk
 * below 12 px labels): `spec.width` is the narrowest card the wide drawing is shown in.
 */
export const Chart = ({ spec, label, draw }: { spec: BarChartSpec; label: string; draw: Draw }) => (
  <figure class="chart card" role="img" aria-label={label} style="margin:0 0 12px">
    <style>{raw(chartStyles)}</style>
    <div class="wide">{raw(draw({ ...spec, width: spec.width ?? 720 }))}</div>
    <div class="narrow">{raw(draw({ ...spec, width: 330, horizontal: spec.bars.length > 3 ? true : spec.horizontal }))}</div>
  </figure>
);
