"""Reads an article file (scraped text or saved HTML) into metadata and clean body paragraphs."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from datetime import date as Date
from pathlib import Path
from typing import Any

from .boilerplate import chrome_kind, find_story, is_byline, is_sentence, is_timestamp, norm_key, trim_block, words
from .lexicon import MONTHS
from .model import Document, KnowledgeError, Paragraph

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}

# Trafilatura settings, chosen by measurement over the dev pages (see README "Input formats"):
# recall keeps every body paragraph (precision mode drops some short ones), and our own
# boilerplate filter then removes the few link and credit lines recall lets through.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "favor_recall": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
    "with_metadata": True,
}

_MAGIC = {
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a zip archive (or an office document)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
}
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|article[\s>])", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)

# Spaces that are not plain spaces, and characters that are invisible in print.
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")

# A first line that carries the article's date as a label: "date 2025-02-19", "Published: 2025-02-19".
_DATE_PREFIX = re.compile(r"^(?:date|published|posted|updated)\s*:?\s*(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
# A news agency dateline opening the story: "WASHINGTON (Reuters) -", "LONDON, March 3 (AP) —".
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]*(?:,\s*\w+\.? \d{1,2})?\s*\(([A-Z][\w.&' ]{1,40})\)\s*[-—–]")
_DMY = re.compile(r"\b(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def read_source(path: Path) -> tuple[str, bool]:
    """Return ``(content, is_html)`` for the article file at ``path``.

    Decodes UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, the
    charset an HTML page declares, and falls back to Windows-1252 for legacy pages. Raises
    KnowledgeError with a one-line message for a missing path, a directory, an unreadable,
    empty, binary or oversized file.
    """
    path = Path(path)
    if not path.exists():
        raise KnowledgeError(f"{path}: no such file")
    if path.is_dir():
        raise KnowledgeError(f"{path}: is a directory, not an article file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise KnowledgeError(
                f"{path}: too large to be an article ({size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB)"
            )
        raw = path.read_bytes()
    except OSError as error:
        raise KnowledgeError(f"{path}: cannot read ({error.strerror or error})") from None
    if not raw.strip():
        raise KnowledgeError(f"{path}: the file is empty")
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            raise KnowledgeError(f"{path}: this is {kind}, not an article")
    text = _decode(raw, path)
    if not text.strip():
        raise KnowledgeError(f"{path}: the file is empty")
    is_html = path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text)
    return text, is_html


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _check_text(raw.decode("utf-16"), path)
        except UnicodeDecodeError:
            raise KnowledgeError(f"{path}: cannot decode the text (broken UTF-16)") from None
    if b"\x00" in raw:
        raise KnowledgeError(f"{path}: this is a binary file, not an article")
    try:
        return _check_text(raw.decode("utf-8-sig"), path)
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(raw[:4096])
    if declared:
        try:
            return _check_text(raw.decode(declared.group(1).decode("ascii")), path)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    log.info("%s is not UTF-8; read it as Windows-1252", path)
    return _check_text(text, path)


def _check_text(text: str, path: Path) -> str:
    """Return ``text``, or raise KnowledgeError when control characters say it is binary data."""
    sample = text[:200_000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f\v")
    if controls > max(8, len(sample) // 100):
        raise KnowledgeError(f"{path}: this is a binary file, not an article")
    return text


def looks_like_html(content: str) -> bool:
    """Return whether ``content`` is an HTML page rather than plain text."""
    return bool(_HTML_SNIFF.search(content[:4096]))


def normalize_text(text: str) -> str:
    """Return ``text`` with Unicode composed, odd spaces made plain, invisible characters removed,
    and runs of spaces collapsed (newlines kept). Applied alike to text and HTML input."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def split_blocks(text: str) -> list[tuple[int, str]]:
    """Return the paragraphs of plain ``text`` as ``(source_index, text)`` pairs.

    Paragraphs are separated by blank lines when most line breaks between text lines are
    blank lines, otherwise by single newlines; ``source_index`` counts the non-empty blocks.
    Inside a blank-line block, lines that each end like a sentence are separate paragraphs;
    other lines are hard wraps and are joined with a space.
    """
    text = normalize_text(text)
    lines = text.split("\n")
    blank_breaks = len(re.findall(r"\S\n(?:[ \t]*\n)+\s*\S", text))
    direct_breaks = len(re.findall(r"\S\n(?=[ \t]*\S)", text))
    if blank_breaks == 0 or direct_breaks > blank_breaks:
        raw_blocks = [[line] for line in lines if line]
    else:
        raw_blocks = [[ln for ln in chunk.split("\n") if ln] for chunk in re.split(r"\n\s*\n", text)]
        raw_blocks = [b for b in raw_blocks if b]
    blocks: list[tuple[int, str]] = []
    for index, block_lines in enumerate(raw_blocks):
        if len(block_lines) > 1 and all(is_sentence(ln) for ln in block_lines):
            blocks.extend((index, ln) for ln in block_lines)
        else:
            blocks.append((index, " ".join(block_lines)))
    return blocks


