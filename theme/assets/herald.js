/* Herald: offer the reader's own time where it differs from the site's, compactly.
   Every time is printed once, in the site's zone with its offset; that is all a page needs without
   JavaScript. Here each <time data-herald-local> gets the reader's time as its hover/focus title, and the
   few marked data-herald-local="line" (the latest update) get it as a small line of their own. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var words = document.querySelector('meta[name="herald-your-time"]');
  var label = words ? words.getAttribute("content") : "your time";
  var colon = words ? words.getAttribute("data-colon") : ": ";
  var format;
  try {
    format = new Intl.DateTimeFormat(lang, {
      month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
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
    var text = label + colon + format.format(when);
    nodes[i].setAttribute("title", text);
    if (nodes[i].getAttribute("data-herald-local") === "line") {
      var local = document.createElement("span");
      local.className = "herald-localtime herald-localtime--line";
      local.textContent = text;
      nodes[i].insertAdjacentElement("afterend", local);
    }
  }
})();

/* Copy buttons beside on-chain addresses and transactions. Without JavaScript the button stays hidden and
   the address is plain selectable text; with it, one press copies the whole value, so nobody retypes it. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-herald-copy]");
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function copied(button) {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-herald-copied");
    setTimeout(function () { button.textContent = label; }, 2000);
  }
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function (event) {
      var button = event.currentTarget;
      var value = button.getAttribute("data-herald-copy");
      var code = button.parentNode.querySelector("code");
      if (code) { select(code); }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(value).then(function () { copied(button); }, function () {});
      } else if (document.execCommand && document.execCommand("copy")) {
        copied(button);
      }
    });
  }
})();
