"""Attributing quotations: cues, both word orders, references (surname, honorific, pronoun, role), sources."""

from __future__ import annotations

import pytest

from knowledge.names import find_people
from tests.knowledge.made_up import article, speakers_of


@pytest.mark.parametrize(
    "paragraph, cue",
    [
        ("“The plan works,” said Oskar Lind.", "said"),
        ("“The plan works,” Oskar Lind said.", "said"),
        ("“The plan works,” Oskar Lind told reporters on Friday.", "told reporters"),
        ("Oskar Lind told reporters: “The plan works.”", "told reporters"),
        ("Oskar Lind warned that the scheme was “a plan that works badly”.", "warned"),
        ("“The plan works,” Oskar Lind declared in a televised address.", "declared"),
        ("Oskar Lind has repeatedly said the plan “works for everyone”.", "said"),
        ("Oskar Lind vowed the plan would be “finished by spring”.", "vowed"),
        ("Oskar Lind accused the board of “wrecking the plan on purpose”.", "accused ... of"),
        ("“The plan works,” Oskar Lind said in a statement.", "said in a statement"),
        ("The plan “works for everyone”, according to Oskar Lind.", "according to"),
    ],
)
def test_cues_in_both_orders(paragraph, cue):
    a = article(paragraph)
    assert speakers_of(a) == ["Oskar Lind"]
    assert a.quotes[0].cue == cue


def test_participle_cue_borrows_the_sentence_subject():
    a = article("Oskar Lind said the talks would “continue next week”, adding: “Nobody is leaving the table.”")
    assert speakers_of(a) == ["Oskar Lind", "Oskar Lind"]
    assert a.quotes[1].cue == "adding"


def test_a_participle_after_an_appositive_name_borrows_the_sentence_subject():
    a = article(
        "Oskar Lind visited the studio to discuss his rival, Hanna Keller, saying she would be "
        "“a far better mayor” than the others."
    )
    assert speakers_of(a) == ["Oskar Lind"]


def test_short_quote_attached_to_someone_elses_words():
    a = article(
        "Jean Moreau spoke first. Hanna Keller replied later.",
        "Asked about Mr Moreau’s claim that the deal was “dead on arrival”, Ms Keller told "
        "journalists: “The deal is alive and well.”",
    )
    assert [(q.text, q.speaker) for q in a.quotes] == [
        ("dead on arrival", "Jean Moreau"),
        ("The deal is alive and well.", "Hanna Keller"),
    ]


def test_what_she_called_before_the_name_points_forward():
    a = article(
        "Speaking at what she called “the turning point” of the summit, Ines Alvarez said the treaty was close."
    )
    assert speakers_of(a) == ["Ines Alvarez"]
    assert a.quotes[0].cue == "what she called"


def test_surname_and_honorific_resolve_to_the_first_full_name():
    a = article(
        "Finance Minister Keiko Tanaka presented the budget on Monday.",
        "“We have balanced the books,” Tanaka said.",
        "Ms. Tanaka added that taxes would “stay where they are”.",
    )
    assert speakers_of(a) == ["Keiko Tanaka", "Keiko Tanaka"]
    speaker = a.speaker("Keiko Tanaka")
    assert speaker.role == "Finance Minister"
    assert "Tanaka" in speaker.aliases and "Ms. Tanaka" in speaker.aliases


def test_pronouns_follow_the_last_compatible_speaker():
    a = article(
        "“Prices will fall,” said Mr Omar Haddad.",
        "Mrs Lucia Romano disagreed. “They will not,” she said.",
        "“They will, within a year,” he said.",
    )
    assert speakers_of(a) == ["Omar Haddad", "Lucia Romano", "Omar Haddad"]


def test_pronoun_skips_a_possessive_mention():
    a = article(
        "“We are cautious,” Dana Whitfield said.",
        "Though Mr Grant’s plan is still unclear, she said “some members” were nervous.",
    )
    assert speakers_of(a) == ["Dana Whitfield", "Dana Whitfield"]


