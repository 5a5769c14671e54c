/* Herald: load the search index only when the reader starts to search.
   Material fetches search/search_index.json (which grows with the knowledge base) on every
   first page view; on a phone during an incident those bytes are better spent elsewhere.
   This holds that one request back until the search box is used, then lets it through. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var released = /[?&]q=/.test(location.search);
  function release() {
    if (released) { return; }
    released = true;
    for (var i = 0; i < held.length; i++) { send.apply(held[i][0], held[i][1]); }
    held = [];
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.heraldSearchIndex = /search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.heraldSearchIndex && !released) { held.push([this, arguments]); return; }
    return send.apply(this, arguments);
  };
  function inSearch(target) {
    return target && target.closest && target.closest(".md-search, label[for='__search']");
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) { release(); } }, true);
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) { release(); } }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" || event.key === "s" || event.key === "f" || inSearch(event.target)) { release(); }
  }, true);
})();
