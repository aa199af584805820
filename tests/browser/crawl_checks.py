"""What the crawl (test_crawl.py) runs in each page and at the end: the scripts that find links
and faults in the browser, the W3C Nu checker over every saved page, and the report."""

import json
import os
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = os.environ.get("ORIENTATION_JAVA", "java")


@dataclass(frozen=True)
class Finding:
    kind: str
    detail: str
    role: str
    url: str


# Every link, and each GET form as sent with its default values; the page's own content (main)
# before the menus, so that the cap per view keeps a trainee's own courses, not the catalogue's.
DISCOVER = """() => {
  const strip = (u) => { const x = new URL(u, location.href); x.hash = ''; return x.href; };
  const inMain = (el) => el.closest('main') ? 0 : 1;
  const links = [...document.querySelectorAll('a[href]')]
    .sort((a, b) => inMain(a) - inMain(b))
    .filter(a => !a.hasAttribute('download')).map(a => strip(a.href));
  const forms = [...document.forms]
    .sort((a, b) => inMain(a) - inMain(b))
    .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'get')
    .map(f => {
      const data = new FormData(f);
      const button = f.querySelector('button[name], input[type=submit][name]');
      if (button) data.append(button.name, button.value);
      const target = new URL(f.action || location.href);
      target.search = new URLSearchParams(data).toString();
      return strip(target.href);
    });
  const icon = document.querySelector('link[rel~="icon"]');
  return [...links, ...forms, icon ? strip(icon.href) : location.origin + '/favicon.ico'];
}"""

# A person scrolls down and every lazy picture loads: load them all before measuring the page.
LOAD_PICTURES = """async () => {
  const pictures = [...document.images];
  pictures.forEach(img => { img.loading = 'eager'; });
  await Promise.all(pictures.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener('load', done); img.addEventListener('error', done);
  })));
}"""

# A template that prints a Python value into an attribute (value="None").
PYTHON_VALUES = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (['None', 'True', 'False'].includes(a.value.trim())) {
        found.push(`${el.localName}${el.id ? '#' + el.id : ''}[${a.name}="${a.value}"]`);
      }
    }
  }
  return found;
}"""

# The element reaching furthest right; of several, the narrowest (the one to fix).
WIDEST = """(limit) => {
  let best = null;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right <= limit + 0.5 || r.width === 0) continue;
    if (!best || r.right > best.right + 0.5 || (Math.abs(r.right - best.right) <= 0.5
        && r.width < best.width)) best = {el, right: r.right, width: r.width};
  }
  if (!best) return 'no element (a margin or a transform?)';
  const el = best.el, cls = [...el.classList].map(c => '.' + c).join('');
  const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  return `<${el.localName}${el.id ? '#' + el.id : ''}${cls}> ` +
    `${Math.round(best.width)}px wide, right edge ${Math.round(best.right)}px "${text}"`;
}"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.impact} ${v.id}: ${v.help} at ` +
      v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') +
      (v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''));
}"""


def validate(saved, findings):
    """The W3C Nu checker, once for every saved page (the JVM starts slowly)."""
    where = {path.resolve().as_uri(): (role, url) for path, role, url in saved}
    done = subprocess.run([JAVA, "-jar", str(VNU), "--format", "json", "--errors-only",
                           *(str(path) for path, _, _ in saved)],
                          capture_output=True, text=True, timeout=600)
    # JSON on stderr, perhaps after a note of the JVM's (JAVA_TOOL_OPTIONS and the like).
    output = done.stderr[done.stderr.find("{"):] if "{" in done.stderr else "{}"
    messages = json.loads(output).get("messages", [])
    for message in messages:
        role, url = where.get(message.get("url", "").replace("file:/", "file:///", 1),
                              ("?", message.get("url")))
        line = message.get("lastLine", "?")
        findings.append(Finding("html", f"{message['message']} (line {line})", role, url))
    assert done.returncode in (0, 1) and (messages or done.returncode == 0), done.stderr[-2000:]


def report(findings, base, limit=8):
    """Findings grouped by what failed, each with the roles and pages where it did."""
    groups = defaultdict(list)
    for f in findings:
        groups[(f.kind, f.detail)].append(f"{f.role} {f.url}".replace(base, ""))
    lines = []
    for (kind, detail), places in sorted(groups.items()):
        lines.append(f"[{kind}] {detail}")
        lines += [f"    {place}" for place in places[:limit]]
        if len(places) > limit:
            lines.append(f"    ... and {len(places) - limit} more")
    return "\n".join(lines)
