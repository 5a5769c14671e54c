// Herald's "Is this really us?" page: the channel checker of generator/content/channel_check.py, ported line by
// line, applied to the rules the page embeds (generator/content/channel_rules.py makes them); and a pasted
// signed statement checked with the vendored OpenPGP.js against the site's own key, pinned by its fingerprint.
// tests/site/test_verify_parity.py runs this file in node on the same cases as the Python: keep them in step.

const HIDDEN = /[\p{Cc}\p{Cf}]/u;
const HIDDEN_ALL = /[\p{Cc}\p{Cf}]/gu;
const LEADING = "<([{\"'“‘«";
const TRAILING = ">)]}\"'”’».,;:!?。，；：！？";
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const MAILTO = /^mailto:/i;
const EMAIL = /^[^@/\s]+@[^@/\s]+$/;
const PORT = /:[0-9]*$/;
const NAME_SPLIT = /[\s.,]+/u;
const MAX_NAME = 80;
const RANK = { impostor: 0, not_ours: 1, official: 2 };

function candidate(kind, value, platform, host, tricks, shown, cased) {
  return { kind, value, platform: platform || "", host: host || "", tricks: tricks || [], shown: shown || "",
           cased: cased || "" };
}

function lower(text) { return text.toLowerCase(); }

export function normalName(text, isLower = true) {
  return (isLower ? lower(text) : text).split(NAME_SPLIT).filter((part) => part).join(" ");
}

function trim(text) {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && LEADING.includes(chars[start])) start += 1;
  while (end > start && (TRAILING.includes(chars[end - 1]) || (chars[end - 1] === "/" && end - 1 > start))) end -= 1;
  return chars.slice(start, end).join("");
}

function host(authority, isLower = true) {
  let out = (isLower ? lower(authority) : authority).replace(PORT, "");
  while (out.endsWith(".")) out = out.slice(0, -1);
  return lower(out.slice(0, 4)) === "www." ? out.slice(4) : out;
}

function platformHandle(hostName, path, rules) {
  const platform = rules.platforms[hostName];
  let segments = path.split(/[/?#]/).filter((s) => s);
  if (platform === undefined || segments.length === 0) return null;
  if (hostName === "discord.com") {
    if (segments.length < 2 || lower(segments[0]) !== "invite") return null;
    segments = segments.slice(1);
  }
  return [platform, segments[0].replace(/^@+/, "")];
}

export function parseCandidate(raw, rules) {
  let text = raw.trim();
  const tricks = HIDDEN.test(text) ? ["hidden"] : [];
  text = trim(text.replace(HIDDEN_ALL, "").trim());
  if (text.startsWith("@") && !text.slice(1).includes("@") && !text.includes("/")) {
    return candidate("handle", lower(text.slice(1)), "", "", tricks, text, text.slice(1));
  }
  const afterMailto = text.replace(MAILTO, "");
  const scheme = afterMailto.match(SCHEME);
  const rest = scheme ? afterMailto.slice(scheme[0].length) : afterMailto;
  if (!scheme && EMAIL.test(rest)) {
    const at = rest.lastIndexOf("@");
    const cased = host(rest.slice(at + 1), false);
    return candidate("email", `${lower(rest.slice(0, at))}@${lower(cased)}`, "", lower(cased), tricks, text, rest);
  }
  const cuts = ["/", "?", "#", "\\"].map((c) => rest.indexOf(c)).filter((i) => i >= 0);
  const cut = cuts.length ? Math.min(...cuts) : rest.length;
  let authority = rest.slice(0, cut);
  const path = rest.slice(cut);
  if (authority.includes("@")) {
    tricks.push("at");
    authority = authority.slice(authority.lastIndexOf("@") + 1);
  }
  const cased = host(authority, false);
  const hostName = lower(cased);
  const handle = platformHandle(hostName, path, rules);
  if (handle !== null) return candidate("handle", lower(handle[1]), handle[0], hostName, tricks, text, handle[1]);
  if (hostName.includes(".")) return candidate("domain", hostName, "", hostName, tricks, text, cased);
  return candidate("name", normalName(text), "", "", tricks, text, normalName(text, false));
}

export function candidates(text, rules) {
  const trimmed = text.replace(HIDDEN_ALL, "").trim();
  if (!trimmed) return [];
  if (!/\s/u.test(trimmed)) return [parseCandidate(text, rules)];
  const found = Array.from(text.matchAll(new RegExp(rules.extract, "gu")), (m) => parseCandidate(m[0], rules));
  if (found.length) return found;
  const name = candidate("name", normalName(trimmed), "", "", [], trimmed, normalName(trimmed, false));
  return Array.from(trimmed).length <= MAX_NAME ? [name] : [];
}

function isAscii(text) { return /^[\x00-\x7f]*$/.test(text); }

export function skeleton(text, rules) {
  const table = rules.confusables;
  let out = Array.from(text.normalize("NFKC"), (ch) => table[ch] ?? ch).join("");
  for (const [seen, meant] of rules.case_lookalikes) out = out.split(seen).join(meant);
  out = Array.from(lower(out), (ch) => table[ch] ?? ch).join("");
  for (const [seen, meant] of rules.ascii_lookalikes) out = out.split(seen).join(meant);
  return out;
}

export function distance(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  x.forEach((ca, i) => {
    const current = [i + 1];
    y.forEach((cb, j) => {
      current.push(Math.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca !== cb ? 1 : 0)));
    });
    previous = current;
  });
  return previous[previous.length - 1];
}

