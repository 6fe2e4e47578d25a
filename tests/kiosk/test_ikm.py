"""The IKM rules (PermenPANRB 14/2017) against examples worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from kiosk import ikm
from kiosk.ikm import ELEMENTS, OVERALL, grade, quick_score

# Five respondents, all nine elements, in the regulation's order U1..U9:
#   persyaratan 4 3 3 4 3 = 17 -> 17/5 = 3.4
#   prosedur    3 3 3 3 3 = 15 -> 3.0
#   waktu       2 3 3 2 3 = 13 -> 2.6
#   biaya       4 4 4 4 4 = 20 -> 4.0
#   produk      3 4 3 3 3 = 16 -> 3.2
#   kompetensi  3 3 4 3 3 = 16 -> 3.2
#   perilaku    4 4 3 4 4 = 19 -> 3.8
#   pengaduan   2 2 3 3 2 = 12 -> 2.4
#   sarana      3 3 3 4 3 = 16 -> 3.2
# Weighted means (x 1/9) summed: (3.4+3.0+2.6+4.0+3.2+3.2+3.8+2.4+3.2) / 9 = 28.8 / 9 = 3.2
# IKM = 3.2 x 25 = 80.00, in the band 76.61-88.30: B, "Baik".
COLUMNS = {
    "persyaratan": (4, 3, 3, 4, 3), "prosedur": (3, 3, 3, 3, 3), "waktu": (2, 3, 3, 2, 3),
    "biaya": (4, 4, 4, 4, 4), "produk": (3, 4, 3, 3, 3), "kompetensi": (3, 3, 4, 3, 3),
    "perilaku": (4, 4, 3, 4, 4), "pengaduan": (2, 2, 3, 3, 2), "sarana": (3, 3, 3, 4, 3),
}
RESPONDENTS = [{code: values[i] for code, values in COLUMNS.items()} for i in range(5)]


def test_the_worked_example() -> None:
    result = ikm.ikm(RESPONDENTS)
    assert result.respondents == 5 and result.complete
    assert [score.element.code for score in result.elements] == [e.code for e in ELEMENTS]
    means = {score.element.code: score.mean for score in result.elements}
    assert means == {"persyaratan": Decimal("3.400"), "prosedur": Decimal("3.000"),
                     "waktu": Decimal("2.600"), "biaya": Decimal("4.000"),
                     "produk": Decimal("3.200"), "kompetensi": Decimal("3.200"),
                     "perilaku": Decimal("3.800"), "pengaduan": Decimal("2.400"),
                     "sarana": Decimal("3.200")}
    # 3.4 / 9 = 0.3777... -> 0.378; 2.4 / 9 = 0.2666... -> 0.267
    weighted = {score.element.code: score.weighted for score in result.elements}
    assert weighted["persyaratan"] == Decimal("0.378") and weighted["pengaduan"] == Decimal("0.267")
    assert result.weighted == Decimal("3.200")
    assert result.index == Decimal("80.00")
    assert result.grade.letter == "B" and result.grade.words.id == "Baik"
    # Per element: the mean x 25 and its own grade (waktu 2.6 x 25 = 65.00, C; pengaduan
    # 2.4 x 25 = 60.00, D; biaya 4.0 x 25 = 100.00, A).
    by_code = {score.element.code: score for score in result.elements}
    assert (by_code["waktu"].index, by_code["waktu"].grade.letter) == (Decimal("65.00"), "C")
    assert (by_code["pengaduan"].index, by_code["pengaduan"].grade.letter) == (Decimal("60.00"), "D")
    assert (by_code["biaya"].index, by_code["biaya"].grade.letter) == (Decimal("100.00"), "A")
    assert result.too_few  # 5 < 30


def test_the_order_answers_come_in_does_not_matter() -> None:
    """Stored by element: a questionnaire that asks sarana before pengaduan gives the same."""
    shuffled = [dict(reversed(list(answers.items()))) for answers in reversed(RESPONDENTS)]
    assert ikm.ikm(shuffled) == ikm.ikm(RESPONDENTS)


@pytest.mark.parametrize(("index", "letter"), [
    ("100", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"),
    ("65.00", "C"), ("64.99", "D"), ("25", "D"),
])
def test_the_regulations_bands(index: str, letter: str) -> None:
    assert grade(Decimal(index)).letter == letter


@pytest.mark.parametrize(("mean", "letter"), [
    # The regulation's table of perception values (nilai interval) against its converted
    # index: the ends of each interval x 25 fall in the band the table gives them.
    ("3.5324", "A"), ("3.532", "B"), ("3.0644", "B"), ("3.064", "C"), ("2.60", "C"),
    ("2.5996", "D"), ("1.00", "D"), ("4.00", "A"),
])
def test_the_perception_intervals_convert_to_the_same_grades(mean: str, letter: str) -> None:
    assert grade(Decimal(mean) * 25).letter == letter


def test_elements_without_answers_and_the_quick_rating() -> None:
    """Quick ratings alone are no IKM respondents; an element is averaged over those who
    answered it; with only two elements answered each weighs 1/2."""
    sets = [{OVERALL: 4}, {OVERALL: 2, "waktu": 2, "perilaku": 4}, {"waktu": 3}]
    result = ikm.ikm(sets)
    assert result.respondents == 2 and not result.complete
    # waktu (2+3)/2 = 2.5, perilaku 4/1 = 4; (2.5 + 4) / 2 = 3.25 -> 81.25, B
    assert [s.element.code for s in result.elements] == ["waktu", "perilaku"]
    assert result.index == Decimal("81.25") and result.grade.letter == "B"
    quick = quick_score(sets)
    assert quick.counts == (0, 1, 0, 1) and quick.mean == Decimal("3.000")
    assert ikm.ikm([{OVERALL: 3}]).index is None


def test_answers_comments_and_profiles_are_checked() -> None:
    answers = TypeAdapter(ikm.Answers)
    assert answers.validate_python({"waktu": 4, OVERALL: 1}) == {"waktu": 4, OVERALL: 1}
    for bad in ({"waktu": 5}, {"waktu": 0}, {"antrian": 3}, {}, {"waktu": "4"}, {"waktu": 3.5}):
        with pytest.raises(ValidationError):
            answers.validate_python(bad)
    comment = TypeAdapter(ikm.Comment)
    assert comment.validate_python("  Petugas\n ramah <b>sekali</b> ") == \
        "Petugas ramah <b>sekali</b>"
    # A phone or ID number typed anyway is never kept; a queue number or a time is.
    assert comment.validate_python("telp 0812 3456 7890, NIK 6371012345678901. A-012 jam 10.30") \
        == "telp ***, NIK ***. A-012 jam 10.30"
    for bad in ("x" * 10_000, "abc\u202edef", "bell\x07"):
        with pytest.raises(ValidationError):
            comment.validate_python(bad)
    assert ikm.Profile(age_band="60+", sex="p").education is None
    with pytest.raises(ValidationError):
        ikm.Profile(name="Siti")  # never a name
    with pytest.raises(ValidationError):
        ikm.Profile(age_band="61")


def test_every_element_has_its_words_in_both_languages() -> None:
    assert [e.number for e in ELEMENTS] == list(range(1, 10))
    for element in ELEMENTS:
        for text in (element.name, element.question, *element.words):
            assert text.id and text.en
    for _field, (title, choices) in ikm.PROFILE_FIELDS.items():
        assert title.id and all(choice.id and choice.en for choice in choices.values())
    assert set(ikm.PROFILE_FIELDS) == set(ikm.Profile.model_fields)


def test_a_tickets_rating_has_one_id() -> None:
    assert ikm.feedback_id("t-1") == ikm.feedback_id("t-1") != ikm.feedback_id("t-2")