def test_role_noun_resolves_through_a_premodified_title():
    a = article(
        "Home Secretary Aled Price visited the border on Tuesday.",
        "The Home Secretary said the checks were “working as intended”.",
    )
    assert speakers_of(a) == ["Aled Price"]
    assert "The Home Secretary" in a.speaker("Aled Price").aliases


def test_a_fuller_role_reference_enriches_the_role():
    a = article(
        "Defence Secretary Mia Holt flew to Oslo.", "The UK Defence Secretary said the visit was “long overdue”."
    )
    assert speakers_of(a) == ["Mia Holt"]
    assert a.speaker("Mia Holt").role == "UK Defence Secretary"


def test_role_noun_in_the_lede_belongs_to_the_next_named_speaker():
    a = article(
        "Schools will reopen next month, which could “restore some normality”, the Education Minister has said.",
        "Speaking in Leeds, Maya Osei said teachers were “ready and willing”.",
    )
    assert speakers_of(a) == ["Maya Osei", "Maya Osei"]


def test_counterpart_shares_the_title_of_the_possessor():
    a = article(
        "French President Anne Colbert met her German counterpart Felix Brandt in Paris.",
        "The German president later said the talks had been “frank and useful”.",
    )
    assert speakers_of(a) == ["Felix Brandt"]
    assert a.speaker("Felix Brandt").role == "German President"


def test_role_noun_with_a_conflicting_qualifier_is_not_resolved_to_the_wrong_person():
    a = article(
        "French President Anne Colbert spoke in Paris.",
        "The Spanish president said the plan was “out of the question” for Madrid.",
    )
    assert "Anne Colbert" not in speakers_of(a)


def test_appositive_and_inverted_roles():
    a = article(
        "Liam Byrne, the union’s general secretary, said pay was “the only issue”.",
        "“It is not,” said Sara Nilsen, chief economist at Nordbank.",
    )
    assert speakers_of(a) == ["Liam Byrne", "Sara Nilsen"]
    assert a.speaker("Liam Byrne").role == "union’s general secretary"
    assert a.speaker("Sara Nilsen").role == "chief economist at Nordbank"


def test_unnamed_spokesperson_is_a_speaker_and_he_continues_it():
    a = article(
        "A spokesperson for the National Rail Operators Group (NROG) said fares would “rise modestly”.",
        "“We understand passengers’ frustration,” he said.",
    )
    assert speakers_of(a) == ["NROG spokesperson", "NROG spokesperson"]


def test_institution_short_form_takes_the_full_name():
    a = article(
        "The Metropolitan Police opened an inquiry on Monday.",
        "The incident was “being treated as suspicious”, the Met said.",
    )
    assert speakers_of(a) == ["the Metropolitan Police"]


def test_report_as_a_source():
    a = article(
        "Rents are rising fastest in small towns, says a report highlighting the “quiet crisis outside the cities”.",
        "The report by the Housing Policy Institute calls for new building.",
    )
    assert speakers_of(a) == ["Housing Policy Institute report"]


def test_paragraph_that_opens_a_quote_without_attribution_continues_the_previous_speaker():
    a = article(
        "“We will appeal,” said the club’s chairman, Piet de Vries.", "“The decision is wrong and the fans know it.”"
    )
    assert speakers_of(a) == ["Piet de Vries", "Piet de Vries"]
    assert a.quotes[1].kind == "continued"
    assert a.quotes[1].cue is None


def test_quote_in_a_later_clause_of_the_sentence():
    a = article("“We must read the small print” of the treaty first, Yara Haddad said.")
    assert speakers_of(a) == ["Yara Haddad"]


def test_people_named_but_never_quoted_are_mentions_not_speakers():
    a = article(
        "Coach Erik Sund praised striker Tomas Berg after the game.",
        "“We owe this to (club owner Harald) Moen and the fans,” Sund said.",
        "Berg did not speak to reporters.",
    )
    assert [s.name for s in a.speakers] == ["Erik Sund"]
    mentioned = {m.name: m for m in a.mentions}
    assert "Tomas Berg" in mentioned and "Harald Moen" in mentioned
    assert mentioned["Tomas Berg"].paragraphs == [0, 2]
    assert "Erik Sund" not in mentioned


