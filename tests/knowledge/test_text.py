"""One normaliser of quotation marks and apostrophes."""

from __future__ import annotations

from knowledge.text import normalise_marks, straighten_marks


def test_every_style_of_mark_is_made_straight():
    assert straighten_marks("“a” „b‟ «c» ‘d’ ‚e‛ `f´ Oʼ") == "\"a\" \"b\" \"c\" 'd' 'e' 'f' O'"


def test_normalise_also_lowercases_and_collapses_whitespace():
    assert normalise_marks("  “It’s   DONE,”\n she said ") == '"it\'s done," she said'
