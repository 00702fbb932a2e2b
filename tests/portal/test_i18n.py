"""The Simplified Chinese catalogue is complete, compiled and used.

``locale/zh_Hans/LC_MESSAGES/django.po`` and its compiled ``django.mo`` are both committed, so
the portal runs on a machine without GNU gettext. These tests fail when a string is left
untranslated or fuzzy, when a translation loses a placeholder, when the ``.mo`` was not
recompiled after the ``.po`` changed, and when the code marks a string that ``make messages``
has not yet brought into the catalogue.
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LC_MESSAGES = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

# The same options as `make messages`.
MAKEMESSAGES_ARGS = [
    "makemessages",
    "-l",
    "zh_Hans",
    "--no-obsolete",
    "--ignore=.venv",
    "--ignore=var",
    "--ignore=tests",
]
# Left out of the scratch copy that makemessages runs in: not source, or (locale) the output itself.
NOT_COPIED_AT_TOP = {
    ".git",
    ".venv",
    "var",
    "locale",
    "tests",
    "node_modules",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".schemathesis",
    "test-results",
}
# The suite's own switches must not leak into the makemessages process.
_NOT_INHERITED = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}

# msgids whose right Chinese form has no Chinese character (a code or brand shown as is). Empty so far.
SAME_IN_CHINESE: frozenset[str] = frozenset(
    {
        "%(where)s: %(message)s",  # nothing but the two named parts; Chinese changes the colon to "："
        "%(field)s: %(msg)s",  # the same
        "%(festival)s %(year)s: %(kind)s deadline",  # the deadline kinds' Chinese names end in 截止 already
        "%(kind)s deadline",  # the same
        "%(label)s: %(count)s",  # a status and its count; Chinese changes the colon to "："
        "%(buyer)s (%(company)s) — %(film)s",  # names only; Chinese uses full-width brackets
        ", ",  # list and punctuation separators: Chinese uses its own marks (、；：)
        "; ",
        ": ",
        "“%(title)s”",  # a film title in its marks: Chinese writes 《》
    }
)

HERO_HEADING_ZH = "让国产影片走向世界"
EMAIL_LABEL_ZH = "电子邮箱"


# --- A small .po reader (no dependency beyond the standard library) ---------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$')
_CONTINUATION = re.compile(r'^"(.*)"$')


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], text)


def parse_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """The header (as a dict) and the entries of a .po file; obsolete (#~) entries are not entries."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None
    pending_flags: set[str] = set()

    def finish() -> None:
        nonlocal current, target
        if current is not None:
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#"):  # comments, references, flags; "#~" (obsolete) is skipped whole
            if target is not None and target[0] == "msgstr":
                finish()
            if line.startswith("#,"):
                pending_flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if match := _KEYWORD.match(line):
            keyword, index, text = match.group(1), match.group(2), _unescape(match.group(3))
            if keyword in {"msgctxt", "msgid"} and (current is None or target[0] == "msgstr"):
                finish()
                current = Entry(flags=pending_flags, line=number)
                pending_flags = set()
            assert current is not None, f"{path}:{number}: {keyword} outside an entry"
            if keyword.startswith("msgstr"):
                slot = int(index) if index is not None else 0
                current.msgstr[slot] = text
                target = ("msgstr", slot)
            else:
                setattr(current, keyword, text)
                target = (keyword, None)
            continue
        if match := _CONTINUATION.match(line):
            assert current is not None, f"{path}:{number}: stray string"
            assert target is not None, f"{path}:{number}: stray string"
            text = _unescape(match.group(1))
            if target[0] == "msgstr":
                current.msgstr[target[1]] += text
            else:
                setattr(current, target[0], getattr(current, target[0]) + text)
            continue
        raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    finish()

    headers = [e for e in entries if e.msgid == "" and e.msgctxt is None]
    assert len(headers) == 1, f"{path}: expected one header entry, found {len(headers)}"
    fields = (line.split(":", 1) for line in headers[0].msgstr[0].splitlines() if line)
    header = {name.strip(): value.strip() for name, value in fields}
    return header, [e for e in entries if e is not headers[0]]


@pytest.fixture(scope="module")
def catalogue() -> tuple[dict[str, str], list[Entry]]:
    return parse_po(PO_FILE)


def _where(entry: Entry) -> str:
    return f"django.po:{entry.line} {entry.msgid!r}"


# --- The committed catalogue ---------------------------------------------------------------


def test_po_header_declares_simplified_chinese_utf8_and_one_plural_form(catalogue):
    header, _entries = catalogue

    assert header["Language"] == "zh_Hans"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Plural-Forms"] == "nplurals=1; plural=0;"


def test_po_header_is_not_fuzzy():
    before_header = PO_FILE.read_text(encoding="utf-8").split('msgid ""', 1)[0]

    assert "fuzzy" not in before_header


def test_every_msgid_has_a_chinese_translation_and_none_is_fuzzy(catalogue):
    _header, entries = catalogue

    untranslated = [_where(e) for e in entries if not all(text.strip() for text in e.msgstr.values())]
    fuzzy = [_where(e) for e in entries if "fuzzy" in e.flags]
    without_chinese = [
        _where(e)
        for e in entries
        if e.msgid not in SAME_IN_CHINESE and not re.search(r"[\u4e00-\u9fff]", "".join(e.msgstr.values()))
    ]

    assert len(entries) > 0
    assert untranslated == []
    assert fuzzy == []
    # An English msgstr copied over is not a translation; true exceptions go in SAME_IN_CHINESE.
    assert without_chinese == []


def test_plural_entries_have_exactly_the_one_chinese_form(catalogue):
    _header, entries = catalogue
    plurals = [e for e in entries if e.msgid_plural is not None]

    assert len(plurals) > 0
    assert [_where(e) for e in plurals if sorted(e.msgstr) != [0]] == []
    assert [_where(e) for e in entries if e.msgid_plural is None and sorted(e.msgstr) != [0]] == []


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}|\{\w*\}")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def test_translations_keep_every_placeholder_and_html_tag(catalogue):
    _header, entries = catalogue
    changed = []
    for entry in entries:
        # The one Chinese form stands for every count, so a plural entry follows msgid_plural.
        source, text = entry.msgid_plural or entry.msgid, entry.msgstr[0]
        same_placeholders = sorted(_PLACEHOLDER.findall(source)) == sorted(_PLACEHOLDER.findall(text))
        same_tags = sorted(_TAG.findall(source)) == sorted(_TAG.findall(text))
        if not (same_placeholders and same_tags):
            changed.append(_where(entry))

    assert changed == []