def test_same_surname_goes_to_the_most_recent_full_name():
    a = article(
        "Maximo Gonzalez won in the morning.",
        "Later, Alejandro Gonzalez lost in three sets.",
        "“I was tired,” Gonzalez said.",
    )
    assert speakers_of(a) == ["Alejandro Gonzalez"]


def test_group_subjects_are_sources():
    a = article("Officials said the bridge was “structurally sound” after the inspection.")
    assert speakers_of(a) == ["officials"]


def test_pronoun_prefers_a_person_who_is_subject_earlier_in_the_same_sentence():
    a = article(
        "“We stand firm,” said Prime Minister Tom Hale, as his chancellor, Ruth Evans, prepares a "
        "budget she described as “tough but fair”."
    )
    assert speakers_of(a) == ["Tom Hale", "Ruth Evans"]


def test_participial_and_age_appositives_between_subject_and_verb():
    a = article(
        "Station manager Sarah Ode, 47, said crews had worked “around the clock”.",
        "Local resident Tom Finch, speaking outside his home, said the smoke was “unbearable”.",
    )
    assert speakers_of(a) == ["Sarah Ode", "Tom Finch"]
    assert a.speaker("Sarah Ode").role == "Station manager"


def test_organisation_names_keep_their_function_words():
    a = article("The Institute for Fiscal Studies said the plans left “very little headroom”.")
    assert speakers_of(a) == ["the Institute for Fiscal Studies"]
    assert not a.mentions


def test_unattributed_opening_quote_after_a_new_subject_belongs_to_that_person():
    a = article(
        "“We will appeal,” said Mark Olsen.",
        "Nina Petrova, a local farmer, disagreed with the decision.",
        "“The ruling is fair and everybody here knows it.”",
    )
    assert speakers_of(a) == ["Mark Olsen", "Nina Petrova"]


def test_full_quote_after_the_paragraphs_subject_belongs_to_the_subject():
    a = article("Greta Lund was blunt. “This is a disaster for everyone in the valley.”")
    assert speakers_of(a) == ["Greta Lund"]


def test_anonymous_official_keeps_its_description():
    a = article("“The talks are over,” a senior official told reporters on condition of anonymity.")
    assert speakers_of(a) == ["senior official"]


def test_title_of_complement_and_lowercase_role_reference():
    a = article(
        "US Secretary of State Ava Brooks called the attack “unacceptable” on Monday.",
        "The secretary of state later told CNN: “We are not going to let this stand.”",
    )
    assert speakers_of(a) == ["Ava Brooks", "Ava Brooks"]
    assert a.speaker("Ava Brooks").role == "US Secretary of State"
    assert a.quotes[1].cue == "told CNN"


def test_name_of_place_is_the_person_not_the_place():
    a = article("“It is outrageous,” Senator Lee Dunn of South Dakota wrote on social media.")
    assert speakers_of(a) == ["Lee Dunn"]


def test_inverted_order_needs_no_following_verb():
    # "said the court had ...": the court is what was said about, not who said it
    a = article("Senator Ida Park, Democrat of Ohio, said the court had “lost its way.”")
    assert speakers_of(a) == ["Ida Park"]


def test_nationality_and_age_references_go_to_the_last_person():
    a = article(
        "Chelsea boss Enzo Conti was less pleased. “We deserved at least a point,” he said.",
        "The Italian added that the referee had made “a clear mistake” before the goal.",
    )
    assert speakers_of(a) == ["Enzo Conti", "Enzo Conti"]


def test_possessive_group_and_organisation_with_and():
    a = article(
        "The court agreed to hear the case, a move that Mr. Hart’s aides called “deeply disappointing.”",
        "Brighton and Hove City Council said it was “sorry to hear” about the closure.",
    )
    assert speakers_of(a) == ["Mr. Hart’s aides", "Brighton and Hove City Council"]


def test_surnames_that_look_like_titles_or_places_are_names():
    a = article(
        "“We stay,” said Anne Bishop.",
        "“We go,” Senator Ida Park said.",
        "“Maybe,” said Tom Hall.",
        "Later, Bishop said the vote was “a formality”.",
    )
    assert speakers_of(a) == ["Anne Bishop", "Ida Park", "Tom Hall", "Anne Bishop"]


