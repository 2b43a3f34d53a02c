"""``onrecord chat``: type what you would type in Discord and see what the bot would post, drawn in the terminal.

Lines are either a slash command exactly as in Discord (``/ask question:...``,
``/quote speaker:Healey topic:talks``, ``/speakers``, ``/article``, ``/help``) or a
plain question (as if the bot were mentioned). Replies come from the same
``bot.replies`` functions and ``bot.render`` posts as on Discord; only the drawing
(rich panels instead of embeds) differs. ``/more`` and ``/back`` press the buttons.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from knowledge import KnowledgeError
from retrieval import RetrievalError

from .. import replies
from ..discord.config import BotConfig
from ..errors import BadInput, ChatInputError, UserError
from ..render import Card, Pages, Post, notice_post, unescape
from .log_levels import quiet_libraries

log = logging.getLogger(__name__)

HISTORY_FILE = Path("~/.onrecord_history").expanduser()

# The options of each command, as Discord names them; the first is what a bare argument means.
COMMAND_OPTIONS: dict[str, tuple[str, ...]] = {
    "ask": ("question", "article"),
    "quote": ("speaker", "topic", "article"),
    "speakers": ("article",),
    "article": ("article",),
    "help": (),
    "more": (),
    "back": (),
    "quit": (),
}

# The border colour of a panel for each tone of card (as the embed's colour on Discord).
_TONE_STYLE = {"quote": "blue", "passage": "grey50", "notice": "dark_orange", "info": "green"}


@dataclass
class Command:
    """One parsed line: the command name and its options."""

    name: str
    options: dict[str, str] = field(default_factory=dict)


def parse_line(line: str) -> Command:
    """Return the command in ``line``: ``/name option:value ...``, or a plain question as ``ask``.

    Option values run until the next ``known_option:``, so questions may contain
    colons elsewhere. A bare argument (no ``name:``) fills the command's first option.
    """
    line = line.strip()
    if not line.startswith("/"):
        return Command("ask", {"question": line})
    name, _, rest = line[1:].partition(" ")
    name = name.lower()
    if name in ("exit", "q"):
        name = "quit"
    if name not in COMMAND_OPTIONS:
        known = ", ".join(f"/{c}" for c in COMMAND_OPTIONS)
        raise ChatInputError(f"/{name} is not a command; the commands are {known}")
    allowed = COMMAND_OPTIONS[name]
    options: dict[str, str] = {}
    rest = rest.strip()
    if not rest:
        return Command(name, options)
    if not allowed:
        raise ChatInputError(f"/{name} takes no options")
    pattern = re.compile(rf"(?:^|\s)({'|'.join(allowed)}):", re.IGNORECASE)
    marks = list(pattern.finditer(rest))
    leading = rest[: marks[0].start()] if marks else rest
    if leading.strip():
        options[allowed[0]] = leading.strip()
    for mark, following in zip(marks, [*marks[1:], None], strict=False):
        value = rest[mark.end() : following.start() if following else len(rest)].strip()
        options[mark.group(1).lower()] = value
    return Command(name, options)


class Chat:
    """Runs commands against an answerer and draws the posts; remembers the last pages for /more and /back."""

    def __init__(self, answerer: replies.AnswererLike, console: Console) -> None:
        self.answerer = answerer
        self.console = console
        self.pages: Pages | None = None
        self.page = 0
        self.failures = 0

    def handle(self, line: str) -> bool:
        """Run one line and draw the reply; return False when the user asked to quit."""
        if not line.strip() or line.lstrip().startswith("#"):
            return True
        try:
            command = parse_line(line)
            if command.name == "quit":
                return False
            self.draw_post(self.reply(command))
        except (BadInput, RetrievalError, KnowledgeError) as error:
            self.draw_post(notice_post(str(error)))
        except Exception as error:  # a bug: one line here, the traceback in the log
            log.debug("chat line failed", exc_info=True)
            self.failures += 1
            self.draw_post(notice_post(f"Something went wrong: {type(error).__name__}: {error}"))
        return True

    def reply(self, command: Command) -> Post:
        """Return the post the bot would send for ``command`` (paging commands move through the last reply)."""
        options = command.options
        if command.name in ("more", "back"):
            if self.pages is None or len(self.pages) < 2:
                raise ChatInputError("there is nothing to page through: ask something first")
            step = 1 if command.name == "more" else -1
            self.page = max(0, min(self.page + step, len(self.pages) - 1))
            return self.pages[self.page]
        if command.name == "help":
            return replies.help_reply()
        if command.name == "speakers":
            return replies.speakers_reply(self.answerer, options.get("article"))
        if command.name == "article":
            return replies.article_reply(self.answerer, options.get("article"))
        if command.name == "ask":
            pages = replies.ask_pages(self.answerer, options.get("question"), article=options.get("article"))
        else:
            pages = replies.quote_pages(
                self.answerer, options.get("speaker"), topic=options.get("topic"), article=options.get("article")
            )
        self.pages, self.page = pages, 0
        return pages[0]

    def draw_post(self, post: Post) -> None:
        """Draw a post the way Discord shows it: content line, then one panel per embed, then the buttons."""
        if post.content:
            style = "italic dim" if post.ephemeral else ""
            self.console.print(Text(unescape(post.content), style=style))
            if post.ephemeral:
                self.console.print(Text("Only you can see this", style="dim"))
        for card in post.cards:
            self.console.print(draw_card(card))
        pages = self.pages
        if pages is not None and post in pages.posts and len(pages) > 1:
            back = "[ Back ]" if self.page > 0 else "[ ---- ]"
            more = f"[ More ({self.page + 1}/{len(pages)}) ]" if self.page < len(pages) - 1 else "[ ---- ]"
            self.console.print(Text(f"{back} {more}   type /more or /back", style="dim"))
        self.console.print()


def markdown_text(markdown: str, style: str = "") -> Text:
    """Return Discord markdown (bold, italics, escapes) as rich Text."""
    text = Text(style=style)
    for piece in re.split(r"(\*\*(?:\\.|[^*])+\*\*)", markdown):
        if piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            text.append(unescape(piece[2:-2]), style="bold")
        else:
            text.append(unescape(piece))
    return text


def draw_card(card: Card) -> Panel:
    """Return a card as a rich panel: author line, title, body, fields, footer."""
    parts: list = []
    if card.author:
        parts.append(Text(unescape(card.author), style="bold"))
    if card.title:
        parts.append(Text(unescape(card.title), style="bold underline"))
    if card.body:
        parts.append(markdown_text(card.body))
    for f in card.fields:
        parts.append(Text(""))
        parts.append(markdown_text(f.name, style="bold"))
        parts.append(markdown_text(f.value))
    if card.footer:
        parts.append(Text(""))
        parts.append(Text(unescape(card.footer), style="dim"))
    return Panel(Group(*parts), box=box.ROUNDED, border_style=_TONE_STYLE[card.tone], padding=(0, 1))


def run_script(chat: Chat, lines: Iterable[str], *, echo: bool = True) -> int:
    """Run lines non-interactively (a file, or piped stdin); return 1 if a line hit a bug, else 0."""
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if echo:
            chat.console.print(Text(f"> {line}", style="bold cyan"))
        if not chat.handle(line):
            break
    return 1 if chat.failures else 0


def run_interactive(chat: Chat, read: Callable[[str], str] = input) -> int:
    """Prompt for lines (with readline history in ~/.onrecord_history) until /quit or end of input."""
    try:
        import readline
    except ImportError:  # no readline on this platform: plain input still works
        readline = None  # type: ignore[assignment]
    if readline is not None:
        try:
            readline.read_history_file(HISTORY_FILE)
        except OSError:
            pass
    chat.console.print(
        Text("Type a question, or a command as in Discord (/help). /quit or Ctrl-D to leave.", style="dim")
    )
    try:
        while True:
            try:
                line = read("onrecord> ")
            except EOFError:
                chat.console.print()
                break
            except KeyboardInterrupt:
                chat.console.print()
                continue
            if not chat.handle(line):
                break
    finally:
        if readline is not None:
            try:
                readline.set_history_length(1000)
                readline.write_history_file(HISTORY_FILE)
            except OSError:
                pass
    return 1 if chat.failures else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``chat`` subcommand."""
    chat = subparsers.add_parser(
        "chat",
        help="try the bot in the terminal: type questions or slash commands, see what it would post",
        description=(
            "An interactive prompt where you type a question, or a slash command exactly as in Discord "
            "(/ask question:..., /quote speaker:Healey topic:talks, /speakers, /article, /help; /more and "
            "/back page), and see what the bot would post. Reads lines from --file, or from standard "
            "input when it is not a terminal, for scripted checks."
        ),
    )
    where = chat.add_mutually_exclusive_group()
    where.add_argument(
        "--db", metavar="FILE", help="the knowledge base file (default: ONRECORD_DB, else the bundled article)"
    )
    where.add_argument("--knowledge", nargs="+", metavar="PATH", help="answer from exactly these article files")
    chat.add_argument("--file", metavar="FILE", help="run the lines of FILE instead of prompting ('-' for stdin)")
    chat.add_argument("--no-echo", action="store_true", help="with --file, do not print each line before its reply")
    chat.set_defaults(func=run_chat)


def run_chat(args: argparse.Namespace) -> int:
    """Open the answerer and run the lines of ``--file`` (or piped stdin), else prompt; return the exit code."""
    db = args.db
    if db is None and not args.knowledge:
        db = BotConfig.from_env().db
    lines = None
    if args.file and args.file != "-":
        try:
            with open(args.file, encoding="utf-8") as handle:
                lines = handle.readlines()
        except (OSError, UnicodeDecodeError) as error:
            raise UserError(f"cannot read {args.file}: {getattr(error, 'strerror', None) or error}") from None
    elif args.file == "-" or not sys.stdin.isatty():
        lines = sys.stdin.readlines()

    quiet_libraries(logging.getLogger().getEffectiveLevel())
    console = Console(highlight=False)
    status = Console(stderr=True)
    with status.status("Opening the knowledge base…", spinner="dots") if status.is_terminal else nullcontext():
        answerer = replies.open_answerer(db=db, knowledge=args.knowledge)
    chat = Chat(answerer, console)
    if lines is not None:
        return run_script(chat, lines, echo=not args.no_echo)
    return run_interactive(chat)
