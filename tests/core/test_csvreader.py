"""The bounded CSV reader: what it returns, and every hostile file it refuses with the row."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.csvreader import CSV_FIELD_LIMIT, CsvLimits, csv_rows_read

COLUMNS = ["title", "year", "note"]
NOT_UTF8 = "The file is not UTF-8 text (byte 1). Save it as “CSV UTF-8” and upload it again."


def read(content: bytes | str, **limits):
    data = content.encode() if isinstance(content, str) else content
    return csv_rows_read(
        upload=SimpleUploadedFile("f.csv", data), columns=COLUMNS, required=["title"], limits=CsvLimits(**limits)
    )


def refusal(content: bytes | str, **limits) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        read(content, **limits)
    return exc.value.message_dict["file"]


def test_rows_come_with_their_spreadsheet_numbers_and_cells_as_written():
    text = 'title,year\r\nA,2020\r\n\r\n"B, with ""quotes""\nand a line",=1+1\r\n'

    assert read(text) == [
        (2, {"title": "A", "year": "2020"}),
        (4, {"title": 'B, with "quotes"\nand a line', "year": "=1+1"}),
    ]


def test_a_byte_order_mark_and_padded_column_names_are_fine():
    assert read("\ufefftitle , year\nA,1\n".encode()) == [(2, {"title": "A", "year": "1"})]


def test_trailing_empty_cells_beyond_the_columns_are_ignored():
    assert read("title,year\nA,1,,\n") == [(2, {"title": "A", "year": "1"})]


def test_cells_beyond_the_named_columns_are_refused():
    assert refusal("title,year\nA,1,extra\n") == ["Row 2 has 3 cells; the first row names 2 columns."]


def test_a_nul_character_is_refused_naming_row_and_column():
    assert refusal("title,year\nA,1\nB\x00C,2\n") == ["Row 3, title: a NUL character (\\0) is not allowed."]


def test_every_problem_is_listed():
    assert refusal("title,note\nA\x00,x\nB," + "x" * 30 + "\n", max_cell_chars=20) == [
        "Row 2, title: a NUL character (\\0) is not allowed.",
        "Row 3, note: longer than 20 characters.",
    ]


def test_a_cell_beyond_the_csv_modules_own_limit_is_a_located_error_not_a_crash():
    text = "title,year\nA,1\n" + "x" * (CSV_FIELD_LIMIT + 10) + ",2\n"

    assert refusal(text) == ["Row 3 is longer than 100000 characters."]


def test_a_quoted_cell_that_never_closes_is_refused_at_its_row():
    assert refusal('title,year\nA,1\n"B,2\n' + "x\n" * 10) == ["Row 3 is not valid CSV."]


def test_a_row_over_the_cap_is_refused_even_when_spread_over_many_lines():
    text = 'title,note\nA,"' + "line\n" * 50 + '"\n'

    assert refusal(text, max_row_chars=100) == ["Row 2 is longer than 100 characters."]


def test_a_file_over_the_size_cap_is_refused_before_it_is_read():
    message = "The file is 1.2\xa0KB; at most 1000\xa0bytes is accepted."

    assert refusal("title\n" + "A\n" * 600, max_bytes=1000) == [message]


def test_more_rows_than_the_cap_are_refused():
    assert refusal("title\nA\nB\nC\n", max_rows=2) == ["At most 2 rows are accepted per file."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("春天".encode("gb18030"), NOT_UTF8),
        ("title\n春天".encode("utf-16"), NOT_UTF8),
        (b"", "The first row must name the columns; see the template."),
        (b"year\n1\n", "The first row must name the columns; see the template."),
        (b"title,colour\n", "Unknown columns: colour."),
        (b"title,year,title\n", "Columns named twice: title."),
    ],
)
def test_a_file_that_is_not_the_expected_table_is_refused(content, message):
    assert refusal(content) == [message]


def test_a_row_cap_at_or_above_the_csv_modules_limit_is_a_programming_error():
    with pytest.raises(ValueError, match="field limit"):
        CsvLimits(max_row_chars=CSV_FIELD_LIMIT)