def test_told_names_the_hearer_never_the_speaker():
    a = article("“I don’t know what happened,” Reid, a former soldier, told the court. “I just remember the noise.”")
    assert speakers_of(a) == ["Reid", "Reid"]
    assert a.quotes[0].cue == "told the court"


def test_the_company_refers_back_to_the_named_institution():
    a = article(
        "In a statement, Acme Corp said it “regrets the inconvenience” and would refund customers.",
        "The company added: “We are working around the clock to fix the problem.”",
    )
    assert speakers_of(a) == ["Acme Corp", "Acme Corp"]


def test_spokesperson_of_a_described_owner_keeps_the_description():
    a = article("The prime minister’s spokesman said: “The PM has full confidence in the chancellor.”")
    assert speakers_of(a) == ["prime minister’s spokesman"]


def test_participle_skips_a_possessive_frame_for_the_main_subject():
    a = article(
        "Jon Smith rejected Ella Jones’s claim that the plan was “dead on arrival”, saying it was “very much alive”."
    )
    assert speakers_of(a) == ["Ella Jones", "Jon Smith"]


def test_gender_from_role_nouns_and_his_keeps_pronouns_apart():
    a = article(
        "Nurse Maria Lopes said staff were exhausted.",
        "Hospital spokesman Tom Reilly said the hospital was hiring.",
        "“We have been working double shifts for months,” she said.",
        "Kai Brandt, the ward manager, said his team was “at breaking point”.",
        "“Nobody listens to us,” she said.",
    )
    assert speakers_of(a) == ["Maria Lopes", "Kai Brandt", "Maria Lopes"]


def test_surnames_ending_in_ly_are_not_adverbs():
    a = article("“It is fine,” Grace Kelly said.", "Tom Reilly later said the plan was “far from fine”.")
    assert speakers_of(a) == ["Grace Kelly", "Tom Reilly"]


def test_spokesperson_for_a_lowercase_institution():
    a = article("A spokeswoman for the health ministry said it was “monitoring the situation”.")
    assert speakers_of(a) == ["health ministry spokeswoman"]


def test_possessive_pronoun_frames():
    a = article(
        "Leo Marsh spoke for an hour. The plan, in his words, was “a joke from start to finish”.",
        "Sara Vik repeated her warning that prices would “keep rising”.",
    )
    assert speakers_of(a) == ["Leo Marsh", "Sara Vik"]


def test_a_frame_closing_the_previous_paragraph_owns_the_next_quote():
    a = article(
        "“We are done,” said Carl Holm.",
        "In a statement on Friday, the director, Mona Eik, said:",
        "“We will reopen the museum in the spring, with free entry for a month.”",
    )
    assert speakers_of(a) == ["Carl Holm", "Mona Eik"]


def test_people_joined_by_and_keep_their_full_names():
    a = article(
        "Ana Diaz and Marta Ruiz won the doubles for the Universities and Colleges Sports Union.",
        "“It was special,” Ruiz said.",
    )
    assert speakers_of(a) == ["Marta Ruiz"]
    assert {m.name for m in a.mentions} == {"Ana Diaz"}


def test_possessive_institutions_groups_at_firms_and_hyphenated_titles():
    a = article(
        "Israel’s military said it was targeting “militant infrastructure” in the area.",
        "Analysts at Morgan Stanley wrote in a note that the guidance was “sobering”.",
        "Director-General Tedros Adhanom Ghebreyesus told a news conference: “This is a virus we can stop.”",
        "“We have the tools,” Tedros said.",
        "Minister Eva Lind declined to comment. Her office said she “stands by every word”.",
    )
    assert speakers_of(a) == [
        "Israel’s military",
        "analysts at Morgan Stanley",
        "Tedros Adhanom Ghebreyesus",
        "Tedros Adhanom Ghebreyesus",
        "Eva Lind’s office",
    ]
    assert a.speaker("Tedros Adhanom Ghebreyesus").role == "Director-General"


