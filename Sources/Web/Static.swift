// The stylesheet and the one small script of the screens, served from memory.

enum Static {
    static let css = #"""
:root { --fg:#1d2733; --muted:#5d6b7a; --line:#d5dce4; --bg:#f5f7fa; --accent:#0b5cad; --warn:#fff3c4; --warn-line:#e0b100; --danger:#b3261e; --ok:#1e7b34; }
* { box-sizing: border-box; }
html, body { margin:0; padding:0; }
body { font: 14px/1.4 "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #ffb000; outline-offset: 1px; }
header.top { display:flex; align-items:center; gap:16px; padding:6px 14px; background:#0b3d6e; color:#fff; height:40px; }
header.top a { color:#fff; text-decoration:none; }
header.top .brand { font-weight:700; }
header.top nav a { padding:6px 10px; border-radius:4px; }
header.top nav a.active, header.top nav a:hover { background:rgba(255,255,255,.18); }
header.top .account { margin-left:auto; display:flex; gap:12px; align-items:center; font-size:13px; }
button.link { background:none; border:0; color:#fff; cursor:pointer; font:inherit; text-decoration:underline; padding:0; }
form.inline { display:inline; margin:0; }
main { padding:10px 14px; }
h1 { font-size:18px; margin:4px 0 10px; }
h2 { font-size:15px; margin:14px 0 6px; }
.muted { color: var(--muted); }
.notice { padding:6px 10px; border-radius:4px; margin:6px 0; }
.notice.ok { background:#e3f4e6; border:1px solid #9bd3a6; }
.notice.error { background:#fde8e6; border:1px solid #f0a39c; color:#7a1610; }
.notice.warn { background:var(--warn); border:1px solid var(--warn-line); }
table { border-collapse:collapse; width:100%; background:#fff; }
th, td { border:1px solid var(--line); padding:4px 6px; text-align:left; vertical-align:top; }
th { background:#e9eef4; font-weight:600; }
tr.row:hover, tr.row.selected { background:#eaf2fc; }
tr.row.selected { outline:2px solid var(--accent); }
.tabs { display:flex; gap:4px; border-bottom:2px solid var(--accent); margin-bottom:8px; }
.tabs a { padding:6px 12px; border:1px solid var(--line); border-bottom:0; border-radius:4px 4px 0 0; background:#fff; text-decoration:none; }
.tabs a.active { background:var(--accent); color:#fff; border-color:var(--accent); }
.badge { display:inline-block; padding:0 6px; border-radius:3px; font-size:12px; font-weight:600; }
.badge.urgent { background:#fde8e6; color:var(--danger); border:1px solid var(--danger); }
.badge.dup { background:var(--warn); border:1px solid var(--warn-line); }
.badge.doubt { background:#eef; border:1px solid #99c; }
button, .button { font:inherit; padding:5px 12px; border-radius:4px; border:1px solid #7f8c99; background:#fff; cursor:pointer; text-decoration:none; color:var(--fg); display:inline-block; }
button.primary { background:var(--accent); color:#fff; border-color:var(--accent); }
button.danger { color:var(--danger); border-color:var(--danger); }
input[type=text], input[type=password], input[type=date], input[type=search], select, textarea { font:inherit; padding:4px 6px; border:1px solid #9aa7b4; border-radius:3px; width:100%; background:#fff; }
textarea { resize:vertical; }
.login { max-width:360px; margin:60px auto; background:#fff; padding:20px; border:1px solid var(--line); border-radius:6px; }
.login label, .stack label { display:block; margin:8px 0 2px; font-weight:600; }
.searchform { display:grid; grid-template-columns: 2fr 1fr 1.5fr 1fr 1fr 1fr 1fr auto; gap:6px; align-items:end; margin-bottom:8px; }
.searchform label { font-size:12px; color:var(--muted); display:block; }
.snippet { color:var(--muted); font-size:12px; }
.doc { display:grid; grid-template-columns: minmax(0, 55fr) minmax(0, 45fr); gap:12px; height: calc(100vh - 40px - 20px - 36px); }
.doc-title { display:flex; gap:10px; align-items:center; height:30px; margin-bottom:6px; }
.doc-title h1 { margin:0; }
.viewer { display:flex; flex-direction:column; min-height:0; background:#fff; border:1px solid var(--line); }
.viewer .toolbar { display:flex; gap:6px; align-items:center; padding:4px 6px; border-bottom:1px solid var(--line); }
.viewer .scroll { overflow:auto; flex:1; background:#8d98a5; padding:8px; }
.pagebox { position:relative; margin:0 auto; width:100%; box-shadow:0 1px 4px rgba(0,0,0,.4); background:#fff; }
.pagebox img { display:block; width:100%; height:auto; }
.fieldbox { position:absolute; border:3px solid #ff8800; background:rgba(255,170,0,.18); pointer-events:none; display:none; }
.fields { overflow:auto; min-height:0; padding-right:4px; }
.field { display:grid; grid-template-columns: 130px 1fr 56px; gap:6px; align-items:start; padding:3px 4px; border-radius:4px; }
.field label { font-weight:600; padding-top:4px; font-size:13px; }
.field.doubtful { background:var(--warn); border-left:4px solid var(--warn-line); }
.field .conf { font-size:12px; text-align:right; padding-top:5px; color:var(--muted); }
.field .conf.low { color:var(--danger); font-weight:700; }
.field .read { grid-column: 2 / 4; font-size:12px; color:var(--muted); }
.actions { display:flex; gap:8px; padding:8px 0; position:sticky; bottom:0; background:var(--bg); }
.history td { font-size:12px; }
.assign { background:#fff; border:1px solid var(--line); padding:8px; border-radius:4px; margin-top:8px; }
.assign .grid { display:grid; grid-template-columns: 1fr 1fr; gap:6px; }
kbd { border:1px solid #aab; border-bottom-width:2px; border-radius:3px; padding:0 3px; font-size:11px; background:#fff; }
.register-head { text-align:center; }
.register-head h1 { font-size:16px; text-transform:uppercase; }
table.register th { text-align:center; font-size:12px; }
table.register td { font-size:12px; }
.noprint { }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { background:#fff; font: 11pt "Times New Roman", serif; }
  header.top, .noprint, form { display:none !important; }
  main { padding:0; }
  table.register th, table.register td { font-size:10pt; border:1px solid #000; padding:2px 4px; }
  table.register thead { display: table-header-group; }
  table.register tr { page-break-inside: avoid; }
}
"""#

    static let js = #"""
// intake: keyboard shortcuts, queue row selection, page viewer (zoom, page switch, field boxes).
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
    if (e.key === "/" && !typing) { var s = document.querySelector("input[name=q]"); if (s) { e.preventDefault(); s.focus(); } else { location.href = "/search"; } }
    if (!typing) {
      var rows = Array.prototype.slice.call(document.querySelectorAll("tr.row"));
      if (rows.length && (e.key === "j" || e.key === "k" || e.key === "Enter")) {
        var i = rows.findIndex(function (r) { return r.classList.contains("selected"); });
        if (e.key === "Enter") { if (i >= 0) { var a = rows[i].querySelector("a"); if (a) { location.href = a.href; } } return; }
        if (i >= 0) rows[i].classList.remove("selected");
        i = e.key === "j" ? Math.min(rows.length - 1, i + 1) : Math.max(0, i - 1);
        rows[i].classList.add("selected"); rows[i].scrollIntoView({ block: "nearest" });
      }
    }
    if (e.ctrlKey && e.key === "Enter") { var c = document.getElementById("confirm"); if (c) { e.preventDefault(); c.click(); } }
  });

  var printButton = document.getElementById("print");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });
  var viewer = document.querySelector(".viewer");
  if (!viewer) return;
  var img = viewer.querySelector("img"), box = viewer.querySelector(".fieldbox"), pagebox = viewer.querySelector(".pagebox");
  var label = viewer.querySelector(".pageno"), zoomLabel = viewer.querySelector(".zoom");
  var pages = JSON.parse(viewer.getAttribute("data-pages")), current = 1, zoom = 1;
  function show(n) {
    if (n < 1 || n > pages.length) return;
    current = n; img.src = pages[n - 1].url; label.textContent = n + "/" + pages.length; box.style.display = "none";
  }
  function setZoom(z) { zoom = Math.max(0.5, Math.min(3, z)); pagebox.style.width = (zoom * 100) + "%"; zoomLabel.textContent = Math.round(zoom * 100) + "%"; }
  viewer.querySelector(".prev").addEventListener("click", function () { show(current - 1); });
  viewer.querySelector(".next").addEventListener("click", function () { show(current + 1); });
  viewer.querySelector(".zin").addEventListener("click", function () { setZoom(zoom + 0.25); });
  viewer.querySelector(".zout").addEventListener("click", function () { setZoom(zoom - 0.25); });
  document.addEventListener("keydown", function (e) {
    if (e.altKey && e.key === "PageDown") { e.preventDefault(); show(current + 1); }
    if (e.altKey && e.key === "PageUp") { e.preventDefault(); show(current - 1); }
    if (e.altKey && (e.key === "+" || e.key === "=")) { e.preventDefault(); setZoom(zoom + 0.25); }
    if (e.altKey && e.key === "-") { e.preventDefault(); setZoom(zoom - 0.25); }
  });
  // A focused field shows where it was read: its box, on its page.
  Array.prototype.forEach.call(document.querySelectorAll("[data-box]"), function (el) {
    el.addEventListener("focus", function () {
      var b = el.getAttribute("data-box").split(",").map(Number), page = Number(el.getAttribute("data-page") || 1);
      if (page !== current) show(page);
      box.style.left = b[0] + "%"; box.style.top = b[1] + "%"; box.style.width = b[2] + "%"; box.style.height = b[3] + "%";
      box.style.display = "block";
      var scroll = viewer.querySelector(".scroll");
      var y = pagebox.offsetHeight * b[1] / 100 - 60; scroll.scrollTop = Math.max(0, y);
    });
    el.addEventListener("blur", function () { box.style.display = "none"; });
  });
})();
"""#
}
