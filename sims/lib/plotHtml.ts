/** Renders figures as a standalone HTML page with plotly.js-dist-min inlined, so it opens from disk without a server. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Figure } from '../../src/experiments/figure.js';

const require = createRequire(import.meta.url);

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Renders the page's HTML. The figure JSON is embedded with `<` escaped so no data can close the script tag. */
export function figuresToHtml(title: string, figures: Figure[]): string {
  const plotly = readFileSync(require.resolve('plotly.js-dist-min'), 'utf8');
  const json = JSON.stringify(figures).replace(/</g, '\\u003c');
  const divs = figures.map((_, i) => `<div id="fig${i}" class="fig"></div>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:1100px;padding:0 1rem}.fig{height:460px;margin-bottom:1.5rem}</style>
<script>${plotly}</script></head>
<body><h1>${escapeHtml(title)}</h1>
${divs}
<script>
const figures = ${json};
figures.forEach((f, i) => Plotly.newPlot('fig' + i, f.data, f.layout, { responsive: true }));
</script></body></html>
`;
}