def test_passive_naming_is_not_attribution():
    a = article("Rafa Lobo won again on Sunday. He has long been dubbed “the king of clay” by fans.")
    assert all(q.speaker is None for q in a.quotes)


def test_role_references_without_a_titled_person():
    a = article(
        "Boris Johnson has said he “won’t be bullied” by critics.",
        "Speaking in Kent, the former prime minister said: “I’m not going anywhere.”",
        "West Yorkshire Police said officers were “aware of the incident”.",
        "The dog’s owner, who has not been named, said: “I’m devastated.”",
    )
    assert speakers_of(a) == ["Boris Johnson", "Boris Johnson", "West Yorkshire Police", "the dog’s owner"]


def test_a_lede_role_nobody_named_holds_becomes_an_unnamed_official():
    a = article(
        "Fuel duty will rise, “but only modestly”, the minister has said.",
        "Campaigners reacted with anger. “This is a betrayal of drivers,” said Ruth Kemp of FairFuel.",
    )
    assert speakers_of(a)[0] == "the minister"


def test_a_role_noun_after_a_participle_introduction_and_a_coordinated_verb():
    a = article(
        "Tess Marlow thanked fans online, writing: “You made this the best year of my life.”",
        "The singer, 34, added that she was “so grateful” for the support.",
        "Ida Rowe described the night as “terrifying” and said she had “never felt so helpless”.",
    )
    assert speakers_of(a) == ["Tess Marlow", "Tess Marlow", "Ida Rowe", "Ida Rowe"]
    assert a.speaker("Tess Marlow").role == "singer"
    assert a.quotes[3].cue == "said"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ann Cole testified that the contract was “signed in good faith and paid in full”.",
        "Ann Cole indicated that “temporary closures” might be necessary.",
        "“Ladies and gentlemen, the mayor,” Ann Cole interjected.",
    ],
)
def test_less_common_cue_verbs_frame_a_quotation(paragraph):
    assert speakers_of(article(paragraph)) == ["Ann Cole"]


def test_a_document_that_reads_is_the_source():
    a = article(
        "The council sent residents a letter. “We regret the delay and will reopen the bridge in May,” read the letter."
    )
    assert speakers_of(a) == ["the letter"]


@pytest.mark.parametrize(
    "paragraphs, speaker",
    [
        (
            (
                "Oskar Lind lost the vote to Hanna Keller.",
                "Lind credited the result to “a closed primary that nobody here wanted”.",
            ),
            "Oskar Lind",
        ),
        (
            ("The Harbour Board was blunt in its findings: “Further discussion of the matter is unnecessary.”",),
            "the Harbour Board",
        ),
    ],
)
def test_an_unclaimed_quotation_belongs_to_the_subject_that_opens_its_sentence(paragraphs, speaker):
    assert speakers_of(article(*paragraphs)) == [speaker]


@pytest.mark.parametrize(
    "paragraph, speaker",
    [
        ("“The bridge will reopen in May,“ said Ann Cole, the council leader.", "Ann Cole"),
        ("“The bridge will reopen in May,” said Liberal Sen. Ann Cole.", "Ann Cole"),
        ("“The bridge will reopen in May,” said one person with knowledge of the talks.", "person"),
        ("“The bridge will reopen in May,” said one Cole confidant.", "Cole confidant"),
    ],
)
def test_inverted_frames_after_real_world_marks_and_sources(paragraph, speaker):
    assert speakers_of(article(paragraph)) == [speaker]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“The bridge should have reopened a year ago. Nobody listens to us.” ― Ann Cole",
        "“The bridge should have reopened a year ago. Nobody listens to us.”— Ann Cole, 54, of Leeds",
        "“The bridge should have reopened a year ago. Nobody listens to us.” - Leeds rowing coach Ann Cole, after the regatta.",
        "“The bridge should have reopened a year ago. Nobody listens to us.” - club coach Ann Cole talking about the crossing.",
    ],
)
def test_a_dash_byline_after_a_quotation_names_its_speaker(paragraph):
    a = article("Readers told us what they think of the bridge.", paragraph)
    assert speakers_of(a) == ["Ann Cole"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "She fought the closure - “the bridge is ours” - then moved to the North in search of work.",
        "He asked - “why does nobody listen?” - Councillors in Leeds said they were unmoved.",
    ],
)
def test_a_spaced_hyphen_between_clauses_is_no_byline(paragraph):
    a = article("Ann Cole has campaigned for the bridge for years.", paragraph)
    assert "North" not in speakers_of(a) and "Councillors" not in speakers_of(a)


