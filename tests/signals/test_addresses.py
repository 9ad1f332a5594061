"""Tests for signals.addresses: postcode, huisnummer, huisletter and toevoeging rules."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signals.addresses import (
    Address,
    AddressError,
    Ambiguous,
    normalise_postcode,
    parse_address,
)
from signals.reader import read_upload

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def key(postcode: str, huisnummer: str, huisletter: str = "", toevoeging: str = "") -> str:
    """Parse an address that must be unambiguous and return its key."""
    address = parse_address(postcode, huisnummer, huisletter, toevoeging)
    assert isinstance(address, Address), address
    return address.key


def error(postcode: str, huisnummer: str, huisletter: str = "", toevoeging: str = "") -> AddressError:
    """Parse an address that must be invalid and return the AddressError."""
    with pytest.raises(AddressError) as raised:
        parse_address(postcode, huisnummer, huisletter, toevoeging)
    return raised.value


def ambiguous(postcode: str, huisnummer: str, huisletter: str = "", toevoeging: str = "") -> Ambiguous:
    """Parse an address that must be ambiguous and return the Ambiguous result."""
    result = parse_address(postcode, huisnummer, huisletter, toevoeging)
    assert isinstance(result, Ambiguous), result
    return result


# Key and display


def test_key_has_four_parts_with_empty_parts_kept():
    assert key("8011WR", "52", "A", "2") == "8011WR-52-A-2"
    assert key("8011WR", "174", "", "HS") == "8011WR-174--HS"
    assert key("8011WR", "19") == "8011WR-19--"


def test_address_is_displayed_the_dutch_way():
    assert str(Address("8011WR", 52, "A", "2")) == "8011 WR 52A-2"
    assert str(Address("8011WR", 174, "", "HS")) == "8011 WR 174-HS"
    assert str(Address("8011WR", 19)) == "8011 WR 19"


def test_displayed_address_parses_back_to_the_same_address():
    address = Address("8011WR", 52, "A", "2")
    postcode, number = str(address).rsplit(" ", 1)
    assert parse_address(postcode, number) == address


# Postcode


def test_postcode_with_space_and_lower_case_gets_same_key():
    assert key("8011 wr", "52") == key("8011WR", "52") == key(" 8011wr ", "52")


def test_normalise_postcode_removes_all_whitespace_and_upper_cases():
    assert normalise_postcode("8011\u00a0w r") == "8011WR"


@pytest.mark.parametrize("postcode", ["0123AB", "123AB", "12345A", "8011W", "8011-WR", "WR8011"])
def test_postcode_with_wrong_shape_is_an_error(postcode):
    raised = error(postcode, "1")
    assert raised.field == "postcode"
    assert raised.value == postcode
    assert "ongeldig" in raised.message and "8011 WR" in raised.message


@pytest.mark.parametrize("postcode", ["1234SS", "1234SA", "1234 sd"])
def test_postcode_with_never_issued_letters_is_an_error(postcode):
    raised = error(postcode, "1")
    assert raised.field == "postcode"
    assert "SA, SD en SS" in raised.message


def test_missing_postcode_is_an_error():
    assert "ontbreekt" in error("  ", "1").message


def test_postcode_with_non_ascii_letters_is_an_error():
    assert error("8011\ufb01", "1").field == "postcode"  # the "fi" ligature


def test_address_error_is_a_value_error_whose_text_is_the_message():
    raised = error("0123AB", "1")
    assert isinstance(raised, ValueError)
    assert str(raised) == raised.message


# Huisnummer


@pytest.mark.parametrize("typed", ["12", " 12 ", "12.0", "012", "12.00"])
def test_huisnummer_typed_as_spreadsheet_value_is_the_number(typed):
    assert key("8011WR", typed) == "8011WR-12--"


@pytest.mark.parametrize("typed", ["twaalf", "12.5", "0", "000", "100000", "-12", "#12"])
def test_invalid_huisnummer_is_an_error(typed):
    raised = error("8011WR", typed)
    assert raised.field == "huisnummer"
    assert raised.value == typed
    assert "Huisnummer" in raised.message


def test_huisnummer_bounds_are_one_and_99999():
    assert key("8011WR", "1") == "8011WR-1--"
    assert key("8011WR", "99999") == "8011WR-99999--"


def test_huisnummer_with_thousands_of_digits_is_an_error_not_a_crash():
    assert error("8011WR", "9" * 5000).field == "huisnummer"


def test_missing_huisnummer_is_an_error():
    assert "ontbreekt" in error("8011WR", "").message


# Huisletter and toevoeging columns


def test_huisletter_is_upper_cased():
    assert key("8011WR", "52", "a") == "8011WR-52-A-"


@pytest.mark.parametrize("typed", ["AB", "1", "é", "-"])
def test_invalid_huisletter_is_an_error(typed):
    raised = error("8011WR", "52", typed)
    assert raised.field == "huisletter"
    assert "één letter" in raised.message


def test_toevoeging_spelled_differently_gets_same_key():
    keys = {key("8011WR", "174", "", typed) for typed in ["h s", "HS", "hs", "h-s", " H.S "]}
    assert keys == {"8011WR-174--HS"}


def test_toevoeging_of_only_a_separator_means_none():
    assert key("8011WR", "174", "", "-") == "8011WR-174--"


@pytest.mark.parametrize("typed", ["ABCDE", "1a2b3", "h*s", "ß"])
def test_invalid_toevoeging_is_an_error(typed):
    raised = error("8011WR", "52", "", typed)
    assert raised.field == "huisnummertoevoeging"
    assert "1 tot 4 letters of cijfers" in raised.message


# Suffix glued to the huisnummer


@pytest.mark.parametrize("typed", ["52A", "52a", "52 A", "52-A", "52/a"])
def test_single_letter_after_huisnummer_is_the_huisletter(typed):
    assert key("8011WR", typed) == key("8011WR", "52", "A") == "8011WR-52-A-"


def test_glued_letter_repeating_the_huisletter_column_is_accepted():
    assert key("8011WR", "52A", "a") == "8011WR-52-A-"


@pytest.mark.parametrize("typed", ["52-2", "52 2", "52/2"])
def test_separated_digits_after_huisnummer_are_the_toevoeging(typed):
    assert key("8011WR", typed) == "8011WR-52--2"


@pytest.mark.parametrize("typed", ["174 hs", "174-HS", "174/hs", "174 - hs"])
def test_separated_letters_after_huisnummer_are_the_toevoeging(typed):
    assert key("8011WR", typed) == "8011WR-174--HS"


@pytest.mark.parametrize("typed", ["52A-2", "52 A 2", "52a/2", "52-A-2"])
def test_letter_then_separator_then_more_is_huisletter_and_toevoeging(typed):
    assert key("8011WR", typed) == "8011WR-52-A-2"


def test_suffix_repeating_both_columns_is_accepted():
    assert key("8011WR", "52A2", "A", "2") == "8011WR-52-A-2"
    assert key("8011WR", "174hs", "", "hs") == "8011WR-174--HS"


def test_suffix_repeating_the_toevoeging_column_is_the_toevoeging():
    assert key("8011WR", "52A", "", "A") == "8011WR-52--A"


def test_suffix_filling_the_part_whose_column_is_empty_is_combined():
    assert key("8011WR", "52-2", "A") == "8011WR-52-A-2"
    assert key("8011WR", "52A", "", "2") == "8011WR-52-A-2"


def test_trailing_separator_after_huisnummer_is_ignored():
    assert key("8011WR", "12-", "A") == "8011WR-12-A-"


@pytest.mark.parametrize("typed", ["52AB", "52A2", "174hs", "15bis", "52AB-2"])
def test_glued_multi_character_suffix_is_ambiguous(typed):
    result = ambiguous("8011 wr", typed)
    assert result.postcode == "8011WR"
    assert "niet eenduidig" in result.reason
    assert "aparte kolommen" in result.reason


def test_ambiguous_reason_shows_both_readings():
    assert "(52A-B)" in ambiguous("8011WR", "52AB").reason
    assert "(52-AB)" in ambiguous("8011WR", "52AB").reason


def test_glued_letter_different_from_huisletter_column_is_ambiguous():
    assert "huisletter 'B'" in ambiguous("8011WR", "52B", "A").reason


def test_suffix_toevoeging_different_from_toevoeging_column_is_ambiguous():
    assert "toevoeging '2'" in ambiguous("8011WR", "52-2", "", "3").reason


def test_ambiguous_suffix_with_inconsistent_columns_is_ambiguous():
    ambiguous("8011WR", "52A2", "B", "")


def test_invalid_postcode_wins_over_ambiguous_huisnummer():
    assert error("0123AB", "52AB").field == "postcode"


@pytest.mark.parametrize("typed", ["52-ABCDE", "52 A 12345"])
def test_too_long_toevoeging_after_huisnummer_is_a_huisnummer_error(typed):
    assert error("8011WR", typed).field == "huisnummer"


@pytest.mark.parametrize("typed", ["52 (achter)", "52+", "52ß", "52A²"])
def test_other_characters_after_huisnummer_are_an_error(typed):
    assert error("8011WR", typed).field == "huisnummer"


# Area


# Sample files


def test_sample_addresses_typed_differently_by_three_partners_get_the_same_key():
    keys = []
    for name in ["uwv-signalen-excel-nl.csv", "svb-signalen-utf8-bom.csv", "nla-signalen.xlsx"]:
        rows = read_upload((SAMPLES / name).read_bytes(), name)
        values = [row.values for row in rows]
        fields = ("postcode", "huisnummer", "huisletter", "huisnummertoevoeging")
        keys.append({key(*(value[field] for field in fields)) for value in values})
    assert len(keys[0] & keys[1] & keys[2]) >= 30


# Properties

address_text = st.text(alphabet=st.sampled_from("0123456789aAbBhHsSzZé -/.,\t\u00a0ßı²"), max_size=12)


@settings(max_examples=300)
@given(address_text | st.text(), address_text | st.text(), address_text, address_text)
def test_any_text_gives_address_or_ambiguous_or_dutch_address_error(
    postcode, huisnummer, huisletter, toevoeging
):
    try:
        result = parse_address(postcode, huisnummer, huisletter, toevoeging)
    except AddressError as raised:
        assert raised.field in {"postcode", "huisnummer", "huisletter", "huisnummertoevoeging"}
        assert raised.message.strip()
        assert " is " in raised.message or "ontbreekt" in raised.message
    else:
        assert isinstance(result, Address | Ambiguous)


valid_postcodes = st.from_regex(r"[1-9][0-9]{3}[A-Z]{2}", fullmatch=True).filter(
    lambda postcode: postcode[4:] not in {"SA", "SD", "SS"}
)
letters = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@settings(max_examples=200)
@given(
    postcode=valid_postcodes,
    number=st.integers(min_value=1, max_value=99999),
    letter=st.just("") | letters,
    addition=st.just("") | st.from_regex(r"[A-Z0-9]{1,4}", fullmatch=True),
    spaced=st.booleans(),
)
def test_valid_address_typed_differently_gets_the_same_key(postcode, number, letter, addition, spaced):
    expected = Address(postcode, number, letter, addition).key
    typed_postcode = f"{postcode[:4]} {postcode[4:]}" if spaced else postcode
    assert key(postcode, str(number), letter, addition) == expected
    assert key(typed_postcode.lower(), f" {number} ", letter.lower(), addition.lower()) == expected
    assert key(postcode, f"{number}.0", letter, " ".join(addition)) == expected
    if addition != letter:  # "52A" with toevoeging "A" is read as a repeat of the column
        assert key(postcode, f"{number}{letter}", "", addition) == expected
    assert key(postcode, f"{number}{letter}", letter, addition) == expected
    if letter and addition:
        assert key(postcode, f"{number}{letter}-{addition}") == expected


@given(st.text(alphabet="0123456789 \t.-abAB١٢", max_size=8))
@settings(max_examples=300)
def test_the_quick_path_for_plain_house_numbers_agrees_with_the_full_rules(huisnummer):
    """``parse_address`` reads a plain house number without the full rules (speed); any other
    input falls through to them. Both must give the same answer for every input."""
    import re
    from unittest.mock import patch

    from signals import addresses

    def outcome():
        try:
            return parse_address("8011 wr", huisnummer)
        except AddressError as error:
            return ("fout", error.field, error.message)

    quick = outcome()
    with patch.object(addresses, "_PLAIN_HUISNUMMER", re.compile(r"(?!)")):  # never matches
        full = outcome()
    assert quick == full
