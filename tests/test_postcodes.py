"""Postcodes and project areas (projects.postcodes): pure functions."""
import pytest

from projects.postcodes import AreaError, in_area, normalise_postcode, parse_area


def test_parse_area_normalises_pc4_and_pc6_items_with_any_separator():
    assert parse_area("8011, 8012 wr;8013\n8014AB  8015") == ["8011", "8012WR", "8013", "8014AB", "8015"]


def test_parse_area_expands_a_range_to_pc4s():
    assert parse_area("8011-8017") == [str(pc4) for pc4 in range(8011, 8018)]
    assert parse_area("8011 - 8013") == ["8011", "8012", "8013"]


def test_parse_area_removes_duplicates():
    assert parse_area("8013, 8011-8013") == ["8011", "8012", "8013"]


def test_parse_area_of_empty_text_is_empty():
    assert parse_area(" ,\n ") == []


@pytest.mark.parametrize("item", ["80A1", "0123", "801", "8017-8011", "8011WRX", "1234SS"])
def test_parse_area_with_bad_item_is_refused_in_dutch(item):
    with pytest.raises(AreaError) as raised:
        parse_area(f"8011, {item}")
    assert raised.value.value == item
    assert "Gebied" in raised.value.message


def test_postcode_in_area_matches_pc4_prefix_and_pc6_equality():
    area = parse_area("8011, 8014 wr")
    assert in_area("8011AB", area)
    assert in_area(normalise_postcode("8014 wr"), area)
    assert not in_area("8014WS", area)
    assert not in_area("8012AB", area)
    assert in_area("8016AB", parse_area("8011-8017"))
    assert not in_area("8018AB", parse_area("8011-8017"))


@pytest.mark.parametrize("value", ["0123AB", "1234SS", "1234SA", "1234SD", "12345", ""])
def test_invalid_postcodes_are_refused(value):
    with pytest.raises(AreaError):
        normalise_postcode(value)