function verdict(kind, reason, c, entry, extra = {}) {
  const params = { value: c.shown || c.value, ...extra };
  if (entry) {
    params.official = entry.shown;
    params.label = entry.label;
    if ("notice" in entry) { params.notice = entry.notice; params.url = entry.url; }
  }
  return { verdict: kind, reason, kind: c.kind, shown: c.shown, params };
}

function on(hostName, domain) { return hostName === domain || hostName.endsWith(`.${domain}`); }

function samePlatform(a, b) { return !a || !b || a === b; }

function near(seen, target, rules) {
  return Array.from(target).length >= rules.min_length_for_distance && distance(seen, target) <= rules.max_distance;
}

function resembling(c, value, entries, rules) {
  const seen = skeleton(value, rules);
  const lowered = lower(value);
  for (const e of entries) {
    const target = skeleton(e.value, rules);
    if (seen === target || (!isAscii(value) && (on(seen, target) || near(seen, target, rules)))) {
      return verdict("not_ours", "lookalike", c, e);
    }
  }
  for (const e of entries) {
    if (c.kind === "domain" && lowered.startsWith(`${e.value}.`)) return verdict("not_ours", "extra_words", c, e);
  }
  const base = (s) => (s.includes(".") ? s.slice(0, s.lastIndexOf(".")) : s);
  for (const e of entries) {
    if (c.kind === "domain" && base(lowered) === base(e.value)) return verdict("not_ours", "other_tld", c, e);
  }
  for (const e of entries) {
    const target = skeleton(e.value, rules);
    if (near(seen, target, rules)) {
      return verdict("not_ours", "near_miss", c, e, { distance: String(distance(seen, target)) });
    }
  }
  const brand = rules.brands.find((b) => seen.includes(b));
  if (brand !== undefined) return verdict("not_ours", "uses_name", c, entries.length ? entries[0] : null, { brand });
  if (!isAscii(value)) return verdict("not_ours", "lookalike_letters", c);
  return verdict("not_ours", "not_ours", c);
}

function checkDomain(c, rules) {
  const h = c.host;
  const impostor = rules.impostors.find((e) => e.kind === "domain" && on(h, e.value));
  if (impostor) return verdict("impostor", "impostor", c, impostor);
  if (c.tricks.includes("at")) return verdict("not_ours", "at_trick", c, null, { host: h });
  if (c.tricks.includes("hidden")) return verdict("not_ours", "hidden", c);
  let official = null;
  for (const e of rules.official) {
    if (e.kind === "domain" && on(h, e.value) && isAscii(h) && (official === null || e.value.length > official.value.length)) {
      official = e;
    }
  }
  if (official) return verdict("official", "official", c, official);
  if (h.includes("xn--")) return verdict("not_ours", "punycode", c);
  return resembling(c, c.cased, rules.official.filter((e) => e.kind === "domain"), rules);
}

function checkHandle(c, rules) {
  const matches = (e) => e.kind === "handle" && e.value === c.value && samePlatform(e.platform, c.platform);
  const impostor = rules.impostors.find(matches);
  if (impostor) return verdict("impostor", "impostor", c, impostor);
  if (c.tricks.includes("hidden")) return verdict("not_ours", "hidden", c);
  const official = rules.official.find(matches);
  if (official) return verdict("official", "official", c, official);
  return resembling(c, c.cased, rules.official.filter((e) => e.kind === "handle"), rules);
}

function checkEmail(c, rules) {
  const impostor = rules.impostors.find((e) => (e.kind === "email" && e.value === c.value)
                                               || (e.kind === "domain" && on(c.host, e.value)));
  if (impostor) return verdict("impostor", "impostor", c, impostor);
  if (c.tricks.includes("hidden")) return verdict("not_ours", "hidden", c);
  const official = rules.official.find((e) => e.kind === "email" && e.value === c.value);
  if (official) return verdict("official", "official", c, official);
  const cased = c.cased.slice(c.cased.lastIndexOf("@") + 1);
  const domain = checkDomain(candidate("domain", c.host, "", c.host, [], cased, cased), rules);
  if (domain.verdict === "official") return verdict("not_ours", "unlisted_address", c, null, { host: c.host });
  return { verdict: domain.verdict, reason: domain.reason, kind: "email", shown: c.shown,
           params: { ...domain.params, value: c.shown } };
}

