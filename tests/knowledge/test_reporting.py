"""Which speaker each paragraph reports, as worked out when the article is read."""

from __future__ import annotations

from knowledge import load_article, parse_article
from knowledge.reporting import paragraph_reports


def _reports(*paragraphs: str) -> list[str | None]:
    """Return who each paragraph after the headline reports, as stored on the article."""
    article = parse_article("\n\n".join(paragraphs) + "\n", "reporting")
    assert [p.text for p in article.paragraphs] == list(paragraphs[1:])
    assert [p.reports for p in article.paragraphs] == paragraph_reports(article)
    return [p.reports for p in article.paragraphs]


def test_a_paragraph_holding_one_persons_quotation_reports_them():
    reports = _reports(
        "Harlow reach the final",
        "\u201cHonestly, we were poor in the first half and the players know it,\u201d Harlow manager Steve Ingram said.",
    )
    assert reports == ["Steve Ingram"]


def test_a_name_next_to_a_reporting_verb_reports_them_without_quotation_marks():
    reports = _reports(
        "Harlow reach the final",
        "\u201cHonestly, we were poor in the first half and the players know it,\u201d Harlow manager Steve Ingram said.",
        "The club's results had improved since the spring, Ingram added, and the squad was now fit.",
        "The final will be played in May at a neutral ground.",
    )
    assert reports == ["Steve Ingram", "Steve Ingram", None]


def test_a_paragraph_reports_a_speaker_across_an_appositive_clause():
    reports = _reports(
        "Nimbus launches a tool",
        "Security researcher Tom Adeyemi, who has audited several of the company's products, wrote on X that he "
        "would wait for an independent review before trusting the claims.",
        "\u201cShow us the code and let outside auditors test it properly,\u201d Adeyemi said.",
    )
    assert reports == ["Tom Adeyemi", "Tom Adeyemi"]


def test_a_pronoun_paragraph_carries_on_reporting_the_speaker_before():
    reports = _reports(
        "Harlow reach the final",
        "\u201cHonestly, we were poor in the first half and the players know it,\u201d Harlow manager Steve Ingram said.",
        "He admitted his side had been second best for long periods against a very good team.",
        "He also warned that the replay would be harder.",
    )
    assert reports == ["Steve Ingram"] * 3


def test_a_pronoun_of_the_other_gender_does_not_carry_the_speaker_on():
    reports = _reports(
        "Rovers beaten",
        "\u201cWe should have been out of sight by half-time, no question about it,\u201d Mr Ingram said.",
        "She refused to blame the goalkeeper for the late equaliser.",
    )
    assert reports == ["Ingram", None]


def test_quotations_of_two_people_in_one_paragraph_report_no_one():
    reports = _reports(
        "Talks stall",
        "\u201cWe are ready to talk at any time,\u201d said union leader Mary Walsh, while \u201cthe offer stands as it is,\u201d "
        "said company chairman Peter Holt.",
    )
    assert reports == [None]


def test_the_bundled_article_reports_healey_and_no_one_in_its_pull_quote():
    article = load_article()
    assert "John Healey" in {p.reports for p in article.paragraphs}
    assert all(p.reports is None for p in article.paragraphs if p.role == "pullquote")
    assert len(paragraph_reports(article)) == len(article.paragraphs)
