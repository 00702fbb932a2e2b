"""Film languages by ISO 639 code (639-1 where it exists; 639-3 for the Chinese languages)."""

from django.utils.translation import gettext_lazy as _

LANGUAGES: list[tuple[str, str]] = [
    ("cmn", _("Mandarin")),
    ("yue", _("Cantonese")),
    ("wuu", _("Shanghainese (Wu)")),
    ("nan", _("Hokkien (Min Nan)")),
    ("hak", _("Hakka")),
    ("bo", _("Tibetan")),
    ("ug", _("Uyghur")),
    ("mn", _("Mongolian")),
    ("za", _("Zhuang")),
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("it", _("Italian")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("vi", _("Vietnamese")),
    ("th", _("Thai")),
    ("id", _("Indonesian")),
    ("ms", _("Malay")),
    ("hi", _("Hindi")),
    ("tr", _("Turkish")),
    ("fa", _("Persian")),
    ("pl", _("Polish")),
    ("nl", _("Dutch")),
    ("sv", _("Swedish")),
    ("cs", _("Czech")),
    ("el", _("Greek")),
    ("he", _("Hebrew")),
    ("kk", _("Kazakh")),
    ("zh-hans", _("Chinese (simplified script)")),
    ("zh-hant", _("Chinese (traditional script)")),
]

LANGUAGE_CODES = frozenset(code for code, _label in LANGUAGES)
