"""The HTML report's inline style and script.

The page's Content-Security-Policy allows exactly these two, by their hashes, so they
are constants: any change here changes the hashes `html.py` computes.
"""

from __future__ import annotations

STYLE = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; }
body { font: 16px/1.6 system-ui, sans-serif; color: var(--ink); margin: 0 auto;
  max-width: 60rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
code { font-size: .9em; word-break: break-all; }
.meta { color: var(--muted); margin: .25rem 0; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; list-style: none; padding: 0; }
.label { display: inline-block; border-radius: .3rem; padding: 0 .35rem; margin-left: .2rem;
  font-size: .8em; font-weight: 600; color: #fff; white-space: nowrap; }
.v-supported .label, .label.v-supported { background: #1a6b32; }
.v-disputed .label, .label.v-disputed { background: #a8001d; }
.v-unverified .label, .label.v-unverified { background: #6b5200; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid #ddd; }
.filters { border: 1px solid #ccc; border-radius: .4rem; margin: 1rem 0; }
.filters label { margin-right: 1rem; white-space: nowrap; }
.article { white-space: pre-wrap; overflow-wrap: break-word; }
details.claim { display: inline; }
/* Closed, the content box would still break the line after the claim. */
details.claim:not([open])::details-content { display: none; }
details.claim[open]::details-content { display: inline; }
details.claim > summary { display: inline; cursor: pointer; list-style: none;
  border-radius: .2rem; padding: 0 .1rem; }
details.claim > summary::-webkit-details-marker { display: none; }
details.claim > summary:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.v-supported > summary, .mark.v-supported { background: #dcf3e1; border-bottom: 2px solid #1a6b32; }
.v-disputed > summary, .mark.v-disputed { background: #ffe0e0; border-bottom: 3px double #a8001d; }
.v-unverified > summary, .mark.v-unverified { background: #fff3c4;
  border-bottom: 2px dashed #6b5200; }
/* A mark without words: its number and label never part at a line end. */
details.claim > summary.badge { white-space: nowrap; }
details.claim:target > summary { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.disputed-list li { margin: .3rem 0; }
.disputed-list .why { color: var(--muted); }
.num { font-size: .75em; vertical-align: super; color: var(--muted); }
.detail { display: block; white-space: normal; margin: .4rem 0 .8rem; padding: .6rem .9rem;
  border-left: 4px solid #888; background: #f6f6f6; }
.v-supported > .detail { border-left-color: #1a6b32; }
.v-disputed > .detail { border-left-color: #a8001d; }
.v-unverified > .detail { border-left-color: #6b5200; }
.detail p { margin: 0 0 .4rem; }
.detail ul { margin: .2rem 0; padding-left: 1.2rem; }
.filtered > summary, .mark.filtered { background: none; border-bottom: none; cursor: text; }
.filtered > summary .label, .filtered > summary .num, .filtered > .detail { display: none; }
.card.filtered { display: none; }
"""

SCRIPT = """
(function () {
  var filters = document.getElementById("filters");
  if (!filters) { return; }
  filters.hidden = false;
  function apply() {
    var boxes = filters.querySelectorAll("input[data-verdict]");
    for (var i = 0; i < boxes.length; i++) {
      var verdict = boxes[i].getAttribute("data-verdict");
      var claims = document.querySelectorAll(
        "[data-verdict='" + verdict + "'].claim, [data-verdict='" + verdict + "'].mark");
      for (var j = 0; j < claims.length; j++) {
        var off = !boxes[i].checked;
        claims[j].classList.toggle("filtered", off);
        if (off) { claims[j].open = false; }
        var summary = claims[j].querySelector("summary");
        if (summary) {
          if (off) {
            summary.setAttribute("tabindex", "-1");
            summary.setAttribute("aria-disabled", "true");
          } else {
            summary.removeAttribute("tabindex");
            summary.removeAttribute("aria-disabled");
          }
        }
      }
    }
  }
  filters.addEventListener("change", apply);
  // A link to a claim (the list of disputed claims, or an address ending in #claim-...)
  // opens the claim it points to.
  function openClaim(id) {
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS" && !target.classList.contains("filtered")) {
      target.open = true;
    }
  }
  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest(".filtered > summary");
    if (summary) { event.preventDefault(); }
    var link = event.target.closest && event.target.closest("a[href^='#claim-']");
    if (link) { openClaim(link.getAttribute("href").slice(1)); }
  });
  apply();
  window.addEventListener("hashchange", function () { openClaim(location.hash.slice(1)); });
  openClaim(location.hash.slice(1));
})();
"""