def test_a_known_name_before_a_colon_labels_the_quotation():
    a = article(
        "Pollster Ann Cole has studied turnout for years.",
        "Tom Ross disagrees with her. Cole: “Turnout will be the highest in decades.”",
    )
    assert speakers_of(a) == ["Ann Cole"]


def test_a_capitalised_adjective_before_a_speech_noun_is_no_speaker():
    a = article(
        "Institute director Ivo Marsh replied that the site flags so many Liberal claims because they lack context.",
        "“We are not just checking numbers,” he told reporters.",
    )
    assert speakers_of(a) == ["Ivo Marsh"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Another child responded, “That is the husband of the candidate.”", "another child"),
        ("Holding signs, the protesters chanted “Bad for the state, bad for you.”", "protesters"),
        (
            "One such contract, obtained by the Herald, bars staff from speaking “for as long as they draw a salary.”",
            "one such contract",
        ),
        (
            "Her housing plan would “put a roof over every family in the county by the end of the decade.”",
            "her housing plan",
        ),
    ],
)
def test_a_sentence_whose_subject_is_a_description_is_theirs_not_the_person_named_before(sentence, speaker):
    a = article("Nancy Pelosi told members about a reception at the White House. " + sentence)
    assert speakers_of(a) == [speaker]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“Mexico will pay for it!” the crowd yelled.", "the crowd"),
        ("“The defendant knew the claims were false,” the suit reads.", "suit"),
    ],
)
def test_a_described_source_right_after_the_quotation_is_its_speaker(paragraph, speaker):
    a = article("Donald Trump asked the rally who would pay for the wall.", paragraph)
    assert len(a.quotes) == 1 and speaker in (a.quotes[0].speaker or "")


def test_a_quotation_after_a_sentence_whose_subject_is_a_surname_is_that_persons():
    a = article(
        "John Bolton and Sebastian Gorka spoke at the conference on Monday.",
        "Bolton distanced himself from the movement. “I will back him, and back him loudly, all the way to the count.”",
    )
    assert speakers_of(a) == ["John Bolton"]


def test_a_capitalised_word_that_opens_a_sentence_is_no_speaker():
    a = article(
        "Ann Lee was booed outside the town hall.",
        "Holding signs calling Lee “a loser,” the protesters chanted “Ann Lee: Bad for Maine, bad for you.”",
    )
    assert "Holding" not in speakers_of(a)


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“The race is open,” said Leeds State University political scientist Pat Harlow.", "Pat Harlow"),
        ("“I was hoping for someone else,” said Air Force 1st Lt. Tom Hale.", "Tom Hale"),
        ("“He puts us at risk,” said Cruz constituent Dan Golding when asked about the bill.", "Dan Golding"),
        ("“He puts us at risk,” said Cruz when asked about Ann Lee.", "Ted Cruz"),
    ],
)
def test_an_inverted_subject_runs_on_through_a_lowercase_role_to_the_name(paragraph, speaker):
    a = article("Ted Cruz spoke at the rally on Monday.", paragraph)
    assert speakers_of(a) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "A federal lawsuit filed in 2013 challenged the policy, calling it “a cover for cutting the pay of every new hire.”",
            "lawsuit",
        ),
        ("The union condemned the plan on Friday, calling it “a betrayal of every worker in this state.”", "union"),
    ],
)
def test_a_participle_with_no_named_subject_belongs_to_the_source_that_opens_the_sentence(sentence, speaker):
    a = article("Donald Trump wants the policy back.", sentence)
    assert len(a.quotes) == 1 and speaker in (a.quotes[0].speaker or "")


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("The timing surprised many, since “the vote on the budget is still weeks away and nobody has read it.”", None),
        (
            "A few weeks later came the reply: “The vote on the budget is still weeks away and nobody has read it.”",
            "Nancy Pelosi",
        ),
        (
            "One such clip, aired by the station, says “the vote on the budget is still weeks away, honestly.”",
            "one such clip",
        ),
    ],
)
def test_a_described_subject_that_cannot_speak_is_no_speaker(paragraph, speaker):
    a = article("Nancy Pelosi spoke to members on Monday. She was upbeat.", paragraph)
    assert speakers_of(a) == [speaker]


