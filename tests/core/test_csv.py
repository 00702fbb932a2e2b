import pytest

from core.csv import csv_cell, csv_lines


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Plain title", "Plain title"),
        ("a=b", "a=b"),
        (None, ""),
        (-5, -5),
        (2024, 2024),
    ],
)
def test_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe(value, written):
    assert csv_cell(value) == written


def test_lines_carry_a_byte_order_mark_once():
    lines = list(csv_lines([["a", "=b"], ["c", 1]]))

    assert lines == ["\ufeffa,'=b\r\n", "c,1\r\n"]
