"""Weights of the pronoun-antecedent ranker, fitted on PolNeAR train by scripts/train_antecedents.py."""

WEIGHTS = {
    "back0": 1.018,
    "back1": 0.979,
    "first_subject_before": 0.485,
    "first_subject_here": 0.396,
    "gender_agrees": 0.643,
    "last_speaker": -0.132,
    "latest_speaker": 0.923,
    "mentions": 0.14,
    "nearest_possessive": -0.418,
    "nearest_subject": 0.349,
    "rank0": 0.438,
    "rank1": 0.403,
    "same_sentence": 0.221,
    "source": -0.316,
    "spoke_before": -0.155,
    "spoke_here": 0.333,
    "subject_here": 0.535,
    "subject_of_sentence": -0.201,
    "superseded": -0.569,
    "unknown_person": -0.645,
}