def test_a_name_set_off_by_a_comma_opens_the_sentence_and_is_not_a_lead_in():
    a = article(
        "Nancy Pelosi spoke to members on Monday.",
        "Ann Cole, the conservative attorney and chair of the Better Roads Fund, has cheered on the strikers "
        "online with notes like “the council will fold before the end of the month, mark my words.”",
    )
    assert speakers_of(a) == ["Ann Cole"]


@pytest.mark.parametrize("aside", ["(D-Calif.)", "(Calif.)", "(N.Y.)", ", D-Calif.,", "(D-Grand Rapids)"])
def test_a_party_or_state_aside_after_a_name_keeps_the_frame(aside):
    a = article(
        "Nancy Pelosi spoke to members on Monday.",
        f"Sen. Ann Lee {aside} has said she would “take the fight to every county in the state.”",
    )
    assert speakers_of(a) == ["Ann Lee"]


def test_a_party_before_a_name_is_a_role_and_a_party_after_a_place_is_no_person():
    a = article(
        "Democrat Ann Lee spoke to members on Monday, and Tom Ross watched.",
        "Later she said “the vote on the budget is still weeks away and nobody has read it.”",
    )
    assert speakers_of(a) == ["Ann Lee"]
    assert [h.name for h in find_people("A Leeds Republican watched Tom Ross.")] == ["Tom Ross"]


def test_a_name_with_its_lowercase_role_before_a_colon_labels_the_quotation():
    a = article(
        "Ann Lee and Tom Ross spoke to the panel on Monday.",
        "Former senator Ann Lee: “The vote on the budget is still weeks away and nobody has read it.”",
    )
    assert speakers_of(a) == ["Ann Lee"]


def test_a_party_and_state_between_commas_is_no_person_for_the_pronoun():
    a = article(
        "Nancy Pelosi spoke to members on Monday.",
        "Committee Chairman Rep. Ann Lee, R-Utah, said the hearing will start with Ross. “There is no reason why "
        "they should not share all of it with us,” she said.",
    )
    assert speakers_of(a) == ["Ann Lee"]


def test_a_transcript_quoted_whole_belongs_to_the_label_each_turn_opens_with():
    a = article(
        "On the evening show, the presenter questioned Mayor Oskar Lind about the ferry plan.",
        "“BRANDT: Let’s begin with the ferry. Will the crossing open by summer?",
        "“LIND: Well, look, the crossing opens in June, and the boats are already painted.",
        "“BRANDT: And the fares?",
        "“Ingrid Keller: If I may add, the fares stay where they are.",
    )
    assert speakers_of(a) == ["Brandt", "Oskar Lind", "Brandt", "Ingrid Keller"]


def test_a_name_and_colon_inside_a_chanted_quote_is_its_topic_not_its_speaker():
    a = article(
        "Oskar Lind spoke at the pier.", "The dockers chanted “Oskar Lind: wrong for the harbour, wrong for you.”"
    )
    assert speakers_of(a) != ["Oskar Lind"]


def test_a_quote_that_is_the_predicate_of_a_speech_noun_judges_it():
    judged = article("Oskar Lind said on Friday that Ingrid Keller’s claim was “a harbour fantasy”.")
    assert speakers_of(judged) == ["Oskar Lind"]
    content = article("Oskar Lind rejected Ingrid Keller’s claim that the ferry was “sinking fast”.")
    assert speakers_of(content) == ["Ingrid Keller"]


