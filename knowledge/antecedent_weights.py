"""Weights of the pronoun-antecedent ranker, fitted on PolNeAR train by scripts/train_antecedents.py."""

WEIGHTS = {
    "back0": 1.08,
    "back1": 0.98,
    "first_subject_before": 0.462,
    "first_subject_here": 0.361,
    "gender_agrees": 0.649,
    "last_speaker": -0.129,
    "latest_speaker": 0.931,
    "mentions": 0.13,
    "nearest_possessive": -0.409,
    "nearest_subject": 0.352,
    "rank0": 0.406,
    "rank1": 0.346,
    "same_sentence": 0.206,
    "source": -0.286,
    "spoke_before": -0.131,
    "spoke_here": 0.283,
    "subject_here": 0.598,
    "subject_of_sentence": -0.209,
    "superseded": -0.483,
    "unknown_person": -0.639,
}
