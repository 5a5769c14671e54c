/* Herald's addition to Decap CMS: a new incident and its first update in one form, saved together.
 *
 * Decap writes one file per entry. The new-incident form holds the first update's fields in `first_update`;
 * the `herald-first-update` widget turns them into the update file (incidents/<id>/<time>.md) and attaches it
 * to the entry as a draft file, so it is committed on the same branch as incident.md and reviewed and
 * published with it. Before saving, `first_update` is taken out of incident.md's front matter.
 * Runs after vendor/decap-cms.js, which provides window.CMS, window.h and window.createClass.
 */
(function () {
  "use strict";
  var CMS = window.CMS, h = window.h, createClass = window.createClass;
  if (!CMS || !h || !createClass) { return; }
  var FIELDS = ["first_update", "first_update_file"];

  function text(value) { return value === undefined || value === null ? "" : String(value); }

  function stemOf(at) {  // 2026-11-20T11:45:00+08:00 -> 2026-11-20T1145, as herald update names it
    var match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(text(at));
    return match ? match[1] + "T" + match[2] + match[3] : "";
  }

  function scalar(value) {  // JSON strings are valid YAML; plain words and times stay plain
    var s = text(value);
    return /^[A-Za-z0-9_:+.-]+$/.test(s) && !/^(true|false|yes|no|on|off|null|~)$/i.test(s) ? s : JSON.stringify(s);
  }

  function updateText(first) {
    var lines = ["---", "at: " + scalar(first.get("at")), "status: " + scalar(first.get("status"))];
    var components = first.get("components");
    var chosen = components ? components.filter(function (v) { return text(v) !== ""; }) : null;
    if (chosen && chosen.size) {
      lines.push("components:");
      chosen.forEach(function (status, id) { lines.push("  " + scalar(id) + ": " + scalar(status)); });
    }
    if (text(first.get("next_update"))) { lines.push("next_update: " + scalar(first.get("next_update"))); }
    lines.push("---");
    return lines.join("\n") + "\n" + text(first.get("body")).trim() + "\n";
  }

  var active = null;  // the mounted first-update widget, if any

  var FirstUpdate = createClass({
    componentDidMount: function () {  // a widget is not told of other fields' changes: look every 300 ms
      active = this;
      this.timer = setInterval(this.sync, 300);
    },
    componentWillUnmount: function () {
      clearInterval(this.timer);
      if (active === this) { active = null; }
    },
    wanted: function () {  // the update file as the fields are now, or "" while they are incomplete
      var first = this.props.getEntry().getIn(["data", "first_update"]);
      if (!first || !stemOf(first.get("at")) || !text(first.get("status")) || !text(first.get("body")).trim()) {
        return "";
      }
      return updateText(first);
    },
    busy: function () { return this.inflight || (this.wanted() && this.wanted() !== this.sent); },
    sync: function () {
      var content = this.wanted();
      if (!content || content === this.sent || this.inflight) { return this.inflight || Promise.resolve(); }
      var first = this.props.getEntry().getIn(["data", "first_update"]);
      this.stem = this.stem || stemOf(first.get("at"));  // the name stays once chosen: no stale copy is left
      this.sent = content;
      var file = new File([content], this.stem + ".md", { type: "text/markdown" });
      var ask = window.confirm, self = this;
      window.confirm = function () { return true; };  // "replace the earlier version of this file?" - yes
      try {
        this.inflight = Promise.resolve(this.props.onPersistMedia(file, { field: this.props.field }));
      } finally { window.confirm = ask; }
      this.inflight.then(function () { self.inflight = null; self.forceUpdate(); },
                         function () { self.inflight = null; self.sent = null; });
      return this.inflight;
    },
    render: function () {
      var field = this.props.field;  // its words come from Herald's catalogs, through config.yml
      var message = this.stem ? text(field.get("herald_saved")).replace("{file}", this.stem.toLowerCase() + ".md")
        : text(field.get("herald_pending"));
      return h("p", { id: this.props.forID, className: this.props.classNameWrapper }, message);
    }
  });

  // A click on Save (or any button) while the update file is behind the form waits until it is attached.
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("button") : null;
    if (!active || !button || button === active.replaying || !active.busy()) { return; }
    event.preventDefault();
    event.stopPropagation();
    var widget = active, tries = 0;
    (function settle() {
      widget.sync().then(function () {
        tries += 1;
        if (widget.busy() && tries < 5) { settle(); return; }
        widget.replaying = button;
        button.click();
        widget.replaying = null;
      });
    }());
  }, true);

  CMS.registerWidget("herald-first-update", FirstUpdate);
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      FIELDS.forEach(function (name) { data = data.delete(name); });
      return data;
    }
  });
}());
