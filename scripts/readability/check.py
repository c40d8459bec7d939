"""Scores the plain language of every public page of a running Backbone, in English and Spanish.

Walks the public pages of one initiative as a person who has not signed in (from its home page,
following its own links), reads each page's main text as a reader sees it, and scores it:
Flesch–Kincaid grade for English (at most --max-grade, 8 by default) and Fernández Huerta for
Spanish (at least --min-huerta, 70 by default: "fairly easy", the equivalent of grade 8).

The text of a page is what is inside <main>, without scripts, styles, pictures and form fields;
every heading, paragraph, list item, table cell, label and button is a sentence of its own (a
label is read as one, and a reading-ease formula would otherwise run a whole menu into a single
sentence). Numbers, dates and codes are not words, and names are not prose: text marked
`translate="no"` (names of organisations, people and programs, which a reader does not decode
and a translator leaves alone) is not scored. A page with fewer than --min-words words is
too short to score and is counted as passing.

Prints one line per page and language, then "N passed, N failed"; exits 1 when any failed.
"""

import argparse
import html.parser
import re
import sys
import urllib.parse
import urllib.request

import textstat

BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "label", "button",
    "caption", "figcaption", "blockquote", "summary", "legend", "option", "div", "section",
    "article", "header", "tr", "br", "a",
}
VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}
SKIP = {"script", "style", "svg", "canvas", "noscript", "select", "textarea", "template"}


class MainText(html.parser.HTMLParser):
    """The text inside <main>, one sentence per block, and the links it has."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.skip = 0
        self.stack = []
        self.parts = []
        self.current = []
        self.links = []

    def flush(self):
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.parts.append(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if not self.in_main:
            return
        if tag in BLOCKS:
            self.flush()
        if tag in VOID:
            return
        skipped = tag in SKIP or attrs.get("translate") == "no"
        self.stack.append((tag, skipped))
        if skipped:
            self.skip += 1

    def handle_endtag(self, tag):
        if not self.in_main:
            return
        # Close up to the matching open element (HTML lets some end tags be left out).
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skip -= 1
            if open_tag == tag:
                break
        if tag in BLOCKS or tag == "main":
            self.flush()
        if tag == "main":
            self.in_main -= 1

    def handle_data(self, data):
        if self.in_main and not self.skip:
            self.current.append(data)


WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def sentences(parts):
    """Each block as a sentence, ending in a full stop unless it already ends one; parts with no
    word at all (numbers, dates, codes) are left out."""
    out = []
    for p in parts:
        words = WORD.findall(p)
        if not words:
            continue
        # Keep only words and sentence punctuation: figures ("41%", "2025-26") are not words.
        text = " ".join(words)
        inner = re.split(r"(?<=[.!?¿¡:;])\s+", p)
        if len(inner) > 1:
            text = " ".join(" ".join(WORD.findall(s)) + "." for s in inner if WORD.findall(s))
        else:
            text += "."
        out.append(text)
    return " ".join(out)


def fetch(url, lang):
    req = urllib.request.Request(url, headers={"Accept-Language": lang, "Cookie": f"backbone_lang={lang}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        if "text/html" not in r.headers.get("Content-Type", ""):
            return None
        return r.read().decode("utf-8")


def crawl(base, slug, limit):
    """The public pages of the initiative: its home page and every page its pages link to, as a
    person who has not signed in reaches them (English, to follow links)."""
    start = f"/i/{slug}"
    seen, queue, pages = {start}, [start], []
    while queue and len(pages) < limit:
        path = queue.pop(0)
        try:
            body = fetch(base + path, "en")
        except urllib.error.HTTPError:
            continue  # a page the public may not open
        if body is None:
            continue
        pages.append(path)
        p = MainText()
        p.feed(body)
        for href in p.links:
            u = urllib.parse.urlsplit(urllib.parse.urljoin(base + path, href))
            if u.netloc != urllib.parse.urlsplit(base).netloc:
                continue
            target = u.path
            if not target.startswith(start) or target.endswith((".csv", ".json", ".ics", ".atom", ".png")):
                continue
            if "/api/" in target or u.query and "notice=" in u.query:
                continue
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return pages


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", help="the server, e.g. http://127.0.0.1:8080")
    ap.add_argument("--slug", default="riverbend-cradle-to-career")
    ap.add_argument("--max-grade", type=float, default=8.0)
    ap.add_argument("--min-huerta", type=float, default=70.0)
    ap.add_argument("--min-words", type=int, default=30)
    ap.add_argument("--limit", type=int, default=400, help="at most this many pages")
    args = ap.parse_args()

    pages = crawl(args.base, args.slug, args.limit)
    if not pages:
        print("error: no public page found", file=sys.stderr)
        return 1
    passed = failed = 0
    for path in pages:
        for lang in ("en", "es"):
            body = fetch(args.base + path, lang)
            p = MainText()
            p.feed(body)
            p.flush()
            text = sentences(p.parts)
            words = len(WORD.findall(text))
            textstat.set_lang(lang)
            if lang == "en":
                score = textstat.flesch_kincaid_grade(text)
                ok = words < args.min_words or score <= args.max_grade
                label = f"Flesch-Kincaid grade {score:5.1f} (at most {args.max_grade:g})"
            else:
                score = textstat.fernandez_huerta(text)
                ok = words < args.min_words or score >= args.min_huerta
                label = f"Fernández Huerta     {score:5.1f} (at least {args.min_huerta:g})"
            if words < args.min_words:
                label += f", {words} words: too short to score"
            print(f"{'ok  ' if ok else 'FAIL'} {lang} {path}: {label}, {words} words")
            if ok:
                passed += 1
            else:
                failed += 1
    print(f"readability: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
