"""CSV exports that spreadsheet programs cannot be tricked into running.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (``=HYPERLINK(...)`` in a film's title would
become a live link in a buyer's spreadsheet). Every such text cell is written with a leading
apostrophe, which spreadsheets show as plain text. Numbers are written as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str | int | float:
    """One cell, safe to open in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object whose write() hands the line back, so rows can be streamed."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Sequence], *, byte_order_mark: bool = True) -> Iterator[str]:
    """The rows as CSV lines, every cell through ``csv_cell``. The byte-order mark lets
    spreadsheet programs read UTF-8 (Chinese titles) as such."""
    writer = csv.writer(_Echo())
    for number, row in enumerate(rows):
        line = writer.writerow([csv_cell(value) for value in row])
        yield ("\ufeff" + line) if number == 0 and byte_order_mark else line
