"""Recognises people's names, honorifics and job titles in news copy.

Rule-based: a name is a run of capitalised words (with lowercase particles such as
"van de"), a title is a run of words ending in a title noun ("Prime Minister",
"interest rate strategist", "Fed Chair"), and a role attaches to a name the three ways
news style attaches it: as a pre-modifier ("Defence Secretary John Healey"), as an
appositive after the name ("Jo Grady, the UCU general secretary,") or before it ("The
leader of Ennahda, Rachid Ghannouchi,"). Organisations and places are told apart from
people by the words they are built from (Union, Ministry, Sea ...) and by the article
"the" in front of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HONORIFICS = {
    "mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mx": None, "dr": None, "prof": None,
    "professor": None, "sir": "m", "dame": "f", "lord": "m", "lady": "f", "rev": None,
    "sen": None, "rep": None, "gov": None, "gen": None, "col": None, "capt": None, "lt": None,
    "sgt": None, "det": None, "insp": None, "supt": None,
}

# Descriptions written as false titles ("substitute Kofi Mensah", "local builder Aaron Petersen").
FALSE_TITLES = {
    "substitute", "builder", "farmer", "shopkeeper", "pensioner", "retiree", "landlord", "tenant",
    "commuter", "passenger", "shopper", "parent", "grandmother", "grandfather", "worker", "volunteer",
    "chef", "photographer", "journalist", "reporter", "comedian", "dancer", "musician", "footballer",
    "cricketer", "golfer", "boxer", "fighter", "sprinter", "midwife", "paramedic", "firefighter",
    "tutor", "mentor", "colleague", "producer", "filmmaker", "broadcaster", "commentator", "pundit",
    "critic", "blogger", "podcaster", "influencer", "man", "woman", "girl", "boy",
}
# Head nouns of job titles and roles (lowercase; multiword titles end in one of these).
TITLE_NOUNS = {
    "president", "minister", "secretary", "chancellor", "chair", "chairman", "chairwoman",
    "chairperson", "chief", "director", "spokesperson", "spokesman", "spokeswoman", "leader",
    "governor", "senator", "mayor", "ambassador", "mp", "mep", "msp", "congressman",
    "congresswoman", "representative", "general", "commander", "officer", "ceo", "cfo", "coo",
    "founder", "co-founder", "head", "manager", "coach", "captain", "strategist", "economist",
    "analyst", "professor", "lecturer", "editor", "correspondent", "member", "adviser",
    "advisor", "counsel", "attorney", "judge", "justice", "king", "queen", "prince", "princess",
    "pope", "bishop", "archbishop", "rabbi", "imam", "envoy", "commissioner", "inspector",
    "sheriff", "constable", "lawyer", "researcher", "scientist", "author", "president-elect",
    "deputy", "treasurer", "superintendent", "principal", "dean", "star", "player", "striker",
    "midfielder", "goalkeeper", "defender", "champion", "executive", "partner", "trustee",
    "councillor", "councilor", "speaker", "premier", "chairs", "whip", "administrator",
    "counterpart", "official", "negotiator", "campaigner", "activist",
    "organiser", "organizer", "investor", "owner", "vice-president", "lawmaker", "legislator",
    "prosecutor", "detective", "sergeant", "colonel", "lieutenant", "admiral",
    "emir", "sheikh", "sultan", "chaplain", "headteacher", "headmaster", "doctor",
    "surgeon", "nurse", "physician", "psychologist", "historian", "expert",
    "teacher", "student", "candidate", "nominee", "staffer", "aide", "assistant", "host",
    "presenter", "actor", "actress", "singer", "writer", "novelist", "poet", "artist",
    "designer", "architect", "engineer", "entrepreneur", "banker", "trader", "broker",
    "boss", "referee", "umpire", "forward", "winger", "batsman", "bowler", "jockey", "rider",
    "driver", "pilot", "runner", "swimmer", "cyclist", "skipper", "veteran", "rookie",
    "resident", "witness", "survivor", "victim", "mother", "father", "son", "daughter",
    "wife", "husband", "brother", "sister", "friend", "neighbour", "neighbor", "rapper", "model",
} | FALSE_TITLES
# Words a role may be built from besides capitalised words and the title noun itself.
ROLE_MODIFIERS = {
    "defence", "defense", "foreign", "interior", "finance", "home", "health", "education",
    "justice", "trade", "prime", "deputy", "vice", "general", "chief", "executive", "press",
    "senior", "junior", "former", "acting", "interim", "shadow", "assistant", "associate",
    "managing", "national", "regional", "country", "state", "federal", "interest", "rate",
    "policy", "security", "military", "political", "economic", "research", "head", "team",
    "soccer", "football", "tennis", "cricket", "rugby", "basketball", "baseball", "club",
    "top-ranked", "world", "union", "party", "opposition", "local", "city", "county",
    "environment", "energy", "transport", "culture", "business", "labour", "labor", "work",
    "pensions", "technology", "science", "treasury", "economy", "communications",
    "digital", "development", "international", "european", "chief-executive", "first",
    "second", "third", "lead", "principal", "permanent", "special", "government", "legal",
}
# Words a title before a name is built from ("the former Defence Secretary", "local builder").
TITLE_WORDS = TITLE_NOUNS | ROLE_MODIFIERS | {"the", "a", "an"}
SPOKESPEOPLE = {"spokesperson", "spokesman", "spokeswoman", "representative", "official", "source",
                "aide", "adviser", "advisor", "officer", "insider", "staffer"}
GENDER_OF_NOUN = {"spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f",
                  "congressman": "m", "congresswoman": "f", "king": "m", "queen": "f",
                  "prince": "m", "princess": "f", "actress": "f", "mother": "f", "father": "m",
                  "son": "m", "daughter": "f", "wife": "f", "husband": "m", "brother": "m",
                  "sister": "f", "headmaster": "m"}
TITLE_SYNONYMS = {"chief": {"chair", "chairman", "chairwoman", "head", "leader", "chief"},
                  "chair": {"chief", "chairman", "chairwoman", "chairperson", "head"},
                  "chairman": {"chair", "chief", "chairwoman", "chairperson"},
                  "chairwoman": {"chair", "chief", "chairman", "chairperson"},
                  "head": {"chief", "leader", "director", "chair"},
                  "leader": {"head", "chief"},
                  "spokesperson": {"spokesman", "spokeswoman"},
                  "spokesman": {"spokesperson"}, "spokeswoman": {"spokesperson"},
                  "boss": {"chief", "head", "director", "executive", "ceo", "manager", "coach"},
                  "skipper": {"captain"}, "captain": {"skipper"}, "manager": {"boss"}, "coach": {"boss"}}

# Capitalised words that are not (parts of) people's names.
NOT_NAME = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "if", "when", "while", "as", "after",
    "before", "since", "although", "though", "it", "he", "she", "they", "we", "i", "you", "this",
    "that", "these", "those", "there", "here", "asked", "speaking", "meanwhile", "however",
    "still", "yet", "last", "next", "despite", "many", "some", "two", "three", "four", "five",
    "his", "her", "their", "its", "our", "my", "your", "for", "of", "to", "by", "with", "from",
    "about", "so", "then", "now", "also", "even", "only", "just", "more", "most", "all", "both",
    "each", "every", "no", "not", "what", "which", "who", "whom", "whose", "why", "how", "where",
    "read", "share", "photograph", "reporting", "editing", "additional", "updated", "related",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "today", "yesterday", "tomorrow", "during", "under", "over",
    "into", "against", "between", "among", "through", "without", "within", "across", "like",
    "unlike", "because", "until", "unless", "whether", "thousands", "hundreds", "millions",
    "dozens", "several", "other", "others", "another", "such", "one", "first", "second",
    "third", "new", "old", "top", "former", "according", "instead", "perhaps", "please",
    "topics", "advertisement", "sign", "subscribe", "search", "home", "news", "opinion",
    "sport", "sports", "culture", "lifestyle", "video", "watch", "listen", "click",
}
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
# Common given names whose bearer's gender is rarely anything else, so that "she" after
# "Martina Keller" does not go to a man named next to her. Names used for both (Alex, Chris,
# Jamie, Sam, Jordan, Taylor, Morgan, Robin, Jean, Andrea, Nicola ...) are left out; an
# honorific, a gendered role noun or "his"/"her own" is still the stronger signal.
_FEMALE_GIVEN = """
    abigail ada adriana agnes aisha alice alicia alison amanda amelia amina amy ana anastasia andrea_f angela
    angelina anita ann anna anne annette antonia barbara beatrice bella bernadette beth bethany brenda
    bridget caitlin camilla carla carmen carol carole caroline catherine cecilia charlotte chloe christina
    christine claire clara claudia colette cora cynthia daisy daniela deborah debbie denise diana diane
    donna dorothy elaine eleanor elena elizabeth ella ellen eloise emily emma erica erika esther eva eve
    evelyn fatima fiona florence frances francesca gabriela gabrielle gemma georgia geraldine gillian
    gloria grace hannah harriet heather helen helena hilary holly imogen ingrid irene isabel isabella
    jacqueline jane janet janice jasmine jennifer jenny jessica jill joan joanna joanne josephine joy
    judith judy julia julie juliet karen kate katherine kathleen kathryn katie kayla kelly kerry kim_f
    kylie laura lauren leah lily linda lisa lois lorraine louise lucia lucy lydia lynn madeleine maggie
    margaret maria marie marina marion martha martina mary maureen megan melanie melissa mia michelle
    miriam molly monica nadia naomi natalia natalie natasha nicole nina nora olga olivia pamela patricia
    paula pauline penelope petra philippa priya rachel rebecca rita rosa rose rosemary ruth sally
    samantha sandra sarah sharon sheila shirley sofia sophie stephanie susan suzanne sylvia tamara tanya
    teresa theresa tracey tracy ursula valerie vanessa vera victoria violet virginia wendy yvonne zoe
    adriana alejandra beatriz carolina catalina claudia cristina daniela elena esperanza fernanda gabriela
    guadalupe ines isabel juana leticia lorena lucia luisa marisol mercedes paola pilar raquel rocio
    rosario silvia valentina ximena yolanda giulia chiara federica francesca alessandra elisa giovanna
    lucrezia simona beatrix brigitte claudine delphine elodie genevieve helene isabelle josephine
    juliette margot marion mathilde nathalie sophie sylvie veronique birgit greta heike ilse ingrid
    jutta karin katrin liesel monika petra sabine ursula astrid freya hanne kirsten liv maja sigrid
    solveig aaliyah aisha amira fatima hana khadija layla leila mariam maryam noor salma yasmin zainab
    zahra abena adaeze amara ayesha chiamaka ngozi nia thandiwe wanjiru zanele anjali deepa divya kavya
    lakshmi meera neha pooja priyanka shreya sunita olena oksana svetlana tatiana yulia natasha irina
    ekaterina anastasia agnieszka katarzyna malgorzata magdalena
    """
_MALE_GIVEN = """
    aaron adam adrian ahmed alan albert alexander alfred ali andrew angus anthony antonio arthur barry ben
    benjamin bernard bill bob boris brian bruce carl carlos charles christopher colin craig dan daniel
    darren david dennis derek dominic donald douglas duncan edward eric ernest frank fred frederick gareth
    gary geoffrey george gerald giovanni gordon graham greg gregory harry henry howard hugh ian isaac ivan
    jack jacob jake james jason jeffrey jeremy jim joe john jonathan jose joseph juan julian justin keith
    kenneth kevin kofi lars lee_m leonard liam louis luca lucas luka luke malcolm marco mark martin matthew
    michael mike mohamed mohammed muhammad neil nicholas nick nigel oliver omar oscar patrick paul peter
    philip pierre rafael ralph raymond richard robert rodney roger ronald rory roy russell ryan samuel
    scott sean sebastian simon stanley stephen steve steven stuart thomas timothy tom tony trevor victor
    vincent walter wayne william
    alejandro alberto alfonso andres angel antonio armando arturo diego eduardo emilio enrique esteban
    felipe fernando francisco gonzalo guillermo gustavo hector hugo ignacio javier joaquin jorge luis
    manuel marcos mario miguel nicolas pablo pedro rafael ramon raul ricardo roberto rodrigo salvador
    santiago sergio tomas vicente joao diogo goncalo rui tiago alessandro andrea_m davide enrico fabio
    federico francesco gianluca giuseppe lorenzo massimo matteo paolo riccardo roberto salvatore stefano
    alain antoine bernard christophe didier emmanuel etienne francois guillaume jacques jean-pierre
    laurent luc marcel mathieu olivier philippe pierre rene thierry yves dieter florian friedrich gunter
    hans heinrich helmut jens jurgen klaus lukas manfred markus matthias stefan thomas uwe wolfgang anders
    bjorn erik gunnar henrik lars magnus nils olaf sven ahmed ahmad hassan hussein ibrahim karim khaled
    khalid mahmoud mustafa omar rashid saeed tariq youssef yusuf abdullah kwame kofi chinedu emeka femi
    oluwaseun tunde jomo kagiso sipho thabo arjun amit anil ashok deepak rahul rajesh ravi sanjay suresh
    vikram aleksandr alexei andrei dmitri igor mikhail nikolai oleksandr sergei vladimir volodymyr yuri
    piotr tomasz krzysztof jakub wojciech ivor owen rhys gareth dylan
    """
GIVEN_NAME_GENDER = {**{n: "m" for n in _MALE_GIVEN.split() if "_" not in n},
                     **{n: "f" for n in _FEMALE_GIVEN.split() if "_" not in n}}


_DEMONYM_WORDS = {
    "frenchman", "frenchwoman", "dutchman", "dutchwoman", "englishman", "englishwoman", "irishman",
    "irishwoman", "welshman", "welshwoman", "scotsman", "scotswoman", "spaniard", "briton", "scot", "dane",
    "swede", "finn", "pole", "serb", "croat", "czech", "greek", "turk", "swiss", "thai", "kiwi", "aussie",
    "american", "german", "argentine", "israeli", "iraqi", "pakistani", "kazakh", "uzbek", "slovak",
}
_GIVEN_LIKE_DEMONYMS = {"christian", "cristian", "sebastian", "julian", "adrian", "damian", "fabian", "brian",
                        "maximilian", "vivian", "lillian", "gillian", "marian", "florian", "kilian", "killian",
                        "lucian", "dorian", "cyprian", "jillian", "jordan"}


def is_demonym(word: str) -> bool:
    """Return True for a nationality word ("Croatian", "Japanese", "Frenchman"), not a given name."""
    low = word.lower().strip("’'.,")
    if low in _DEMONYM_WORDS:
        return True
    if not word[:1].isupper() or low in _GIVEN_LIKE_DEMONYMS or low in GIVEN_NAME_GENDER:
        return False
    return len(low) >= 6 and low.endswith(("ian", "ese", "ish", "ean", "can"))


# US style puts a legislator's party and state after the name: "Sen. Ann Lee (D-Calif.) said".
PARTY_STATE = re.compile(r"\s\([DRI]-[A-Z][A-Za-z.]*\)(?=[\s,.;:]|$)")


def given_name_gender(name: str) -> str | None:
    """Return "m" or "f" for a full name whose first word is a common single-gender given name."""
    words = name.split()
    return GIVEN_NAME_GENDER.get(words[0].lower()) if len(words) > 1 else None


NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "al", "bin", "ben",
                  "el", "dos", "das", "del", "della", "ter", "ten", "st"}


@dataclass(frozen=True)
class NameHit:
    """A person's name found in a text: where, the name, and what the text says about them."""

    start: int
    end: int
    name: str
    role: str | None = None
    gender: str | None = None
    possessive: bool = False