def _html_blocks(content: str, article_id: str) -> tuple[list[tuple[int, str]], dict]:
    """Return the main text of an HTML page as ``(source_index, text)`` blocks, and its metadata."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        extracted = trafilatura.bare_extraction(content, **TRAFILATURA_OPTIONS)
    except Exception as error:  # trafilatura raises assorted parser errors on broken pages
        log.warning("trafilatura failed on %s: %s", article_id, error)
        extracted = None
    if extracted is None or isinstance(extracted, dict) or extracted.body is None:  # a dict only with as_dict=True
        raise KnowledgeError("no article text found in the HTML page")
    texts: list[str] = []
    for element in extracted.body:
        if element.tag in ("list",):
            texts.extend(_element_text(item) for item in element)
        elif element.tag != "table":
            texts.append(_element_text(element))
    blocks: list[tuple[int, str]] = []
    for text in texts:
        for line in normalize_text(text).split("\n"):
            if line:
                blocks.append((len(blocks), line))
    metadata = {
        "title": _clean(extracted.title),
        "date": _clean(extracted.date),
        "source": _clean(extracted.sitename),
    }
    return blocks, metadata


_BLOCK_TAGS = {"p", "head", "item", "list", "quote", "row", "cell", "table", "div"}


def _element_text(element) -> str:
    """Return the text of an extracted element, with its line breaks as newlines."""
    parts: list[str] = []

    def walk(node) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            nested_block = child.tag in _BLOCK_TAGS
            if nested_block:
                parts.append("\n")  # paragraphs inside a quote or list item stay separate
            walk(child)
            if nested_block:
                parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def read_document(content: str, article_id: str, *, html: bool | None = None) -> Document:
    """Return the Document (metadata and clean body paragraphs, in order) in ``content``.

    ``html`` says whether ``content`` is an HTML page; None sniffs it. HTML goes through
    trafilatura; both formats then go through the same boilerplate filter. Raises
    KnowledgeError when there is no article text.
    """
    if html is None:
        html = looks_like_html(content)
    metadata: dict = {"title": None, "date": None, "source": None}
    if html:
        blocks, metadata = _html_blocks(content, article_id)
    else:
        blocks = split_blocks(content)
    if blocks:
        match = _DATE_PREFIX.match(blocks[0][1])
        if match:
            metadata["date"] = metadata["date"] or _valid_date(*match.group(1).split("-"))
            rest = blocks[0][1][match.end() :].strip()
            blocks[0:1] = [(blocks[0][0], rest)] if rest else []

    texts = [trim_block(text) for _, text in blocks]
    story = find_story(texts)
    if story is None:
        kind = "HTML page" if html else "text"
        raise KnowledgeError(f"no article text found in the {kind}")
    # The header (headline, standfirst, byline, timestamp) may interleave with the first kept
    # paragraphs (a sentence-shaped standfirst is kept), so look a few paragraphs into the story.
    header = texts[: story.kept[min(3, len(story.kept) - 1)]]
    labelled = labelled_fields(texts[: story.start])
    title = metadata["title"] or labelled.get("title") or find_title(header)
    date = _iso_date(metadata["date"]) or _iso_date(labelled.get("date")) or find_date(header)
    source = _outlet(metadata["source"] or labelled.get("source"), texts[story.start], texts[story.end + 1 :])
    kept_blocks = list(story.kept)
    if title and len(kept_blocks) > 1 and norm_key(texts[kept_blocks[0]]) == norm_key(title):
        kept_blocks.pop(0)  # a headline that ends like a sentence ("Is the bridge worth it?")
    paragraphs = [Paragraph(index=n, text=texts[i], source_index=blocks[i][0]) for n, i in enumerate(kept_blocks)]
    log.debug("%s: kept %d of %d blocks", article_id, len(paragraphs), len(blocks))
    return Document(id=article_id, title=title, date=date, source=source, paragraphs=paragraphs)


def _headline_shaped(block: str) -> bool:
    n = len(words(block))
    stripped = block.rstrip().rstrip("\"'”’")
    return (
        5 <= n <= 30
        and chrome_kind(block) is None
        and not stripped.endswith((".", ",", ";", ":"))
        and (block[0].isupper() or block[0].isdigit() or block[0] in "\"'“‘")
    )


_FIELD = re.compile(r"^(title|headline|source|publisher|outlet|date|published)\s*:\s*(\S.*)$", re.IGNORECASE)
_FIELD_NAMES = {"headline": "title", "publisher": "source", "outlet": "source", "published": "date"}


def labelled_fields(header: list[str]) -> dict[str, str]:
    """Return the metadata a scraper wrote as labelled lines before the story ("Title: ...", "Source: ...")."""
    fields: dict[str, str] = {}
    for block in header:
        match = _FIELD.match(block)
        if match:
            name = match.group(1).lower()
            fields.setdefault(_FIELD_NAMES.get(name, name), match.group(2).strip())
    return fields


def find_title(header: list[str]) -> str | None:
    """Return the headline among the blocks before the story, or None when none is certain.

    A headline is a headline-shaped line (5 to 30 words, no closing full stop) among the
    three blocks (not counting chrome such as share buttons) before a byline or timestamp;
    when a standfirst follows it, the earlier of the two is the headline.
    """
    for marker in range(len(header) - 1, -1, -1):
        if not (is_byline(header[marker]) or is_timestamp(header[marker])):
            continue
        window: list[int] = []
        for i in range(marker - 1, -1, -1):
            if len(window) == 3:
                break
            if chrome_kind(header[i]) is None:
                window.append(i)
        candidates = [i for i in reversed(window) if _headline_shaped(header[i])]
        if candidates:
            return header[candidates[0]]
    return None


def find_date(header: list[str]) -> str | None:
    """Return the first date (YYYY-MM-DD) on a timestamp line before the story, or None."""
    for block in header:
        if is_timestamp(block) or is_byline(block):
            found = _iso_date(block)
            if found:
                return found
    return None


def _iso_date(text: str | None) -> str | None:
    if not text:
        return None
    match = _ISO.search(text)
    if match:
        return _valid_date(*match.groups())
    match = _DMY.search(text)
    if match and match.group(2).lower() in MONTHS:
        return _valid_date(match.group(3), MONTHS[match.group(2).lower()], match.group(1))
    match = _MDY.search(text)
    if match and match.group(1).lower() in MONTHS:
        return _valid_date(match.group(3), MONTHS[match.group(1).lower()], match.group(2))
    return None


def _valid_date(year, month, day) -> str | None:
    try:
        return Date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _outlet(sitename: str | None, lede: str, trailer: list[str]) -> str | None:
    """Return the outlet: the page's site name, else an agency dateline, else a copyright holder."""
    dateline = _DATELINE.match(lede)
    agency = dateline.group(1).strip() if dateline else None
    if sitename and not (agency and re.fullmatch(r"[\w-]+(\.[\w-]+)+", sitename)):
        return sitename
    if agency:
        return agency
    for block in trailer:
        if chrome_kind(block) == "copyright":
            holder = re.sub(r"(©|\(c\)|copyright|\d{4}|\ball rights reserved\b.*)", " ", block, flags=re.I)
            holder = re.split(r"\bor its\b|\.\s", holder)[0].strip(" .,-")
            if 1 <= len(words(holder)) <= 6:
                return holder
    return None