@pytest.mark.parametrize(
    "headline, speaker",
    [
        ("Lind: Ferry Plan Will ‘Sink the Harbour.’", "Lind"),
        ("Mayor Lind: Ferry Plan Will ‘Sink the Harbour.’", "Lind"),
        ("Oskar Lind Hits Back at Critics: Ferry Plan Will ‘Sink the Harbour.’", "Lind"),
        ("Harbour Watch: Ferry Plan Will ‘Sink the Harbour.’", "Harbour Watch"),
    ],
)
def test_a_headline_quote_belongs_to_the_speaker_its_label_names(headline, speaker):
    a = article(
        headline,
        "Oskar Lind, the mayor, spoke against the ferry plan on Monday.",
        "Ingrid Keller said the plan would “sink the harbour” within a year.",
    )
    assert speaker in (speakers_of(a)[0] or "")


def test_a_rubric_before_a_headline_colon_names_nobody():
    a = article(
        "The Latest: Ferry Plan Will ‘Sink the Harbour.’",
        "Ingrid Keller said the plan would “sink the harbour” within a year.",
    )
    assert speakers_of(a)[0] == "Ingrid Keller"


@pytest.mark.parametrize(
    "sentence",
    [
        "On Friday, after weeks of silence, Lind appeared beside Ingrid Keller and backed the plan, saying "
        "“the ferry will sail on time.”",
        "After Keller left the pier, Lind thanked the crew, saying “the ferry will sail on time.”",
    ],
)
def test_a_participle_borrows_the_main_clause_subject_not_a_name_nearby(sentence):
    a = article("Oskar Lind and Ingrid Keller toured the harbour.", sentence)
    assert speakers_of(a) == ["Oskar Lind"]


def test_a_capitalised_connective_after_a_finished_quote_opens_the_next_sentence():
    a = article(
        "Oskar Lind wrote to the mayor, Ingrid Keller, after the storm, telling her, “you kept the harbour open!” "
        "But Keller replied only with a nod."
    )
    assert speakers_of(a) == ["Oskar Lind"]


def test_a_description_set_off_after_a_name_is_the_names_not_a_new_source():
    a = article(
        "Harbour columnist Ingrid Keller, a former adviser to the port, calls the ferry plan "
        "“a slow boat to nowhere”: “The timetable was drawn up by people who never sail.”"
    )
    assert speakers_of(a) == ["Ingrid Keller", "Ingrid Keller"]


def test_a_quote_opening_its_sentence_goes_on_with_the_speaker_the_sentence_before_reports():
    a = article(
        "Ingrid Keller runs the port.",
        "The ferry may stay in port while Mayor Oskar Lind talks to the unions, Keller said. "
        "“The other worry is the weather, and nobody here can fix the weather.”",
    )
    assert speakers_of(a) == ["Ingrid Keller"]


@pytest.mark.parametrize(
    "sentence, spoke",
    [
        ("Tarn Quist agreed to meet the fishermen on Friday.", False),
        ("Tarn Quist continued to ignore the storms.", False),
        ("Tarn Quist said to the fishermen that the pier was safe.", True),
        ("Tarn Quist said the pier was safe.", True),
    ],
)
def test_a_frame_verb_before_an_infinitive_records_nobody_speaking(sentence, spoke):
    from knowledge.attribution import Attributor
    from knowledge.coreference import Cast

    cast = Cast()
    cast.learn(sentence, 0)
    attributor = Attributor(cast, [sentence], {})
    attributor.run([0])
    assert [m.spoke for m in attributor.mentions[0] if m.name == "Tarn Quist" and m.role == "subject"][-1] is spoke


@pytest.mark.parametrize("honorific, name", [("Ms", "Ilse Brask"), ("Mr", "Ivo Brask")])
def test_an_honorific_picks_the_subject_of_its_gender_among_namesakes(honorific, name):
    from knowledge.attribution import Attributor
    from knowledge.coreference import Cast

    texts = [
        "Ilse Brask opened her bakery in the square in the spring.",
        "Ivo Brask sold his boat to pay for the ovens.",
        f"{honorific} Brask visited the mill on Monday.",
    ]
    cast = Cast()
    for pos, text in enumerate(texts):
        cast.learn(text, pos)
    attributor = Attributor(cast, texts, {})
    attributor.run([0, 1, 2])
    assert attributor.last_subject == (2, name)