def is_name_token(word: str) -> bool:
    """Return True for a capitalised word that may be part of a person's name."""
    bare = word.rstrip(".").rstrip("’'")
    if len(bare) < 2 or not bare[0].isupper() or bare.lower() in NOT_NAME:
        return False
    if bare.isupper() and len(bare) > 1 and "." not in word:
        return False  # acronyms: UCU, BMO, US
    return bool(re.fullmatch(r"[A-Z][\w’'-]*", bare)) and any(c.islower() for c in bare)


def title_head(words: list[str]) -> int:
    """Return the index of the last title noun in ``words`` (-1 if none)."""
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower().strip("’',")
        if word in TITLE_NOUNS or word.split("-")[-1] in TITLE_NOUNS:  # "Director-General"
            return i
    return -1


def _modifier_like(word: str) -> bool:
    low = word.lower().strip("’'.,")
    return (low in ROLE_MODIFIERS or low in TITLE_NOUNS or low in {"the", "a", "an"} or word.isupper()
            or bool(re.search(r"(?:an|ese|ish|ch|i)$", low)))


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised run into (title words, name words).

    A title precedes a name ("Fed Chair Janet Yellen"); a run that ends in a title noun
    is a bare title only when everything before it is title-like ("UK Defence
    Secretary"), otherwise the noun is a surname ("Anne Bishop").
    """
    head = title_head(words[:-1])
    if head >= 0:
        return words[: head + 1], words[head + 1:]
    if words and words[-1].lower().strip("’'.,") in TITLE_NOUNS and all(_modifier_like(w) for w in words[:-1]):
        return words, []
    return [], words


def clean_role(role: str) -> str | None:
    """Return a role phrase without its leading article and trailing punctuation."""
    role = re.sub(r"^(?:the|a|an)\s+", "", role.strip(" ,;:."), flags=re.I).strip()
    return role or None


def looks_like_org(words: list[str]) -> bool:
    """Return True when a capitalised run reads as an organisation or a place."""
    lowered = [w.lower().strip("’'.,") for w in words]
    singular = [w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") else w for w in lowered]
    return any(w in ORG_WORDS for w in lowered + singular)


def _capitalised_runs(text: str) -> list[list[tuple[int, str]]]:
    """Return runs of capitalised words (with name particles) as (offset, word) lists.

    A run stops at punctuation after a word, at a line break, and after a possessive.
    """
    runs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    last_end = -1
    for match in re.finditer(r"[^\s]+", text):
        word = match.group(0)
        core = word.lstrip("“‘\"'[")
        offset = match.start() + (len(word) - len(core))
        gap = text[last_end:match.start()] if last_end >= 0 else " "
        capital = bool(re.match(r"[A-Z]", core))
        particle = core in NAME_PARTICLES and bool(current)
        if current and ("\n" in gap or core != word):
            runs.append(current)
            current = []
        if capital or particle:
            trimmed = re.sub(r"[,.;:!?”’\"')\]]+$", "", core) if not re.fullmatch(r"[A-Z]\.", core) else core
            possessive = re.match(r"(.+?[’']s?)[,.;:!?”\"')\]]*$", core)
            if possessive and re.search(r"[’']s?$", possessive.group(1)) and len(possessive.group(1)) > 2:
                trimmed = possessive.group(1)  # keep the mark: "Jones’s", "Kyrgios’"
            current.append((offset, trimmed))
            honorific = core.endswith(".") and core[:-1].lower() in HONORIFICS
            ended = (trimmed != core and not honorific) or trimmed.endswith(("’s", "'s", "’", "'"))
            if ended:
                runs.append(current)
                current = []
        elif current:
            runs.append(current)
            current = []
        last_end = match.end()
    if current:
        runs.append(current)
    return [run for run in runs if run]


def find_people(text: str) -> list[NameHit]:
    """Return the people named in ``text``: full names with any role given beside them.

    Single capitalised words count only with an honorific or a title in front
    ("Mr Healey", "Brazil star Neymar"); longer runs count unless they read as an
    organisation or a place.
    """
    hits: list[NameHit] = []
    flat = PARTY_STATE.sub(lambda m: " " * len(m.group(0)), text)  # "Sen. Ann Lee (D-Calif.)"
    flat = flat.replace("(", " ").replace(")", " ")  # "(Russian President Vladimir) Putin"
    for run in _capitalised_runs(flat):
        while run and run[-1][1] in NAME_PARTICLES:
            run = run[:-1]
        while run and run[0][1].lower().strip("’'.,") in NOT_NAME:
            run = run[1:]
        gender = None
        honorific = False
        while run and run[0][1].lower().rstrip(".") in HONORIFICS and len(run) > 1:
            gender = gender or HONORIFICS[run[0][1].lower().rstrip(".")]
            honorific = True
            run = run[1:]
        if not run:
            continue
        words = [w for _, w in run]
        offsets = [o for o, _ in run]
        role_words, name_words = split_title(words)
        if not role_words and len(words) >= 3 and is_demonym(words[0]):
            role_words, name_words = words[:1], words[1:]  # "Croatian Ivan Kovac", "Frenchman Luc Moreau"
        name_offsets = offsets[len(role_words):]
        if not name_words:
            continue
        end = name_offsets[-1] + len(name_words[-1])
        possessive = name_words[-1].endswith(("’s", "'s", "’", "'"))
        name_words = [w[:-2] if w.endswith(("’s", "'s")) else w.rstrip("’'") for w in name_words]
        while name_words and not is_name_token(name_words[0]):
            name_words, name_offsets = name_words[1:], name_offsets[1:]
        if not name_words or not all(is_name_token(w) or w.lower() in NAME_PARTICLES for w in name_words):
            continue
        before = _tail(flat[:offsets[0]]).rstrip()  # lookbacks need only the words just before
        title_of = re.search(r"((?:[A-Z][\w-]*\s+)*(?:[A-Z][\w-]*|[a-z]+))\s+(?:of|for)$", before)
        titled = bool(title_of and title_of.group(1).split()[-1].lower() in TITLE_NOUNS)
        if titled and not role_words and len(name_words) > 2:
            # "Secretary of State Marco Rubio": the title's complement is not part of the name
            role_words = [title_of.group(1), before[title_of.end(1):].strip()] + name_words[:-2]
            name_words, name_offsets = name_words[-2:], name_offsets[-2:]
        if looks_like_org(name_words):
            continue
        if not role_words and len(name_words) == 2 and re.search(r"(?:ian|ese|ish|an|ic)$", name_words[0]) \
                and name_words[1].endswith("s") and not name_words[1].endswith("ss"):
            continue  # "Tunisian Islamists", "Egyptian Copts": a people, not a person
        start = name_offsets[0]
        lower_role = _lowercase_role_before(before) if not role_words else None
        role = " ".join(role_words) if role_words else lower_role
        if len(name_words) == 1 and not role and not honorific:
            continue
        if role is None and not honorific and re.search(r"\b(?:the|The)\W*$", before):
            continue  # "the Arab Spring", "the Bardo"
        if not honorific and not titled and re.search(r"[A-Z][\w’'.-]*\s+(?:for|of)$", before):
            continue  # the tail of an organisation's or a place's name: "Institute for Fiscal Studies"
        if role is None:
            role = appositive_role(flat, end) or _role_before_appositive(flat, start)
        if role is None:
            # the organisation someone speaks for: "Ruth Kemp of FairFuel", "Dr Ann Cole of the University of Leeds"
            affiliation = re.match(r",?\s+(?:of|from|at)\s+(?:the\s+)?([A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*)*"
                                   r"(?:\s+(?:of|for|&)\s+(?:the\s+)?[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*)*)*)",
                                   flat[end:])
            if affiliation:
                role = affiliation.group(1).rstrip(".,")
        if role_words and role_words[-1].lower() == "counterpart":
            role = None
        gender = gender or given_name_gender(" ".join(name_words))
        hits.append(NameHit(start, end, " ".join(name_words), clean_role(role) if role else None,
                            gender, possessive))
    return hits


def _tail(text: str, size: int = 300) -> str:
    """Return the last ``size`` characters of ``text``, from a word boundary.

    Lookbacks anchored at the end of a long prefix would otherwise rescan the whole
    paragraph for every name (quadratic on a 100k-character paragraph).
    """
    if len(text) <= size:
        return text
    cut = text.find(" ", len(text) - size)
    return text[cut:] if cut >= 0 else text[-size:]


def _lowercase_role_before(before: str) -> str | None:
    """Return a lowercase title run just before a name ("Norwegian defence minister")."""
    words = before.split()
    if len(words) > 1 and words[-1].lower().rstrip(".") in HONORIFICS and words[-2].lower() in TITLE_NOUNS:
        words = words[:-1]  # "senior lecturer Dr Ann Cole"
    if not words or words[-1].lower() not in TITLE_NOUNS or words[-1].lower() == "counterpart":
        return None
    taken: list[str] = []
    for word in reversed(words):
        low = word.lower()
        # "council leader", "union boss", "hospital spokesman": an institution's noun modifies the title
        if (low in TITLE_NOUNS or low in ROLE_MODIFIERS or (low in ORG_WORDS and word.isalpha())
                or (word[0].isupper() and low not in NOT_NAME)) \
                and len(taken) < 6 and not word.endswith((",", ".", ";", ":")):
            taken.insert(0, word)
        else:
            break
    return " ".join(taken) if taken else None


def appositive_role(text: str, end: int) -> str | None:
    """Return the role in an appositive after a name ("Jo Grady, the UCU general secretary,")."""
    # "Ann Cole, 54, the council leader": an age may come first
    match = re.match(r"(?:\s*,\s+\d{1,3}(?=,))?\s*,\s+((?:the|a|an)\s+)?([^,.;:“”\"()]{2,90}?)(?=,|\.(?:\s|$)|;|$)",
                     text[end:])
    if not match:
        return None
    phrase = match.group(2)
    words = phrase.split()
    if not words or words[0].lower() in {"who", "which", "whose", "said", "says", "and", "but", "he", "she"}:
        return None
    if any(w.lower().strip("’'") in TITLE_NOUNS for w in words[:6]):
        return phrase
    return None


def _role_before_appositive(text: str, start: int) -> str | None:
    """Return the role in "The leader of Ennahda, Rachid Ghannouchi," (role, then name)."""
    match = re.search(r"(?:^|[.;,]\s+|\s)(?:[Tt]he|[Aa]n?)\s+([^,.;“”\"]{2,70}),\s*$", _tail(text[:start]))
    if not match:
        return None
    phrase = match.group(1)
    if title_head(phrase.split()) >= 0:
        return phrase
    return None


__all__ = [
    "HONORIFICS", "PARTY_STATE", "appositive_role", "NameHit", "split_title", "ORG_WORDS", "SPOKESPEOPLE", "TITLE_NOUNS", "TITLE_SYNONYMS",
    "clean_role", "find_people", "is_demonym", "is_name_token", "looks_like_org", "title_head",
]