function checkName(c, rules) {
  if (c.tricks.includes("hidden")) return verdict("not_ours", "hidden", c);
  const official = rules.official.find((e) => e.kind === "name" && e.value === c.value);
  if (official) return verdict("official", "official", c, official);
  return resembling(c, c.cased, rules.official.filter((e) => e.kind === "name"), rules);
}

export function checkCandidate(c, rules) {
  const check = { domain: checkDomain, handle: checkHandle, email: checkEmail }[c.kind] || checkName;
  return check(c, rules);
}

export function checkText(text, rules) {
  const items = candidates(text, rules).map((c) => checkCandidate(c, rules));
  if (!items.length) {
    const shown = Array.from(text.trim()).slice(0, MAX_NAME).join("");
    return { verdict: "not_ours", items: [{ verdict: "not_ours", reason: "nothing", kind: "", shown, params: {} }] };
  }
  const worst = items.map((i) => i.verdict).sort((a, b) => RANK[a] - RANK[b])[0];
  return { verdict: worst, items };
}

export function describe(item, texts) {
  return texts[`reason.${item.reason}`].replace(/\{([a-z_]+)\}/g, (m, name) => item.params[name] ?? m);
}

// ---- the page ----

const MARKS = { official: "✓", impostor: "✕", not_ours: "⚠" };

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showChannelResult(data, text) {
  const section = document.getElementById("herald-verify-result");
  const list = section.querySelector("ul");
  const report = checkText(text, data.rules);
  list.replaceChildren();
  for (const item of report.items) {
    const li = element("li", `herald-verify__item herald-verify__item--${item.verdict}`);
    li.dataset.verdict = item.verdict;
    const head = element("p", "herald-verify__verdict");
    head.append(element("span", "herald-icon", MARKS[item.verdict]), " ",
                element("strong", "", data.texts[`verdict.${item.verdict}`]));
    if (item.shown) head.append(" ", element("code", "", item.shown));
    li.append(head, element("p", "herald-verify__reason", describe(item, data.texts)));
    if (item.verdict === "impostor" && item.params.url) {
      const link = element("a", "", data.texts.read_warning);
      link.href = item.params.url;
      const paragraph = element("p");
      paragraph.append(link);
      li.append(paragraph);
    }
    list.append(li);
  }
  if (report.verdict !== "official") list.append(element("li", "herald-verify__never", data.texts.never_first));
  section.dataset.verdict = report.verdict;
  section.hidden = false;
}

async function showSignedResult(data, armored) {
  const out = document.getElementById("herald-signed-result");
  const say = (key, state, time) => {
    out.textContent = data.texts[key].replace("{time}", time || "");
    out.dataset.state = state;
    out.className = `herald-verify__signed-result herald-verify__signed-result--${state}`;
    out.hidden = false;
  };
  try {
    const openpgp = await import(`./${data.openpgp}`);
    const keyText = await (await fetch(data.key)).text();
    const key = await openpgp.readKey({ armoredKey: keyText });
    if (key.getFingerprint().toUpperCase() !== data.fingerprint) { say("signed_bad", "bad"); return; }
    let message;
    try {
      message = await openpgp.readCleartextMessage({ cleartextMessage: armored.trim() });
    } catch (error) { say("signed_unreadable", "unreadable"); return; }
    const result = await openpgp.verify({ message, verificationKeys: key, expectSigned: false });
    const signature = result.signatures[0];
    try {
      await signature.verified;
      const made = (await signature.signature).packets[0].created;
      const time = new Intl.DateTimeFormat(data.lang, { dateStyle: "medium", timeStyle: "short",
                                                        timeZone: data.zone }).format(made);
      say("signed_ok", "ok", time);
    } catch (error) { say("signed_bad", "bad"); }
  } catch (error) { say("signed_unreadable", "unreadable"); }
}

function start() {
  const holder = document.getElementById("herald-verify-data");
  if (!holder) return;
  const data = JSON.parse(holder.textContent);
  const form = document.getElementById("herald-verify-form");
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    showChannelResult(data, document.getElementById("herald-verify-input").value);
  });
  const signed = document.getElementById("herald-signed-form");
  if (signed && data.fingerprint) {
    signed.hidden = false;
    signed.addEventListener("submit", (event) => {
      event.preventDefault();
      showSignedResult(data, document.getElementById("herald-signed-input").value);
    });
  }
}

if (typeof document !== "undefined") start();
