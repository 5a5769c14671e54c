// Runs the /verify/ page's checker (generator/site/scripts/verify.mjs) in node: reads {rules, cases} as JSON on
// standard input, prints each case's report as JSON (tests/site/test_verify_parity.py compares it with Python's).
import { checkText, describe } from "../../generator/site/scripts/verify.mjs";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { rules, texts, cases } = JSON.parse(input);
  const out = cases.map((text) => {
    const report = checkText(text, rules);
    return { verdict: report.verdict,
             items: report.items.map((i) => [i.verdict, i.reason, i.kind, i.shown, describe(i, texts)]) };
  });
  process.stdout.write(JSON.stringify(out));
});
