# English: "4 Dec 2026", "4 Dec 2026, 14:30". Inputs (not set here) keep Django's, ISO first.
DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "M Y"
MONTH_DAY_FORMAT = "j M"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# Typography (core.display.convention); these are also the defaults for other languages.
LIST_SEPARATOR = ", "
CELL_LIST_SEPARATOR = "; "
TITLE_MARKS = ("“", "”")
PLACE_FORMAT = "{city}, {country}"
WEEKDAY_DATE_FORMAT = "{weekday}, {date}"
ZONED_MOMENT_FORMAT = "{moment} ({zone})"
TITLE_WITH_OTHER_FORMAT = "{title} ({other})"
