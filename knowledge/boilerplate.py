"""Finds the story among a scraped page's blocks and drops the page chrome around and inside it.

Every rule here is a general signal of web pages and English news style, never one outlet's
strings: the story is the longest stretch of sentence-shaped paragraphs; chrome (menus, share
buttons, captions, related links, appeals, credits, footers) is short, link-like, repeated,
not sentence-shaped, or says what it is ("Photograph:", "Reporting by", "©").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import CREDIT_NOUNS, CREDIT_VERBS, MONTHS, NEWS_SPEECH_VERBS

# Characters that may close a sentence after its final punctuation: quotation marks and brackets.
_CLOSERS = "\"'”’»)]"
_TERMINAL = ".!?…"

# A block whose last words are a picture or video credit: "Photograph: Jane Doe/Getty Images",
# "(Reuters)" after a caption sentence, "(AP Photo/John Smith)".
_CAPTION = re.compile(
    r"(?:\b(?:photograph|photo|picture|image|illustration|video|footage|credit)s?(?: by)?\s*(?::|\.\.\.|…)\s*\S[^.!?]{0,80}\.?$"
    r"|^(?:image|photo|picture|video) (?:source|caption|credit)\b"
    r"|[.!?]\s*\((?:[A-Z][\w.&'/ -]{0,40})\)$"
    r"|\((?:[A-Z]\w*\s)?(?:photo|image|picture|video)s?\b[^)]{0,60}\)$"
    r"|\b(?:getty images|shutterstock|alamy|afp|epa|ap photo|pa wire|pa media)\s*\)?$)",
    re.IGNORECASE,
)
# Credits for the reporting, usually the story's last line.
_CREDIT = re.compile(
    rf"^\(?(?:additional |further )?(?:{'|'.join(CREDIT_VERBS + CREDIT_NOUNS)})(?: and \w+)? by\b"
    r"|\bcontributed(?: reporting)? to (?:this|the) (?:report|story|article)\W*$",
    re.IGNORECASE,
)
# Notes from the editors about the story, wherever they sit on the page.
_NOTE = re.compile(
    r"^(?:editor[’']?s? note\b|\((?:updates?|adds?|recasts?|corrects?|changes?|refiles?|fixes|writes through)\b[^()]*\)$|this (?:article|story|report) (?:was|has been|is) (?:amended|corrected|updated)\b)",
    re.IGNORECASE,
)
# The author's biography under the story: "Jane Doe is a reporter covering energy."
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+ ){1,3}is (?:a|an|the)\b[^.]{0,80}\b(?:reporter|correspondent|editor|writer|journalist|"
    r"columnist|contributor|producer)\b[^.]{0,80}(?:\.|$)"
)
# A copyright sign stands apart from words; one glued to letters is a mangled accent ("rÃ©sumÃ©").
_COPYRIGHT = re.compile(
    r"(?<!\w)©|\(c\)\s*\d{4}|\bcopyright\s*(?:©|\(c\)|\d{4})|\ball rights reserved\b", re.IGNORECASE
)
# Families of words in donation, subscription and newsletter appeals; an appeal uses several.
_APPEAL_FAMILIES = {
    "support": r"\byour support\b|\bsupport (?:us|now|our|independent|quality|this)\b",
    "donate": r"\bdonat(?:e|es|ion|ions|ing)\b|\byour (?:gift|contribution)\b",
    "contribute": r"\bcontribut(?:e|ion)\b|\bmake a contribution\b",
    "subscribe": r"\bsubscri(?:be|ber|bers|bing|ption|ptions)\b|\bfree trial\b|\bunlimited access\b",
    "paywall": r"\bpaywalls?\b",
    "funded": r"\breader[- ]funded\b|\bfunded by (?:our )?readers\b|\bbecome a (?:member|supporter|patron)\b",
    "journalism": r"\b(?:quality|independent|our) journalism\b",
    "newsletter": r"\bsign up\b|\bnewsletters?\b|\binbox\b",
    "read more": r"\bread more\b|\bsupport now\b",
}
_APPEAL_TERMS = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _APPEAL_FAMILIES.items()}
# An appeal that opens with its imperative: "Sign up to our newsletter", "Donate now".
_IMPERATIVE = re.compile(
    r"^(?:sign up|subscribe|donate|support|join|become|click|tap|get|download|try|register)\b", re.IGNORECASE
)
_SPEECH = re.compile(rf"\b(?:{'|'.join(NEWS_SPEECH_VERBS)})\b")
_READER_ADDRESS = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
_COOKIES = re.compile(
    r"\bwe use cookies\b|\b(?:accept|reject|manage)(?: all)? cookies\b|\bcookie (?:policy|settings|preferences|notice|consent)\b",
    re.IGNORECASE,
)
# Short blocks that name themselves as chrome ("Read more", "Share on Facebook", "Advertisement").
_LABEL = re.compile(
    r"^(?:(?:read|see|show|load|view) (?:more|less|all|full)\b|advertisement|advert|sponsored|promoted|"
    r"skip (?:to|advertisement)|jump to|back to top|share\b|tweet$|email$|print$|copy link|"
    r"comments?\b|\d+ comments?|reuse this content|related\b|more (?:on|from|about) |most (?:popular|read|viewed|shared)|"
    r"trending|recommended|you may also like|top stories|topics\b|tags?\b|filed under|"
    r"sign (?:in|up|out)|log ?(?:in|out)|subscribe|follow (?:us|@)|click here|listen to (?:this|the) (?:article|story)|"
    r"slideshow|gallery|image \d+ of \d+|\d+ min(?:ute)?s? read|updated$|published$|close$|menu$|search$|"
    r"continue reading|supported by$|story continues|article continues)",
    re.IGNORECASE,
)
# Labels that are chrome even when they end like a sentence ("Click here to subscribe.").
_ACTION = re.compile(
    r"^(?:click here|read more|continue reading|see also|sign up|subscribe (?:now|today|here)|follow us|"
    r"listen to this article)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^[Bb]y [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)*(?:,? (?:and )?[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)*)*\s*$"
)
_MONTH = rf"(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b", re.IGNORECASE
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|gmt|utc|bst|cet|[ecmp][sd]?t)\b", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.\w|pic\.twitter\.com/", re.IGNORECASE)
# A social media post embedded in the page: "— Jane Doe (@janedoe) March 3, 2020".
_EMBED = re.compile(r"\(@\w+\)")
# The text of an error, paywall or bot-check page rather than an article.
_NOT_ARTICLE = re.compile(
    r"\b(?:page (?:you (?:were|are) looking for )?(?:could not|cannot|can't|was not|wasn't) (?:be )?found|"
    r"404 (?:error|not found)|(?:please )?enable javascript|verify (?:that )?you are (?:a )?human|"
    r"access (?:to this page (?:has been|is) )?denied|are you a robot)\b",
    re.IGNORECASE,
)
# The heading of the readers' comments: whatever follows is not the story.
_COMMENTS = re.compile(
    r"^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$|^(?:join|view|show|read|see) (?:the |all )?(?:\d+ )?"
    r"(?:conversation|discussion|comments)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

# A story may be interrupted by this many chrome blocks in a row (a related-links box, a caption)
# and still be one story; a longer interruption (menus, footers) separates two runs.
MAX_GAP = 8
# A block this long that does not end like a sentence is still prose (a pull quote, a list).
LONG_BLOCK_WORDS = 20


_TRAILING_LINK = re.compile(r"(?<=[.!?”\"’])\s+(?:read more|continue reading|show more|see more)\W*$", re.IGNORECASE)


def trim_block(block: str) -> str:
    """Return ``block`` without a "Read more" link scraped onto the end of its last sentence."""
    return _TRAILING_LINK.sub("", block)


def norm_key(text: str) -> str:
    """Return ``text`` lower-cased with its whitespace collapsed, for comparing blocks."""
    return " ".join(text.lower().split())


def words(block: str) -> list[str]:
    """Return the words of ``block`` (letters, with inner apostrophes and hyphens)."""
    return _WORD.findall(block)


def is_sentence(block: str) -> bool:
    """Return whether ``block`` ends like a sentence: . ? ! or … (then any closing quotes or brackets).

    A block of two words or more ending in a colon counts too: it introduces a quotation ("He said:").
    """
    text = block.rstrip().rstrip(_CLOSERS).rstrip()
    if not text or not words(block):
        return False
    if text[-1] in _TERMINAL:
        return True
    return text[-1] == ":" and len(words(block)) >= 2


def is_timestamp(block: str) -> bool:
    """Return whether ``block`` is a short dateline-free timestamp line ("Mon 20 Jan 2020 06.05 GMT")."""
    return len(words(block)) <= 20 and not is_sentence(block) and bool(_DATE.search(block) or _TIME.search(block))


def is_byline(block: str) -> bool:
    """Return whether ``block`` is a byline ("By Jane Doe and John Roe")."""
    return len(words(block)) <= 12 and bool(_BYLINE.match(block.strip()))


def is_author_bio(block: str) -> bool:
    """Return whether ``block`` reads as the author's biography ("Jane Doe is a reporter covering energy.")."""
    return len(words(block)) <= 60 and bool(_BIO.match(block.strip())) and not _SPEECH.search(block)


