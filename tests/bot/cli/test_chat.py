"""``onrecord chat``: parsing lines as Discord would, drawing the same posts, scripted runs."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from bot import cli
from bot.cli.chat import Chat, parse_line, run_interactive, run_script
from bot.errors import ChatInputError
from retrieval.question import MAX_QUESTION_CHARS
from tests.bot.fake_answerer import ARTICLE, FakeAnswerer, passage


def make_chat(answerer=None) -> tuple[Chat, io.StringIO]:
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None, highlight=False)
    return Chat(answerer or FakeAnswerer(), console), out


# -- parsing -------------------------------------------------------------------------------------


def test_slash_commands_parse_like_discord_options():
    assert parse_line("/ask question:what did Lopez say: about the harbour?").options == {
        "question": "what did Lopez say: about the harbour?"
    }
    command = parse_line("/quote speaker:Healey topic:peace talks article:abc-1")
    assert (command.name, command.options) == (
        "quote",
        {"speaker": "Healey", "topic": "peace talks", "article": "abc-1"},
    )
    assert parse_line("/speakers").options == {}
    assert parse_line("/article article:gazette-2024-harbour").options == {"article": "gazette-2024-harbour"}


def test_a_plain_line_is_a_question_and_a_bare_argument_fills_the_first_option():
    assert (parse_line("who said it?").name, parse_line("who said it?").options) == (
        "ask",
        {"question": "who said it?"},
    )
    assert parse_line("/ask what did Berg say?").options == {"question": "what did Berg say?"}
    assert parse_line("/quote Tom Berg topic:vote").options == {"speaker": "Tom Berg", "topic": "vote"}


def test_unknown_commands_and_stray_options_are_refused():
    with pytest.raises(ChatInputError, match="/bogus is not a command"):
        parse_line("/bogus")
    with pytest.raises(ChatInputError, match="takes no options"):
        parse_line("/help me")


# -- replies -------------------------------------------------------------------------------------


def test_ask_draws_speaker_quote_and_source_line():
    chat, out = make_chat()
    chat.handle("/ask question:what did Lopez say about the harbour?")
    text = out.getvalue()
    assert "Maria Lopez, harbour master" in text
    assert "“The harbour will be open to everyone by the summer.”" in text
    assert "Harbour plan approved after long debate · 2024-05-02 · ¶ 4" in text
    assert chat.answerer.calls[0] == ("ask", "what did Lopez say about the harbour?", 9, None)


def test_more_and_back_page_through_the_last_answer():
    answerer = FakeAnswerer(passages=[passage(f"Statement {i}.", paragraphs=[i]) for i in range(5)])
    chat, out = make_chat(answerer)
    chat.handle("/ask question:anything?")
    assert "Passages 1–3 of 5 · page 1/2" in out.getvalue()
    assert "More (1/2)" in out.getvalue()
    chat.handle("/more")
    assert "Passages 4–5 of 5 · page 2/2" in out.getvalue()
    assert "“Statement 4.”" in out.getvalue()
    chat.handle("/back")
    assert out.getvalue().count("Passages 1–3 of 5") == 2


def test_quote_with_an_unknown_speaker_suggests_names():
    chat, out = make_chat()
    chat.handle("/quote speaker:Nobody")
    assert "Nothing on record" in out.getvalue()
    assert "Maria Lopez, Tom Berg" in out.getvalue()


def test_bad_input_is_a_short_notice_not_a_traceback():
    chat, out = make_chat()
    chat.handle("/ask question:   ")
    chat.handle("/ask question:x article:no-such-article")
    chat.handle("/ask question:" + "why " * 500)
    text = out.getvalue()
    assert "Ask a question" in text
    assert "No article matches" in text
    assert f"keep it under {MAX_QUESTION_CHARS:,}" in text
    assert "Traceback" not in text
    assert chat.failures == 0


def test_speakers_article_and_help():
    chat, out = make_chat()
    chat.handle("/speakers")
    chat.handle(f"/article article:{ARTICLE.id}")
    chat.handle("/article")
    chat.handle("/help")
    text = out.getvalue()
    assert "Maria Lopez, harbour master · 2 quotations" in text
    assert "Tom Berg, mayor · 2 quotations" in text
    assert "The Gazette · 2024-05-02 · 20 paragraphs" in text
    assert "/ask" in text


def test_a_script_runs_every_line_and_echoes_it():
    chat, out = make_chat()
    status = run_script(chat, ["# comment\n", "\n", "/speakers\n", "what did Berg say?\n", "/quit\n", "/help\n"])
    text = out.getvalue()
    assert status == 0
    assert "> /speakers" in text and "> what did Berg say?" in text
    assert "comment" not in text
    assert "> /help" not in text  # stopped at /quit


def test_a_bug_in_a_line_is_one_line_and_a_failing_status():
    class Broken(FakeAnswerer):
        def ask(self, *args, **kwargs):
            raise ZeroDivisionError("boom")

    chat, out = make_chat(Broken())
    assert run_script(chat, ["what?"]) == 1
    assert "Something went wrong: ZeroDivisionError: boom" in out.getvalue()


def test_interactive_prompt_reads_until_end_of_input(tmp_path, monkeypatch):
    monkeypatch.setattr("bot.cli.chat.HISTORY_FILE", tmp_path / "history")
    lines = iter(["/speakers", "/quit"])

    def read(prompt: str) -> str:
        return next(lines)

    chat, out = make_chat()
    assert run_interactive(chat, read) == 0
    assert "Maria Lopez" in out.getvalue()


def test_onrecord_chat_runs_a_file_through_the_cli(tmp_path, monkeypatch, capsys):
    script = tmp_path / "questions.txt"
    script.write_text("/ask question:what did Lopez say?\n/quote speaker:Berg\n")
    fake = FakeAnswerer()
    monkeypatch.setattr("bot.replies.open_answerer", lambda **kwargs: fake)
    assert cli.main(["chat", "--file", str(script)]) == 0
    out = capsys.readouterr().out
    assert "Maria Lopez, harbour master" in out
    assert "Tom Berg, mayor" in out


def test_onrecord_chat_with_a_missing_file_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("bot.replies.open_answerer", lambda **kwargs: FakeAnswerer())
    assert cli.main(["chat", "--file", str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("onrecord: cannot read") and err.count("\n") == 1


@pytest.mark.slow
def test_chat_on_the_bundled_article_answers_with_healey_on_talks(bundled_answerer):
    chat, out = make_chat(bundled_answerer)
    status = run_script(
        chat,
        [
            "/ask question:what did Healey say about talks?",
            "/quote speaker:Healey topic:talks",
            "/speakers",
            "what did Tore Sandvik say?",
        ],
    )
    text = " ".join(out.getvalue().split())  # rich wraps lines
    assert status == 0
    assert "John Healey" in text
    assert "So whilst all the focus may be on talks" in text
    assert "Volodymyr Zelensky" in text
    assert "Nothing on record" in text
