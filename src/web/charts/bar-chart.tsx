/** One bar: its label, the number that sets its length, and the exact text shown at its end. */
export interface Bar {
  label: string;
  value: number;
  display: string;
}

export interface BarChartProps {
  /** Unique in the page: prefixes the ids of <title> and <desc>. */
  id: string;
  title: string;
  /** What the chart shows, in words (read by screen readers); the data table after it has the figures. */
  description: string;
  bars: Bar[];
  /** The value of a full-length bar; the largest value by default. */
  max?: number;
}

// Geometry in SVG user units; the chart scales with the page width (viewBox, width 100%).
const WIDTH = 640;
const LABEL_SIZE = 16;
const BAR_HEIGHT = 22;
const ROW = 58;
const TOP = 6;
const VALUE_ROOM = 110;
const MAX_LABEL = 64;

// Colours from the site's palette, all at least 4.5:1 on white (bars: 7.6:1; text: 16:1).
const INK = "#1b1b1f";
const BAR = "#0b5d4b";
const TRACK = "#f3f1ec";
const AXIS = "#4a4a55";

function shorten(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1).trimEnd()}…` : label;
}

/**
 * A horizontal bar chart written as plain SVG on the server: no script, no style attribute
 * (the CSP forbids them), colours as presentation attributes. It is an image with a title and a
 * description (role="img"); the page puts the same figures in a table right after it.
 * Each label sits above its bar, so long option names stay readable on a narrow phone.
 */
export function BarChart({ id, title, description, bars, max }: BarChartProps) {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 0);
  const span = WIDTH - VALUE_ROOM;
  const height = TOP + bars.length * ROW + 4;
  return (
    <figure class="chart">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {bars.map((bar, i) => {
          const y = TOP + i * ROW;
          const length = top > 0 ? Math.max(0, (bar.value / top) * span) : 0;
          const barY = y + LABEL_SIZE + 8;
          return (
            <g>
              <text x="0" y={y + LABEL_SIZE} font-size={LABEL_SIZE} fill={INK}>
                {shorten(bar.label)}
              </text>
              <rect x="0" y={barY} width={span} height={BAR_HEIGHT} fill={TRACK} />
              <rect x="0" y={barY} width={length.toFixed(2)} height={BAR_HEIGHT} fill={BAR} />
              <text
                x={(length + 8).toFixed(2)}
                y={barY + BAR_HEIGHT - 6}
                font-size={LABEL_SIZE}
                font-weight="600"
                fill={INK}
              >
                {bar.display}
              </text>
            </g>
          );
        })}
        <line x1="0.5" y1={TOP} x2="0.5" y2={height - 4} stroke={AXIS} stroke-width="1" />
      </svg>
    </figure>
  );
}
