// check.mjs parses a Mermaid chart with the real Mermaid parser and exits
// non-zero if the chart does not parse or is not of the expected type
// (--type, default gantt). It is run by the cmd/plan and graph tests on the
// output of `plan schedule --format mermaid` and `plan --format mermaid`.
//
//   npm ci --prefix testdata/mermaid        # once
//   node testdata/mermaid/check.mjs chart.mmd
//   plan schedule --team 2 --format mermaid DIR | node testdata/mermaid/check.mjs
//   plan --format mermaid DIR | node testdata/mermaid/check.mjs --type flowchart
//   node testdata/mermaid/check.mjs --tasks chart.mmd   # also print the gantt
//     tasks as Mermaid reads them, one JSON object a line: section, id,
//     start, end (ISO dates; end exclusive, after Mermaid's excludes)
//
// Mermaid needs a DOM (for DOMPurify and its renderer set-up) even to
// parse, so a jsdom window stands in for the browser.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const name of ["Element", "HTMLElement", "Node", "DocumentFragment", "DOMParser", "XMLSerializer"]) {
  if (!(name in globalThis)) globalThis[name] = dom.window[name];
}
const createDOMPurify = (await import("dompurify")).default;
globalThis.DOMPurify = createDOMPurify(dom.window);

const { default: mermaid } = await import("mermaid");

const args = process.argv.slice(2);
let want = "gantt";
let tasks = false;
if (args[0] === "--tasks") {
  tasks = true;
  args.splice(0, 1);
}
if (args[0] === "--type") {
  want = args[1];
  args.splice(0, 2);
}
const file = args[0];
const text = readFileSync(file && file !== "-" ? file : 0, "utf8");

try {
  mermaid.initialize({ startOnLoad: false });
  const result = await mermaid.parse(text);
  // A flowchart parses as "flowchart-v2" (or "flowchart" with the old renderer).
  const type = result && result.diagramType;
  if (!type || (type !== want && !type.startsWith(want + "-"))) {
    console.error(`check.mjs: expected a ${want} chart, got ${type}`);
    process.exit(1);
  }
  if (tasks) {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    for (const t of diagram.db.getTasks()) {
      const end = t.renderEndTime || t.endTime;
      console.log(JSON.stringify({ section: t.section, id: t.id, start: t.startTime.toISOString(), end: end.toISOString() }));
    }
  }
  console.log(`ok ${result.diagramType}`);
} catch (err) {
  console.error(`check.mjs: parse error: ${err && err.message ? err.message : err}`);
  process.exit(1);
}
