/* Herald: show each <time data-herald-local> in the reader's own time zone as well.
   Without JavaScript the page shows times in the site's zone with their UTC offset. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var label = lang.indexOf("zh") === 0 ? "本地时间" : "your time";
  var format;
  try {
    format = new Intl.DateTimeFormat(lang, {
      year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
  } catch (e) { return; }
  var nodes = document.querySelectorAll("time[data-herald-local]");
  for (var i = 0; i < nodes.length; i++) {
    var when = new Date(nodes[i].getAttribute("datetime"));
    if (isNaN(when.getTime())) { continue; }
    var shown = nodes[i].getAttribute("datetime").slice(19);
    var offset = -when.getTimezoneOffset();
    var mine = (offset >= 0 ? "+" : "-") + ("0" + Math.floor(Math.abs(offset) / 60)).slice(-2) + ":" +
      ("0" + Math.abs(offset) % 60).slice(-2);
    if (shown === mine || (shown === "Z" && offset === 0)) { continue; }  /* reader is in the site's zone */
    var local = document.createElement("span");
    local.className = "herald-localtime";
    local.textContent = " (" + label + ": " + format.format(when) + ")";
    nodes[i].insertAdjacentElement("afterend", local);
  }
})();
