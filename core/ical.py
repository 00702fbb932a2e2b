"""iCalendar (RFC 5545) content lines, written as the icalendar package writes them: the
festival deadlines feed (festivals/ics.py) and meeting invitations (markets) write their events
with these rather than through the package, which is ten times slower for a large feed."""

_FOLD_AT = 75  # octets a physical line stays under


def ical_text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11) as the icalendar package escapes it."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ical_line(name: str, value: str) -> str:
    """A content line, folded (RFC 5545 3.1) as the icalendar package folds it: each physical
    line under 75 octets, never inside a character nor between a backslash and what it escapes."""
    line = f"{name}:{value}"
    if len(line.encode()) < _FOLD_AT:
        return line + "\r\n"
    if line.isascii():  # one octet a character: cut by slicing, the same cuts as below
        parts, start, width = [], 0, _FOLD_AT - 1
        while len(line) - start > width:
            end = start + width - (line[start + width - 1] in "\\^")
            parts.append(line[start:end])
            start = end
        parts.append(line[start:])
        return "\r\n ".join(parts) + "\r\n"
    parts = []
    current: list[str] = []
    octets = 0
    for char in line:
        size = len(char.encode())
        if current and octets + size >= _FOLD_AT:
            carried = [current.pop()] if len(current) > 1 and current[-1] in "\\^" else []
            parts.append("".join(current))
            current, octets = carried, sum(len(c.encode()) for c in carried)
        current.append(char)
        octets += size
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"
