/* Herald: on status pages, load Material's script only when something needs it.
   A status page reads and works without it (the drawer is a checkbox, links are links); the script adds
   search, so it is fetched the first time the reader turns to the search box, and that first search runs.
   The theme's own script tags sit inert in <template id="herald-material-scripts">, so the loader takes the
   bundle's name from whichever builder wrote the page (Material's or Zensical's, any version). */
(function () {
  "use strict";
  var holder = document.getElementById("herald-material-scripts");
  var bundle = holder && holder.content && holder.content.querySelector("script[src*='javascripts/bundle.']");
  var source = bundle && bundle.getAttribute("src");
  var loaded = false;
  var ready = false;
  var button = null;  /* Zensical's search opens from a button: a click before its script came is replayed */
  document.documentElement.classList.remove("no-js");  /* what Material's script would do first: search shows */
  function load() {
    if (loaded || !source) { return; }
    loaded = true;
    var script = document.createElement("script");
    script.src = source;
    script.onload = function () { ready = true; if (button) { button.click(); } };
    document.body.appendChild(script);
  }
  function inSearch(target) {
    return target && target.closest && target.closest(".md-search, label[for='__search']");
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) { load(); } }, true);
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) { load(); } }, true);
  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest && event.target.closest(".md-search__button");
    if (target && !ready) { button = target; load(); }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" || event.key === "s" || event.key === "f" || inSearch(event.target)) { load(); }
  }, true);
  if (/[?&]q=/.test(location.search)) { load(); }
})();
