"""Main text of an HTML page: navigation, headers, footers, share widgets removed.

Parsing uses lxml. Elements that are page furniture by tag (script, nav, footer ...)
or by a class/id token (nav, menu, crumb, footer, share, qrcode ...) are dropped,
unless they hold most of the page's text (a wrapper misnamed ``header``). Block
elements become line breaks, then lines that match the boilerplate patterns
(``boilerplate.txt``) are removed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ingest.boilerplate import is_boilerplate
from ingest.readers.encoding import Decoded, decode_bytes, plausibility

logger = logging.getLogger(__name__)

_DROP_TAGS = frozenset(
    "script style noscript template iframe form nav footer aside select button input textarea svg object"
    " embed canvas map head link meta".split()
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol tr table tbody thead section article main header blockquote pre"
    " center dd dt dl address figure figcaption hr caption body html title".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_FURNITURE_RE = re.compile(
    r"(?:^|[\s_\-])(?:nav\w*|menu\w*|breadcrumbs?|crumbs?|bread|position|location|weizhi|dqwz|footer|foot|"
    r"bottom|copyright|banquan|share\w*|bdshare\w*|fenxiang|qrcode|ewm|erweima|sidebar|side|toolbar|topbar|"
    r"top|header|banner|search|login|related|pager|pagination|print|fontsize|font)(?=$|[\s_\-\d])",
    re.I,
)
_META_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.S)
_WS_RE = re.compile(r"[ \t\r\n\f\v]+")
# "标题 - 站点名" / "标题_站点名" / "标题|站点名": drop the site name after the last separator.
_TITLE_SUFFIX_RE = re.compile(r"(?:\s+[-–—|]\s+|_|\|)[^_|]{2,40}$")
#: An element holding more than this share of the page text is never dropped by class/id.
_WRAPPER_SHARE = 0.5

_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "big5": "big5"}


class HtmlParseError(ValueError):
    """lxml could not parse the document."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def decode_html(data: bytes) -> Decoded:
    """Decode HTML bytes: BOM, then a declared meta charset if it decodes plausibly, then detection."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _META_CHARSET_RE.search(data[:8192])
        if m:
            declared = m.group(1).decode("ascii").lower()
            codec = _CHARSET_ALIASES.get(declared, declared)
            try:
                text = data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                logger.debug("declared charset %s does not decode; detecting", declared)
            else:
                score = plausibility(text)
                if score >= 0.8:
                    return Decoded(text, declared, score)
    return decode_bytes(data)


def _text_len(el: etree._Element) -> int:
    return len("".join(el.itertext()))


def _is_furniture(el: etree._Element) -> bool:
    marker = f"{el.get('class', '')} {el.get('id', '')}".strip()
    return bool(marker) and _FURNITURE_RE.search(marker) is not None


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _render(root: etree._Element, out: list[str]) -> None:
    """Text of ``root`` with a newline around every block and a space before every cell, iteratively
    (a page nested 200,000 levels deep must not exhaust the interpreter's recursion limit)."""
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                out.append("\n")
            if el.tail:
                out.append(el.tail)
            continue
        if tag == "br" or tag in _BLOCK_TAGS:
            out.append("\n")
        elif tag in _CELL_TAGS:
            out.append(" ")
        if tag and el.text:
            out.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))


#: libxml2's HTML parser stops at 256 levels of nesting (2,048 with ``huge_tree``) and drops the rest
#: of the page without a word; deeper markup is flattened first (:func:`flatten_deep_markup`).
_PARSER = lxml.html.HTMLParser(huge_tree=True)
MAX_DEPTH = 1000
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


def flatten_deep_markup(html: str, max_depth: int = MAX_DEPTH) -> tuple[str, int]:
    """``html`` with the tags nested deeper than ``max_depth`` removed (their text kept), and how many
    were removed. Markup that deep is never a page's structure, and the parser would lose the text.

    >>> flatten_deep_markup("<div><div><div>深</div></div></div>后", max_depth=1)
    ('<div>深</div>后', 4)
    """
    out: list[str] = []
    kept: list[bool] = []  # for each open element: was its tag kept?
    depth = removed = last = 0
    for m in _TAG_RE.finditer(html):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID_TAGS or self_closing:
            continue
        if closing:
            if not kept:
                continue
            keep = kept.pop()
            depth -= keep
        else:
            keep = depth < max_depth
            kept.append(keep)
            depth += keep
        if not keep:
            out.append(html[last : m.start()])
            last = m.end()
            removed += 1
    if not removed:
        return html, 0
    out.append(html[last:])
    return "".join(out), removed


@dataclass(frozen=True)
class PageText:
    """Main text of a page, plus the boilerplate lines removed from it.

    The removed lines (bylines such as 发布时间/来源, counters, footers) are kept so
    that metadata extraction can still read their labelled fields.
    """

    text: str
    removed: list[str] = field(default_factory=list)


def extract_main_text(html: str) -> PageText:
    """Main text of ``html`` as lines (one paragraph a line)."""
    html = _XML_DECL_RE.sub("", html, count=1)
    html, flattened = flatten_deep_markup(html)
    if flattened:
        logger.warning("HTML nested deeper than %d levels: %d tags flattened, their text kept", MAX_DEPTH, flattened)
    try:
        root = lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise HtmlParseError(str(exc)) from exc
    title_el = root.find(".//title")
    page_title = " ".join(title_el.text_content().split()) if title_el is not None else ""

    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(el)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.tag.lower() in _DROP_TAGS:
            _drop(el)
    total = max(1, _text_len(root))
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag.lower() in ("html", "body") or el.getparent() is None:
            continue
        if _is_furniture(el) and _text_len(el) <= _WRAPPER_SHARE * total:
            _drop(el)

    has_heading = any(True for _ in root.iter("h1", "h2", "h3"))
    pieces: list[str] = []
    _render(root, pieces)
    lines: list[str] = []
    removed: list[str] = []
    for raw in "".join(pieces).split("\n"):
        line = _WS_RE.sub(" ", raw).strip(" \u00a0\u3000")
        if not line:
            continue
        if is_boilerplate(line):
            removed.append(line)
        else:
            lines.append(line)
    if page_title and not has_heading:
        # No heading in the body: the <title> (minus a site-name suffix) is the best title we have.
        title = _TITLE_SUFFIX_RE.sub("", page_title).strip()
        if title and not is_boilerplate(title) and not any(title in ln for ln in lines[:10]):
            lines.insert(0, title)
    return PageText("\n".join(lines), removed)
