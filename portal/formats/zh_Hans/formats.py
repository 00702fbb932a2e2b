# Chinese: "2026年12月4日", "2026年12月4日 14:30"; thousands grouped by three with a comma, as
# amounts are written in trade documents ("21,480,000"), not Django's ungrouped default.
DATE_FORMAT = "Y年n月j日"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y年n月j日 H:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
# ISO first: a date input (``type="date"``) shows its value in the first input format, and a
# browser takes only YYYY-MM-DD there (Django's Chinese default puts "2026/12/04" first).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M",
]

# Typography the portal writes by (core.display.convention): the enumeration comma between list
# items, book-title marks around a work's title, full-width brackets, the country before the city.
LIST_SEPARATOR = "、"
CELL_LIST_SEPARATOR = "、"
TITLE_MARKS = ("《", "》")
PLACE_FORMAT = "{country}{city}"
WEEKDAY_DATE_FORMAT = "{date}（{weekday}）"
ZONED_MOMENT_FORMAT = "{moment}（{zone}）"
TITLE_WITH_OTHER_FORMAT = "{title}（{other}）"
