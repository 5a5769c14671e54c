/* Herald: on status pages, load Material's script only when something needs it.
   A status page reads and works without it (the drawer is a checkbox, links are links); the script adds
   search, so it is fetched the first time the reader turns to the search box, and that first search runs. */
(function () {
  "use strict";
  var me = document.currentScript;
  var source = me && me.getAttribute("data-bundle");
  var loaded = false;
  document.documentElement.classList.remove("no-js");  /* what Material's script would do first: search shows */
  function load() {
    if (loaded || !source) { return; }
    loaded = true;
    var script = document.createElement("script");
    script.src = source;
    document.body.appendChild(script);
  }
  function inSearch(target) {
    return target && target.closest && target.closest(".md-search, label[for='__search']");
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) { load(); } }, true);
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) { load(); } }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" || event.key === "s" || event.key === "f" || inSearch(event.target)) { load(); }
  }, true);
  if (/[?&]q=/.test(location.search)) { load(); }
})();
