"""The satisfaction survey (IKM, PermenPANRB 14/2017): its nine elements with the regulation's
wording, the 1-4 scale, the respondent profile it asks for, the index and its grade.

Declared once, here, for the kiosk's survey screen, the phone page, the sync protocol and the
city server's figures. Answers are kept by element code, never by question position:
published questionnaires put the elements in different orders.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from kiosk.vocabulary import Text


@dataclass(frozen=True)
class Element:
    """One element (unsur) of the survey: its code, its number in the regulation (U1-U9), its
    name, the question the regulation's sample questionnaire asks, and its own words for the
    four answers (1 = worst)."""

    code: str
    number: int
    name: Text
    question: Text
    words: tuple[Text, Text, Text, Text]


def _words(*pairs: tuple[str, str]) -> tuple[Text, Text, Text, Text]:
    first, second, third, fourth = (Text(id_, en) for id_, en in pairs)
    return first, second, third, fourth


ELEMENTS: tuple[Element, ...] = (
    Element("persyaratan", 1, Text("Persyaratan", "Requirements"),
            Text("Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
                 "Did the requirements fit the service you asked for?"),
            _words(("Tidak sesuai", "Not fitting"), ("Kurang sesuai", "Barely fitting"),
                   ("Sesuai", "Fitting"), ("Sangat sesuai", "Very fitting"))),
    Element("prosedur", 2, Text("Sistem, mekanisme dan prosedur", "System, steps and procedure"),
            Text("Bagaimana kemudahan prosedur pelayanan di sini?",
                 "How easy was the procedure here?"),
            _words(("Tidak mudah", "Not easy"), ("Kurang mudah", "Not very easy"),
                   ("Mudah", "Easy"), ("Sangat mudah", "Very easy"))),
    Element("waktu", 3, Text("Waktu penyelesaian", "Time to complete"),
            Text("Bagaimana kecepatan waktu dalam memberikan pelayanan?",
                 "How quickly were you served?"),
            _words(("Tidak cepat", "Not quick"), ("Kurang cepat", "Not very quick"),
                   ("Cepat", "Quick"), ("Sangat cepat", "Very quick"))),
    Element("biaya", 4, Text("Biaya/tarif", "Cost or fee"),
            Text("Bagaimana kewajaran biaya/tarif dalam pelayanan?",
                 "How fair was the cost of the service?"),
            _words(("Sangat mahal", "Very expensive"), ("Cukup mahal", "Rather expensive"),
                   ("Murah", "Cheap"), ("Gratis", "Free"))),
    Element("produk", 5, Text("Produk spesifikasi jenis pelayanan", "What the service delivers"),
            Text("Bagaimana kesesuaian hasil pelayanan dengan yang tercantum dalam standar "
                 "pelayanan?",
                 "Did what you received match what the service standard promises?"),
            _words(("Tidak sesuai", "Not matching"), ("Kurang sesuai", "Barely matching"),
                   ("Sesuai", "Matching"), ("Sangat sesuai", "Fully matching"))),
    Element("kompetensi", 6, Text("Kompetensi pelaksana", "Staff competence"),
            Text("Bagaimana kemampuan petugas dalam memberikan pelayanan?",
                 "How capable were the staff who served you?"),
            _words(("Tidak kompeten", "Not capable"), ("Kurang kompeten", "Not very capable"),
                   ("Kompeten", "Capable"), ("Sangat kompeten", "Very capable"))),
    Element("perilaku", 7, Text("Perilaku pelaksana", "Staff conduct"),
            Text("Bagaimana kesopanan dan keramahan petugas dalam pelayanan?",
                 "How polite and friendly were the staff?"),
            _words(("Tidak sopan dan ramah", "Not polite or friendly"),
                   ("Kurang sopan dan ramah", "Not very polite or friendly"),
                   ("Sopan dan ramah", "Polite and friendly"),
                   ("Sangat sopan dan ramah", "Very polite and friendly"))),
    Element("pengaduan", 8, Text("Penanganan pengaduan, saran dan masukan",
                                 "Handling of complaints and suggestions"),
            Text("Bagaimana penanganan pengaduan pengguna layanan di sini?",
                 "How are complaints from visitors handled here?"),
            _words(("Tidak ada", "There is none"), ("Ada tetapi tidak berfungsi",
                                                    "There is one, but it does not work"),
                   ("Berfungsi kurang maksimal", "It works, but not well"),
                   ("Dikelola dengan baik", "It is handled well"))),
    Element("sarana", 9, Text("Sarana dan prasarana", "Facilities"),
            Text("Bagaimana kualitas sarana dan prasarana di sini?",
                 "How good are the facilities here?"),
            _words(("Buruk", "Poor"), ("Cukup", "Fair"), ("Baik", "Good"),
                   ("Sangat baik", "Very good"))),
)
ELEMENT = {element.code: element for element in ELEMENTS}
ElementCode = Literal["persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi",
                      "perilaku", "pengaduan", "sarana"]

# The quick rating, one question asked first: the visitor's overall view. Not an element of
# the regulation, so it never enters the index; it has figures of its own.
OVERALL = "keseluruhan"
OVERALL_QUESTION = Text("Bagaimana pelayanan yang Anda terima hari ini?",
                        "How was the service you received today?")
SCALE = (1, 2, 3, 4)
# The scale's plain words, shown under the faces of the quick rating and as grades.
SCALE_WORDS: tuple[Text, Text, Text, Text] = _words(
    ("Tidak baik", "Poor"), ("Kurang baik", "Fair"), ("Baik", "Good"), ("Sangat baik", "Very good"))
Question = Literal["keseluruhan", "persyaratan", "prosedur", "waktu", "biaya", "produk",
                   "kompetensi", "perilaku", "pengaduan", "sarana"]
QUESTIONS: tuple[str, ...] = (OVERALL, *ELEMENT)

# An index from fewer respondents than this is shown with a "too few responses" mark. The
# regulation sizes a survey's sample by the population served; 30 is the usual least size
# below which a mean says little.
TOO_FEW = 30
COMMENT_MAX = 280  # a short comment; a longer one is refused, not cut

# --- the respondent's profile (all optional; never a name, a number or a phone) ---

AgeBand = Literal["lt20", "20-29", "30-39", "40-49", "50-59", "60+"]
Sex = Literal["l", "p"]
Education = Literal["sd", "smp", "sma", "d1-d3", "d4-s1", "s2-s3"]
Occupation = Literal["pns", "tni", "polri", "swasta", "wirausaha", "lainnya"]

PROFILE_FIELDS: dict[str, tuple[Text, dict[str, Text]]] = {
    "age_band": (Text("Umur", "Age"), {
        "lt20": Text("Di bawah 20", "Under 20"), "20-29": Text("20–29", "20–29"),
        "30-39": Text("30–39", "30–39"), "40-49": Text("40–49", "40–49"),
        "50-59": Text("50–59", "50–59"), "60+": Text("60 ke atas", "60 or over")}),
    "sex": (Text("Jenis kelamin", "Sex"), {
        "l": Text("Laki-laki", "Male"), "p": Text("Perempuan", "Female")}),
    "education": (Text("Pendidikan", "Education"), {
        "sd": Text("SD ke bawah", "Primary or less"), "smp": Text("SMP", "Junior high"),
        "sma": Text("SMA", "Senior high"), "d1-d3": Text("D1–D3", "Diploma"),
        "d4-s1": Text("D4/S1", "Bachelor"), "s2-s3": Text("S2/S3", "Master or doctorate")}),
    "occupation": (Text("Pekerjaan", "Occupation"), {
        "pns": Text("PNS/ASN", "Civil servant"), "tni": Text("TNI", "Armed forces"),
        "polri": Text("POLRI", "Police"), "swasta": Text("Pegawai swasta", "Private employee"),
        "wirausaha": Text("Wirausaha", "Self-employed"), "lainnya": Text("Lainnya", "Other")}),
}


class Profile(BaseModel):
    """The respondent profile the regulation's questionnaire asks for, every field optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    age_band: AgeBand | None = None
    sex: Sex | None = None
    education: Education | None = None
    occupation: Occupation | None = None