def is_appeal(block: str) -> bool:
    """Return whether ``block`` asks the reader to donate, subscribe or sign up.

    An appeal uses words from several appeal families ("your support", "donation",
    "newsletter") and addresses the reader; reported speech ("said") is news, not an appeal.
    """
    if _SPEECH.search(block) or block.lstrip()[:1] in "\"“‘'":
        return False
    families = sum(1 for pattern in _APPEAL_TERMS.values() if pattern.search(block))
    if families >= 3:
        return True
    addresses_reader = bool(re.search(r"\b(?:you|your|our|us)\b", block, re.IGNORECASE))
    if families >= 1 and addresses_reader and _IMPERATIVE.match(block.lstrip()) and len(words(block)) <= 60:
        return True
    return families >= 2 and bool(_READER_ADDRESS.search(block)) and len(words(block)) <= 120


def _is_menu(block: str) -> bool:
    """Return whether a long non-sentence block reads as a run of link titles rather than prose."""
    tokens = words(block)
    if block.count("|") + block.count("•") >= 3:
        return True
    capitalised = sum(1 for t in tokens if t[0].isupper())
    return bool(tokens) and capitalised / len(tokens) > 0.6


def chrome_kind(block: str) -> str | None:
    """Return what kind of page chrome ``block`` says it is, or None when it could be story text."""
    text = block.strip()
    n = len(words(text))
    if n == 0:
        return "symbols"
    if _COPYRIGHT.search(text) and n <= 40:
        return "copyright"
    if n <= 8 and _COMMENTS.match(text):
        return "comments"
    if _CREDIT.search(text) and n <= 60:
        return "credit"
    if _COOKIES.search(text) and n <= 80:
        return "cookies"
    if is_appeal(text):
        return "appeal"
    if _CAPTION.search(text) and n <= 60:
        return "caption"
    if n <= 12 and ((_LABEL.match(text) and (n <= 3 or not is_sentence(text))) or _ACTION.match(text)):
        return "label"
    if re.fullmatch(r"\[[^\[\]]+\]", text):
        return "link"
    if _NOTE.match(text) and n <= 80:
        return "note"
    if _EMBED.search(text) and n <= 60:
        return "embed"
    if _NOT_ARTICLE.search(text) and n <= 60:
        return "error page"
    if n <= 12 and _URL.search(text):
        return "link"
    if is_byline(text):
        return "byline"
    if is_timestamp(text):
        return "timestamp"
    return None


