"""The English that onrecord's rules read, in one place: speech verbs (as lemmas, forms derived),
speech nouns, honorifics with their gender, titles and offices, organisation words,
nationalities, months and function words.

Every word list of ``knowledge`` and ``retrieval`` is imported from here; a rule never spells
out its own. The submodules group the lists by subject; everything is importable from
``knowledge.lexicon`` directly.
"""

from __future__ import annotations

from .dates import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, NUMBER_WORDS, WEEKDAYS
from .function_words import (
    ABBREVIATIONS,
    AUXILIARIES,
    AUXILIARY_WORDS,
    DETERMINERS,
    FUNCTION_WORDS,
    NOT_ADVERBS,
    NOT_APPOSITIVES,
    NOT_MODIFIERS,
    NOT_NAME,
    NOT_VERBS,
    ONE_OF_A_GROUP,
    OPINION_WORDS,
    PICTURE_NOTES,
    PRONOUN_GENDER,
    PRONOUN_OF_POSSESSIVE,
    PRONOUNS,
    ROLE_STOPWORDS,
    SMALL_WORDS,
    SOURCE_DETERMINERS,
    STOPWORDS,
    SUBORDINATORS,
    TOPIC_PREPOSITIONS,
)
from .given_names import GIVEN_NAME_GENDER
from .nationalities import DEMONYMS, GIVEN_LIKE_DEMONYMS, NATIONALITIES
from .organisations import CREDIT_NOUNS, DOCUMENT_NOUNS, INSTITUTION_NOUNS, ORG_WORDS, ORGANISATION_WORDS, WORK_NOUNS
from .people import (
    ABBREVIATED_HONORIFICS,
    COURTESY_HONORIFICS,
    DESCRIPTIVE_NOUNS,
    FALSE_TITLES,
    GENDER_OF_NOUN,
    GENERIC_ROLE_NOUNS,
    GROUP_NOUNS,
    HONORIFIC_GENDER,
    HONORIFICS,
    KIN_NOUNS,
    NAME_PARTICLES,
    OFFICE_NOUNS,
    PROTAGONIST_NOUNS,
    QUALIFIED_OFFICE,
    ROLE_MODIFIERS,
    SPOKESPEOPLE,
    TITLE_ABBREVIATIONS,
    TITLE_NOUNS,
    TITLE_SYNONYMS,
    TITLE_WORDS,
    VAGUE_GROUP_NOUNS,
)
from .speech import (
    ACCUSING_VERBS,
    AUXILIARY_PHRASES,
    CLAUSE_OPENERS,
    CREDIT_VERBS,
    INVERTING_VERBS,
    IRREGULAR_PLURALS,
    IRREGULAR_VERBS,
    NAMING_AS_VERBS,
    NAMING_VERBS,
    NEWS_SPEECH_VERBS,
    PARTICIPLES,
    PLAIN_SAYING_VERBS,
    PRONOUN_REPORTING_VERBS,
    QUESTION_SPEECH_NOUNS,
    QUESTION_VERBS,
    REPORTING_VERBS,
    SAY,
    SETTING_NOUNS,
    SPEECH_NOUNS,
    SPEECH_VERB_TAGS,
    SPEECH_VERBS,
    TELL,
    TELLING_VERBS,
    VERB_FORMS,
    VerbForms,
    inflect,
    third_person,
)

__all__ = [name for name in dir() if not name.startswith("_") and name != "annotations"]
