// Print CSS of the HTML rendition: A4, 2 cm margins, Times New Roman 12 pt, ITU heading indents,
// new pages before annexes, appendices and the bibliography. Presentation only: every number,
// label and sentence is real text in the markup, never CSS-generated content.

export const ITU_HTML_CSS = `
@page { size: A4; margin: 2cm; }
html { background: #fff; color: #000; }
body { font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 12pt;
  line-height: 1.25; max-width: 17cm; margin: 0 auto; padding: 0 0 2cm;
  overflow-wrap: anywhere; word-break: normal; }
@media screen { body { padding: 2cm; } }
p { margin: 6pt 0 0; }
h1, h2, h3, h4, h5, h6 { font-size: 12pt; font-weight: bold; margin: 12pt 0 0;
  break-after: avoid; page-break-after: avoid; }
.clause-heading { padding-left: 1.4cm; text-indent: -1.4cm; }
.clause-heading .num { display: inline-block; min-width: 1.4cm; text-indent: 0; }
.tab { display: inline-block; min-width: 1em; white-space: pre; }
.lead { display: inline-block; text-indent: 0; }
.entry { padding-left: 4cm; text-indent: -4cm; }
.entry .lead { min-width: 4cm; }
.abbreviation { padding-left: 3cm; text-indent: -3cm; }
.abbreviation .lead { min-width: 3cm; }
.term .lead { min-width: 1.4cm; }
.list-item { padding-left: 1.4cm; text-indent: -1.4cm; }
.list-item .lead { min-width: 1.4cm; }
.list-item.depth-2 { margin-left: 1.4cm; }
.list-item.depth-3 { margin-left: 2.8cm; }
.cover { text-align: left; margin-bottom: 2cm; break-after: page; page-break-after: always; }
.cover .sector { font-size: 28pt; font-weight: bold; margin: 0; }
.cover .number { font-size: 24pt; font-weight: bold; }
.cover .date, .cover .sector-name { font-size: 12pt; }
.cover .series, .cover .title { font-weight: bold; font-size: 14pt; margin-top: 18pt; }
.td-header { border-collapse: collapse; width: 100%; margin-bottom: 18pt; }
.td-header th, .td-header td { text-align: left; vertical-align: top; padding: 2pt 4pt;
  border-top: 1px solid #000; border-bottom: 1px solid #000; }
.rec-no { font-size: 14pt; font-weight: bold; margin: 0; }
.rec-title { font-size: 14pt; font-weight: bold; text-align: center; margin: 18pt 0 12pt; }
.front-heading { margin-top: 12pt; }
.annex-title { font-size: 14pt; text-align: center; margin-top: 24pt;
  break-before: page; page-break-before: always; }
.obligation { text-align: center; }
.note, .note p { font-size: 11pt; }
.caption { text-align: center; font-weight: bold; }
.caption-table { margin-top: 12pt; break-after: avoid; page-break-after: avoid; }
.caption-figure { margin-bottom: 12pt; }
table.itu-table { border-collapse: collapse; margin: 6pt auto; font-size: 11pt; }
table.itu-table th, table.itu-table td { border: 1px solid #000; padding: 2pt 4pt;
  vertical-align: top; }
figure { margin: 12pt 0 0; text-align: center; }
figure img { max-width: 100%; }
.figure-alt { border: 1px dashed #555; padding: 12pt; font-style: italic; }
pre.code { font-family: "Courier New", monospace; font-size: 10pt; white-space: pre-wrap;
  border: 1px solid #999; padding: 4pt; }
.requirement-id { font-weight: bold; }
.notice { font-style: italic; border-left: 3pt solid #888; padding-left: 6pt; }
.policy { border: 1.5pt solid #8a5a00; background: #fff3d6; padding: 2pt 8pt 8pt;
  margin: 8pt 0; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.policy-label { font-weight: bold; color: #5c3b00; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { margin: 3pt 0 0; }
.toc .l2 { padding-left: 1.4cm; }
.toc .l3 { padding-left: 2.8cm; }
.toc a { color: inherit; text-decoration: none; }
.core-start { break-before: page; page-break-before: always; }
`;