# Control characters, and text-direction marks that could show a comment reversed.
_UNSEEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                     "\u2066-\u2069]")


# Seven digits or more, alone or grouped ("0812 3456 7890", "6371-0123-..."): a phone number
# or an ID number (NIK) a visitor typed although asked not to. Never kept.
_NUMBER = re.compile(r"\d(?:[ .\-]?\d){6,}")
HIDDEN = "***"


def clean_comment(text: str) -> str:
    """A comment as kept: runs of spaces and line breaks made one space, trimmed, long numbers
    (a phone, a NIK) hidden; refused when it holds control or text-direction characters. HTML
    in it stays text: every place that shows a comment escapes it."""
    if _UNSEEN.search(text):
        raise ValueError("a comment may not hold control or text-direction characters")
    return _NUMBER.sub(HIDDEN, " ".join(text.split()))


Score = Annotated[int, Field(ge=1, le=4, strict=True)]
Answers = Annotated[dict[Question, Score], Field(min_length=1, max_length=len(QUESTIONS))]
Comment = Annotated[str, Field(max_length=COMMENT_MAX), AfterValidator(clean_comment)]


def feedback_id(ticket_id: str) -> str:
    """The one id a ticket's rating has, wherever it is given (kiosk or phone): a second
    rating of the ticket is the same rating, refused by its id."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"plaza-kiosk:feedback:{ticket_id}"))


# --- the index ---

@dataclass(frozen=True)
class Grade:
    letter: str  # A-D, as the regulation names the service quality (mutu pelayanan)
    words: Text
    lowest: Decimal  # the lowest index with this grade


# The regulation's bands of the converted index (nilai interval konversi).
GRADES: tuple[Grade, ...] = (
    Grade("A", SCALE_WORDS[3], Decimal("88.31")),
    Grade("B", SCALE_WORDS[2], Decimal("76.61")),
    Grade("C", SCALE_WORDS[1], Decimal("65.00")),
    Grade("D", SCALE_WORDS[0], Decimal("25.00")),
)
CENT = Decimal("0.01")
MILLI = Decimal("0.001")


def _round(value: Fraction, places: Decimal) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(places, rounding=ROUND_HALF_UP)


def grade(index: Decimal) -> Grade:
    """The grade of an index (25-100) as published, to two decimals."""
    shown = index.quantize(CENT, rounding=ROUND_HALF_UP)
    for band in GRADES:
        if shown >= band.lowest:
            return band
    return GRADES[-1]


@dataclass(frozen=True)
class ElementScore:
    """One element over the respondents who answered it: the mean (nilai rata-rata, NRR),
    that mean weighted by 1/9 (NRR tertimbang), the mean x 25 and its grade."""

    element: Element
    respondents: int
    mean: Decimal
    weighted: Decimal
    index: Decimal
    grade: Grade


@dataclass(frozen=True)
class IkmResult:
    """The index of a set of answer sets: per element, then weighted over the elements."""

    elements: tuple[ElementScore, ...]  # in the regulation's order, only those answered
    respondents: int  # answer sets with at least one element answered
    weighted: Decimal | None  # sum of the weighted means (1-4); None without answers
    index: Decimal | None  # weighted x 25 (25-100), two decimals
    grade: Grade | None

    @property
    def too_few(self) -> bool:
        return self.respondents < TOO_FEW

    @property
    def complete(self) -> bool:
        """Every element has answers: the index is the regulation's, over all nine."""
        return len(self.elements) == len(ELEMENTS)


