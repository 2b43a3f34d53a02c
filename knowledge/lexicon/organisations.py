"""The words organisations, institutions and documents are named with."""

from __future__ import annotations

# Words that make a capitalised run an organisation or a place ("Thames Water", "Ministry of ...").
ORG_WORDS = {
    "union", "association", "university", "college", "school", "council", "museum", "ministry",
    "party", "navy", "army", "sea", "ocean", "office", "reserve", "bank", "house", "committee",
    "court", "cup", "finals", "final", "federation", "state", "states", "street", "markets",
    "market", "capital", "group", "nations", "national", "royal", "embassy", "government",
    "department", "brotherhood", "principles", "trust", "agency", "service", "services",
    "police", "force", "forces", "times", "news", "post", "press", "reuters", "guardian",
    "independent", "international", "institute", "foundation", "society", "company", "inc",
    "ltd", "plc", "corp", "corporation", "club", "league", "championship", "championships",
    "open", "games", "olympics", "spring", "river", "mountains", "island", "islands", "bay",
    "gulf", "airport", "station", "hospital", "mosque", "cathedral", "centre",
    "center", "square", "road", "avenue", "palace", "parliament",
    "congress", "senate", "assembly", "commission", "authority", "board", "fund", "media",
    "network", "channel", "radio", "tv", "television", "newspaper", "magazine", "journal",
    "review", "daily", "weekly", "herald", "telegraph", "mail", "express", "observer",
    "tribune", "gazette", "monitor", "chronicle", "bureau", "administration", "alliance",
    "coalition", "movement", "front", "republic", "kingdom", "empire", "province", "region",
    "county", "district", "city", "town", "village", "valley", "north", "south", "east",
    "northern", "southern", "eastern", "western", "central", "atlantic", "pacific",
    "europe", "africa", "america", "asia", "world", "global", "tourism", "travel",
    "week", "year", "war", "revolution", "act", "bill", "treaty", "accord", "agreement",
    "plan", "programme", "program", "project", "report", "index", "exchange", "airlines",
    "airways", "motors", "holdings", "partners", "technologies", "systems", "labs",
    "images", "getty", "ap", "afp", "pa", "facebook", "twitter", "instagram", "youtube",
    "linkedin", "whatsapp", "messenger", "pinterest", "google", "apple", "microsoft",
    "amazon", "students", "education", "edition", "account", "profile", "details",
    "emails", "membership", "contributions", "subscriptions", "editor", "standards",
    "guidelines", "terms", "privacy", "cookies", "policy", "apps", "newsletters",
    "prize", "award", "awards", "festival", "show", "series", "season", "match", "tour",
}
# Words that end an organisation's name in a question ("Thames Water", "Barclay Hunt Securities"), where
# the last word of a name decides; in an article's capitalised runs they are too often part of a person's
# description or a company's longer name to count.
ORGANISATION_WORDS = frozenset(ORG_WORDS | {"water", "food", "foods", "securities", "forum", "team", "energy"})
# Nouns for a body that speaks as one ("the bank said", "the ministry added").
INSTITUTION_NOUNS = {"bank", "government", "ministry", "department", "company", "firm", "agency",
                     "union", "group", "committee", "council", "court", "army", "military",
                     "administration", "office", "board", "commission", "regulator", "party",
                     "club", "team", "federation", "association", "organisation", "organization",
                     "charity", "university", "school", "hospital", "trust", "police", "service",
                     "campaign", "embassy", "central bank", "prosecutor’s office", "watchdog",
                     "airline", "insurer", "bureau", "institute", "lab", "laboratory", "coalition"}
# Documents that speak for their authors ("the report said", "a statement from the club").
DOCUMENT_NOUNS = {"report", "study", "survey", "statement", "analysis", "poll", "document", "letter",
                  "paper", "review", "memo", "filing", "complaint", "lawsuit", "ruling", "judgment",
                  "judgement", "release", "post", "website", "inquiry", "audit", "research"}
# Nouns of a credit line under a story: "Research by", "Graphics by".
CREDIT_NOUNS = ("research", "graphics")
# What introduces the title of a work rather than speech: "a book called “…”", "its report “…”".
WORK_NOUNS = ("report", "paper", "study", "book", "film", "album", "song", "documentary", "series", "programme",
              "program", "play", "novel", "exhibition", "season", "campaign", "podcast", "show")
