"""Reading an uploaded CSV file without trusting it: bounded, UTF-8, every problem located.

What the reader refuses, each with a message naming the row (as a spreadsheet numbers it,
the header being row 1) and, for a cell, its column:

- a file over ``max_bytes``, or with more than ``max_rows`` rows after the header;
- text that is not UTF-8 (a byte-order mark, as Excel's "CSV UTF-8" writes, is dropped);
- a row over ``max_row_chars`` characters. This cap sits below the csv module's own field
  limit (131,072 characters), so that limit's ``_csv.Error`` can never be reached: the lines
  are counted before the csv module sees them;
- a cell over ``max_cell_chars`` characters, or holding a NUL character (PostgreSQL cannot
  store one in text);
- unknown, repeated or missing columns, and cells beyond the named columns.

Cells are returned as written: one starting with ``=`` is data here. Exports neutralise such
cells when they write them for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# csv's own limit (``csv.field_size_limit()``), which this reader never lets a row reach.
CSV_FIELD_LIMIT = 131_072
MAX_LISTED_PROBLEMS = 50


@dataclass(frozen=True)
class CsvLimits:
    max_bytes: int = 5 * 1024 * 1024
    max_rows: int = 2000
    max_row_chars: int = 100_000
    max_cell_chars: int = 20_000

    def __post_init__(self):
        if self.max_row_chars >= CSV_FIELD_LIMIT:
            raise ValueError("max_row_chars must stay below the csv module's field limit")


class _RowTooLong(Exception):
    pass


class _Lines:
    """The text's lines for ``csv.reader``, refusing a row (one or more lines) over the cap."""

    def __init__(self, text: str, max_row_chars: int):
        self._lines = io.StringIO(text, newline="")
        self._max = max_row_chars
        self._pending = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._pending += len(line)
        if self._pending > self._max:
            raise _RowTooLong
        return line

    def row_done(self) -> None:
        self._pending = 0


def _file_error(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(
            _("The file is not UTF-8 text (byte %(position)s). Save it as “CSV UTF-8” and upload it again.")
            % {"position": exc.start + 1}
        ) from exc


def _header(row: list[str], *, columns: Sequence[str], required: Sequence[str]) -> list[str]:
    names = [name.strip() for name in row]
    if not any(names) or any(name not in names for name in required):
        raise _file_error(_("The first row must name the columns; see the template."))
    unknown = [name for name in names if name and name not in columns]
    if unknown:
        raise _file_error(_("Unknown columns: %(cols)s.") % {"cols": ", ".join(unknown)})
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise _file_error(_("Columns named twice: %(cols)s.") % {"cols": ", ".join(repeated)})
    return names


def _cell_problems(number: int, record: list[str], names: list[str], limits: CsvLimits) -> list[str]:
    problems = []
    extra = record[len(names) :]
    if any(cell.strip() for cell in extra):
        problems.append(
            _("Row %(row)s has %(cells)s cells; the first row names %(columns)s columns.")
            % {"row": number, "cells": len(record), "columns": len(names)}
        )
    for name, cell in zip(names, record, strict=False):
        column = name or _("column without a name")
        if "\x00" in cell:
            problems.append(
                _("Row %(row)s, %(column)s: a NUL character (\\0) is not allowed.") % {"row": number, "column": column}
            )
        if len(cell) > limits.max_cell_chars:
            problems.append(
                _("Row %(row)s, %(column)s: longer than %(max)s characters.")
                % {"row": number, "column": column, "max": limits.max_cell_chars}
            )
    return problems


def csv_rows_read(
    *, upload, columns: Sequence[str], required: Sequence[str] = (), limits: CsvLimits | None = None
) -> list[tuple[int, dict[str, str]]]:
    """The rows of an uploaded CSV file as ``(row number, {column: cell})``, blank rows left out.

    Raises ``ValidationError({"file": [...]})`` listing every problem found (up to 50), and
    reads no further than the caps allow.
    """
    limits = limits or CsvLimits()
    size = getattr(upload, "size", None)
    if size is not None and size > limits.max_bytes:
        raise _file_error(
            _("The file is %(size)s; at most %(max)s is accepted.")
            % {"size": filesizeformat(size), "max": filesizeformat(limits.max_bytes)}
        )
    raw = upload.read(limits.max_bytes + 1)
    if len(raw) > limits.max_bytes:
        raise _file_error(_("The file is larger than %(max)s.") % {"max": filesizeformat(limits.max_bytes)})
    lines = _Lines(_decode(raw), limits.max_row_chars)
    reader = csv.reader(lines, strict=True)
    names: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[str] = []
    number = 0  # the row being read, counted as a spreadsheet shows it
    try:
        while len(problems) < MAX_LISTED_PROBLEMS:
            number += 1
            record = next(reader, None)
            lines.row_done()
            if number == 1:
                names = _header(record or [], columns=columns, required=required)
            elif record is None:
                break
            elif len(rows) >= limits.max_rows:
                raise _file_error(
                    ngettext(
                        "At most %(n)s row is accepted per file.",
                        "At most %(n)s rows are accepted per file.",
                        limits.max_rows,
                    )
                    % {"n": limits.max_rows}
                )
            problems.extend(_cell_problems(number, record, names, limits))
            if number > 1 and any(cell.strip() for cell in record):
                rows.append((number, {name: cell for name, cell in zip(names, record, strict=False) if name}))
    except _RowTooLong as exc:
        raise _file_error(
            _("Row %(row)s is longer than %(max)s characters.") % {"row": number, "max": limits.max_row_chars}
        ) from exc
    except csv.Error as exc:
        raise _file_error(_("Row %(row)s is not valid CSV.") % {"row": number}) from exc
    if problems:
        raise ValidationError({"file": problems[:MAX_LISTED_PROBLEMS]})
    return rows
