"""Tests for signals.grounds: detecting grounds that name a protected characteristic."""

from pathlib import Path

import pytest

from signals.grounds import SUSPECT_TERMS, suspect_terms_in
from signals.reader import read_upload

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bewoner heeft de Marokkaanse nationaliteit", ["Marokkaanse", "nationaliteit"]),
        ("Veel Poolse en Bulgaarse arbeidsmigranten", ["Poolse", "Bulgaarse"]),
        ("Land van herkomst: Syrië", ["land van herkomst", "Syrië"]),
        ("geboorteland onbekend, geboren in Paramaribo", ["geboorteland", "geboren in"]),
        ("Dubbele nationaliteit", ["dubbele nationaliteit"]),
        ("Bewoners met een migratieachtergrond", ["migratieachtergrond"]),
        ("Islamitische bewoners, moslim", ["islamitische", "moslim"]),
        ("huidskleur en ras", ["huidskleur", "ras"]),
        ("Spreekt geen Nederlands", ["spreekt geen Nederlands"]),
        ("niet-Nederlandse bewoners", ["niet-Nederlandse"]),
        ("Eritreeërs op dit adres", ["Eritreeërs"]),
    ],
)
def test_suspect_terms_are_found_in_order(text, expected):
    assert suspect_terms_in(text) == expected


def test_matching_ignores_case_and_accents():
    assert suspect_terms_in("SYRIE, syrië") == ["Syrië"]
    assert suspect_terms_in("ROEMEENSE werknemers") == ["Roemeense"]


def test_repeated_term_is_reported_once():
    assert suspect_terms_in("Turks, turks en TURKS") == ["Turks"]


def test_hyphen_or_space_inside_a_term_are_interchangeable():
    assert suspect_terms_in("niet Nederlandse, niet-Nederlandse") == ["niet-Nederlandse"]


def test_longest_term_wins_over_a_term_inside_it():
    assert suspect_terms_in("land  van herkomst") == ["land van herkomst"]


def test_term_joined_to_another_word_by_a_hyphen_is_found():
    assert suspect_terms_in("Turks-Nederlandse eigenaar") == ["Turks"]


@pytest.mark.parametrize(
    "text",
    [
        "Melding over de heer Turkstra",
        "Kennel met hondenrassen",
        "De melder gelooft dat er meer mensen wonen",
        "Geloofwaardige melding van buren",
        "Meer dan 8 arbeidsmigranten ingeschreven",
        "Zwartwerk en zwart betaalde uren",
        "Verblijft langdurig in het buitenland",
        "Melding afkomstig van de gemeente",
        "Taalcursus op kosten van de werkgever",
        "Grasmaaier in de tuin",
        "Polenweg 12",
        "",
    ],
)
def test_innocent_words_are_no_hits(text):
    assert suspect_terms_in(text) == []


def test_suspect_terms_are_unique_after_folding_case_and_accents():
    folded = [term.casefold() for term in SUSPECT_TERMS]
    assert len(folded) == len(set(folded))


def test_every_term_finds_itself():
    for term in SUSPECT_TERMS:
        assert suspect_terms_in(f"Signaal: {term}.") == [term]


def test_grounds_in_the_sample_files_have_no_hits():
    grounds = set()
    for path in SAMPLES.glob("*.*"):
        if path.suffix in {".csv", ".xlsx"}:
            grounds |= {row.values["indicatoren"] for row in read_upload(path.read_bytes(), path.name)}
    assert "Kinderbijslag; kind volgens BRP niet op dit adres" in grounds
    assert len(grounds) >= 7
    assert {text: suspect_terms_in(text) for text in grounds if suspect_terms_in(text)} == {}
