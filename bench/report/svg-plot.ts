// The detection-latency plot, written by hand as SVG (no plotting dependency): median latency per
// tool against N, log-scale y axis (our engine is milliseconds, polling tools are seconds), with
// p95 as a thin whisker.
import type { DetectionResult } from "../scenarios/detection-latency.ts";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function detectionLatencySvg(detection: DetectionResult, caption: string): string {
  const width = 760;
  const height = 440;
  const margin = { left: 70, right: 210, top: 40, bottom: 60 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sizes = [...new Set(detection.rows.map((r) => r.n))].sort((a, b) => a - b);
  const tools = [...new Set(detection.rows.map((r) => r.tool))];
  const values = detection.rows.flatMap((r) => [r.latencyMs.median, r.latencyMs.p95]).filter((v): v is number => v !== null);
  // Log scale needs positive values: sub-millisecond latencies are drawn at 1 ms.
  const floor = 1;
  const minExp = Math.floor(Math.log10(Math.max(floor, Math.min(...values, 10))));
  const maxExp = Math.ceil(Math.log10(Math.max(floor * 10, ...values)));
  const y = (ms: number) => margin.top + plotH - ((Math.log10(Math.max(floor, ms)) - minExp) / (maxExp - minExp)) * plotH;
  const x = (n: number) => margin.left + (sizes.length === 1 ? plotW / 2 : (sizes.indexOf(n) / (sizes.length - 1)) * plotW);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${margin.left}" y="22" font-size="15" font-weight="bold">Detection latency after the last pod is Ready (median, p95 whisker)</text>`);
  for (let e = minExp; e <= maxExp; e++) {
    const yy = y(10 ** e);
    const label = 10 ** e >= 1000 ? `${10 ** e / 1000} s` : `${10 ** e} ms`;
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${yy}" y2="${yy}" stroke="#ddd"/><text x="${margin.left - 8}" y="${yy + 4}" text-anchor="end">${label}</text>`,
    );
  }
  parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#333"/>`);
  for (const n of sizes) parts.push(`<text x="${x(n)}" y="${margin.top + plotH + 20}" text-anchor="middle">N = ${n}</text>`);
  parts.push(`<text x="${margin.left + plotW / 2}" y="${height - 15}" text-anchor="middle">Deployments rolled out at once (2 replicas each)</text>`);
  parts.push(`<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">latency (log scale)</text>`);
  tools.forEach((tool, i) => {
    const color = COLORS[i % COLORS.length];
    const points = sizes.map((n) => detection.rows.find((r) => r.tool === tool && r.n === n)).filter((r) => r && r.latencyMs.median !== null);
    const offset = (i - (tools.length - 1) / 2) * 4; // keeps whiskers of different tools apart
    if (points.length > 1)
      parts.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((r) => `${x(r!.n) + offset},${y(r!.latencyMs.median!)}`).join(" ")}"/>`,
      );
    for (const r of points) {
      parts.push(`<circle cx="${x(r!.n) + offset}" cy="${y(r!.latencyMs.median!)}" r="4" fill="${color}"/>`);
      if (r!.latencyMs.p95 !== null)
        parts.push(`<line x1="${x(r!.n) + offset}" x2="${x(r!.n) + offset}" y1="${y(r!.latencyMs.median!)}" y2="${y(r!.latencyMs.p95)}" stroke="${color}"/>`);
    }
    const ly = margin.top + 10 + i * 20;
    parts.push(
      `<line x1="${margin.left + plotW + 20}" x2="${margin.left + plotW + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/><text x="${margin.left + plotW + 46}" y="${ly + 4}">${escape(tool)}</text>`,
    );
  });
  parts.push(`<text x="${margin.left}" y="${height - 2}" font-size="10" fill="#666">${escape(caption)}</text>`);
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