def test_committed_mo_gives_the_same_translation_as_the_po_for_every_msgid(catalogue):
    _header, entries = catalogue
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    stale = []
    for entry in entries:
        expected = entry.msgstr[0]
        if entry.msgid_plural is not None:
            got = [
                compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                if entry.msgctxt is not None
                else compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                for n in (1, 2)
            ]
            if got != [expected, expected]:
                stale.append(_where(entry))
        else:
            got = (
                compiled.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt is not None
                else compiled.gettext(entry.msgid)
            )
            if got != expected:
                stale.append(_where(entry))

    # A non-empty list means: run `make messages` (or compilemessages) and commit the .mo.
    assert stale == []
    assert compiled.info()["language"] == "zh_Hans"
    assert compiled.info()["plural-forms"] == "nplurals=1; plural=0;"


@pytest.mark.gettext
def test_the_catalogue_holds_exactly_the_strings_marked_in_the_code(catalogue, tmp_path):
    _header, entries = catalogue

    # makemessages writes scratch files next to the templates it reads, and its catalogue into
    # locale/: run it on a copy so the working tree is never touched.
    source = tmp_path / "source"

    def not_copied(directory: str, names: list[str]) -> set[str]:
        skipped = {"__pycache__"} | (NOT_COPIED_AT_TOP if Path(directory) == ROOT else set())
        return skipped & set(names)

    shutil.copytree(ROOT, source, ignore=not_copied, symlinks=True)
    clean = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    result = subprocess.run(  # noqa: S603  (fixed arguments, our own manage.py)
        [sys.executable, "manage.py", *MAKEMESSAGES_ARGS],
        cwd=source,
        env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings", "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    _fresh_header, fresh = parse_po(source / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po")

    committed_keys = {e.key for e in entries}
    fresh_keys = {e.key for e in fresh}
    # Non-empty "not in the catalogue": run `make messages`, translate, commit .po and .mo.
    # Non-empty "no longer in the code": the same `make messages` drops them.
    assert sorted(fresh_keys - committed_keys, key=str) == [], "not in the catalogue"
    assert sorted(committed_keys - fresh_keys, key=str) == [], "no longer in the code"


# --- Pages rendered in Chinese --------------------------------------------------------------


def _switch_to_chinese(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_home_page_after_choosing_chinese_shows_the_chinese_hero_heading(client):
    _switch_to_chinese(client)

    response = client.get("/")
    html = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-Hans">' in html
    assert f'<h1 id="hero-heading">{HERO_HEADING_ZH}</h1>' in html
    assert "Take homemade films abroad" not in html


@pytest.mark.django_db
def test_login_page_in_chinese_labels_the_email_field_in_chinese(client):
    _switch_to_chinese(client)

    response = client.get("/accounts/login/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert f'<label for="id_username">{EMAIL_LABEL_ZH}' in html
    assert "E-mail address" not in html


@pytest.mark.django_db
def test_browser_asking_for_zh_cn_gets_the_simplified_chinese_home_page(client):
    response = client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.8"})
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert f'<h1 id="hero-heading">{HERO_HEADING_ZH}</h1>' in html


@pytest.mark.django_db
def test_home_page_without_a_language_choice_stays_english(client):
    response = client.get("/", headers={"accept-language": "en"})
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert '<h1 id="hero-heading">Take homemade films abroad</h1>' in html
