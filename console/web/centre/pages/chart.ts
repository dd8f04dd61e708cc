/**
 * Bar charts for the centre's indicators (Chart.js, bundled — no CDN): only the parts a bar chart needs are
 * registered, so the bundle carries no line, pie or radar code. Every chart stands beside a table with the same
 * numbers (the table is what a screen reader and a printout read).
 *
 *   barChart('Навантаження суддів', ['Петренко О. І.'], [{ label: 'Зважене навантаження', data: [12.5] }]);
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title, Tooltip } from 'chart.js';
import { h } from '../../lib/dom.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip);

export interface Series {
  label: string;
  data: Array<number | null>;
  /** Which y axis: 'y' (left) or 'y2' (right). */
  axis?: 'y' | 'y2';
}

const COLORS = ['#0b4f9c', '#c05a00', '#176b2c', '#7a2e8e'];

/** A <figure> with the chart's canvas; the chart is drawn once the canvas is in the page. */
export function barChart(title: string, labels: string[], series: Series[], axes: { y: string; y2?: string } = { y: '' }): HTMLElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title} (дані — у таблиці нижче)` });
  const figure = h('figure', { class: 'chart-figure' }, h('div', { class: 'chart' }, canvas));
  const draw = () => {
    // the canvas must be in the document to have a size
    if (!canvas.isConnected) return void requestAnimationFrame(draw);
    new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: COLORS[i % COLORS.length], yAxisID: s.axis ?? 'y' })) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: 'uk-UA',
        plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
        scales: {
          y: { beginAtZero: true, position: 'left', title: { display: Boolean(axes.y), text: axes.y } },
          ...(axes.y2 ? { y2: { beginAtZero: true, position: 'right' as const, grid: { drawOnChartArea: false }, title: { display: true, text: axes.y2 } } } : {}),
        },
      },
    });
    canvas.dataset.drawn = 'true';
  };
  requestAnimationFrame(draw);
  return figure;
}
