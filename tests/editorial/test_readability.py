"""Flesch–Kincaid grade, computed offline (dateline/editorial/checks/readability.py)."""

import pytest

from dateline.editorial.checks import readability

SIMPLE = (
    "The city opened a new park on Monday. It has a playground and a river trail. Kids can "
    "play in the sand. Dogs can run on the grass. The park is open from dawn to dusk. Come "
    "and see it."
)
HARD = (
    "The municipal administration's comprehensive infrastructure rehabilitation initiative, "
    "authorized pursuant to the intergovernmental cooperation agreement, necessitates "
    "extraordinary coordination among environmental, transportation and public utilities "
    "departments, notwithstanding considerable organizational complexity and substantial "
    "budgetary uncertainty regarding supplementary appropriations."
)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("the", 1),
        ("make", 1),
        ("makes", 1),
        ("walked", 1),
        ("wanted", 2),
        ("table", 2),
        ("people", 2),
        ("city", 2),
        ("council", 2),
        ("approved", 2),
        ("places", 2),
        ("agree", 2),
        ("infrastructure", 4),
        ("don’t", 1),
        ("", 0),
    ],
)
def test_count_syllables(word, syllables):
    assert readability.count_syllables(word) == syllables


def test_sentences_keep_abbreviations_and_times_together():
    text = "Dr. Ruiz spoke at 10 a.m. Monday. The vote is Jan. 5! Will it pass? Maybe."
    assert readability.sentences(text) == [
        "Dr. Ruiz spoke at 10 a.m. Monday.",
        "The vote is Jan. 5!",
        "Will it pass?",
        "Maybe.",
    ]


def test_plain_text_reads_at_a_low_grade_and_dense_text_high():
    simple = readability.grade_level(SIMPLE)
    hard = readability.grade_level(HARD)
    assert simple is not None and simple < 4
    assert hard is not None and hard > 16


def test_measure_counts_words_sentences_and_syllables():
    result = readability.measure(SIMPLE)
    assert result.words == 40
    assert result.sentences == 6
    # 0.39 × words/sentences + 11.8 × syllables/words − 15.59
    expected = 0.39 * 40 / 6 + 11.8 * result.syllables / 40 - 15.59
    assert result.grade == round(expected, 1)


def test_too_little_text_gets_no_grade():
    assert readability.grade_level("Park opens Monday.") is None
    assert readability.grade_level("") is None


def test_text_from_html_ends_blocks_as_sentences():
    html = "<h2>Hours</h2><p>Open daily &amp; free<br>all year.</p><ul><li>Pool</li></ul>"
    assert readability.text_from_html(html) == "Hours.\nOpen daily & free all year.\nPool."