# Chrome that closes a story: anything after it belongs to the page, not the story.
_END_KINDS = {"credit", "copyright", "comments"}


@dataclass(frozen=True)
class Story:
    """Which blocks of a page are the story: ``kept`` block positions in order, from ``start`` to ``end``."""

    kept: list[int]
    start: int
    end: int


def _is_story_text(block: str, kind: str | None, repeated: bool) -> bool:
    """``kind`` is ``chrome_kind(block)``, which the caller has already worked out."""
    if repeated or kind is not None:
        return False
    if is_sentence(block):
        return True
    return len(words(block)) >= LONG_BLOCK_WORDS and not _is_menu(block)


def find_story(blocks: list[str]) -> Story | None:
    """Return the story among ``blocks`` (a page split into paragraphs), or None when there is none.

    The story is the run of story-text blocks (sentence-shaped, or long prose, and no chrome)
    with the most characters, where a run may bridge up to MAX_GAP other blocks but never a
    closing credit, copyright line or comments heading, and nothing after the comments heading
    that follows a story is eligible. Inside the run, only the story-text blocks are kept; a
    closing author biography and a second copy of a paragraph are dropped.
    """
    keys = [norm_key(b) for b in blocks]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    kinds = [chrome_kind(b) for b in blocks]
    story = [
        _is_story_text(b, kind, counts[key] > 1 and len(words(b)) < 10)
        for b, kind, key in zip(blocks, kinds, keys, strict=True)
    ]

    best: tuple[int, list[int]] | None = None
    run: list[int] = []
    gap = 0

    def close(run: list[int]) -> None:
        nonlocal best
        if run:
            size = sum(len(blocks[i]) for i in run)
            if best is None or size > best[0]:
                best = (size, list(run))

    for i in range(len(blocks)):
        if story[i]:
            run.append(i)
            gap = 0
        elif run:
            gap += 1
            if kinds[i] in _END_KINDS or gap > MAX_GAP:
                # Readers' comments after a story of several paragraphs are never the story,
                # however long they run.
                if kinds[i] == "comments" and len(run) >= 3:
                    break
                close(run)
                run, gap = [], 0
    close(run)
    if best is None:
        return None
    run = best[1]
    # The author's biography closes a story; the same sentence inside the story is news.
    while len(run) > 1 and is_author_bio(blocks[run[-1]]):
        run.pop()
    # A paragraph scraped twice (print and web versions of one block) is kept once.
    seen: set[str] = set()
    kept = []
    for i in run:
        key = " ".join(blocks[i].split())
        if key not in seen:
            seen.add(key)
            kept.append(i)
    return Story(kept=kept, start=kept[0], end=kept[-1])