def ikm(answer_sets: Iterable[Mapping[str, int]]) -> IkmResult:
    """The IKM of answer sets ({element code: 1-4}; the quick rating and unknown keys are not
    elements and are left out). Each element's mean is over those who answered it; the index
    weighs each element's mean by 1/9 (by 1/n when only n elements have answers), sums them
    and multiplies by 25. Exact fractions throughout, rounded only for showing."""
    totals = {code: [0, 0] for code in ELEMENT}
    respondents = 0
    for answers in answer_sets:
        counted = False
        for code, value in answers.items():
            if code in totals:
                if value not in SCALE:
                    raise ValueError(f"answer {value!r} to {code} is not 1-4")
                totals[code][0] += value
                totals[code][1] += 1
                counted = True
        respondents += counted
    answered = [(ELEMENT[code], total, count) for code, (total, count) in totals.items() if count]
    if not answered:
        return IkmResult((), 0, None, None, None)
    weight = Fraction(1, len(answered))
    scores, weighted_sum = [], Fraction(0)
    for element, total, count in answered:
        mean = Fraction(total, count)
        weighted_sum += mean * weight
        index = _round(mean * 25, CENT)
        scores.append(ElementScore(element, count, _round(mean, MILLI), _round(mean * weight, MILLI),
                                   index, grade(index)))
    index = _round(weighted_sum * 25, CENT)
    return IkmResult(tuple(scores), respondents, _round(weighted_sum, MILLI), index, grade(index))


@dataclass(frozen=True)
class QuickScore:
    """The quick rating's own figures: how many gave each answer, and their mean."""

    counts: tuple[int, int, int, int]  # answers 1, 2, 3, 4

    @property
    def respondents(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> Decimal | None:
        if not self.respondents:
            return None
        total = sum(value * count for value, count in zip(SCALE, self.counts, strict=True))
        return _round(Fraction(total, self.respondents), MILLI)


def quick_score(answer_sets: Iterable[Mapping[str, int]]) -> QuickScore:
    counts = [0, 0, 0, 0]
    for answers in answer_sets:
        value = answers.get(OVERALL)
        if value is not None:
            counts[value - 1] += 1
    return QuickScore((counts[0], counts[1], counts[2], counts[3]))
