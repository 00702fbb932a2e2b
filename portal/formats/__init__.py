"""The portal's own date and number formats, one pattern per language (``FORMAT_MODULE_PATH``).

Every date a person reads goes through Django's named formats (``|date:"DATE_FORMAT"``,
``formats.date_format``), so these modules decide how all of them look: "4 Dec 2026" and
"4 Dec 2026, 14:30" in English, "2026年12月4日" and "2026年12月4日 14:30" in Chinese; the short
formats are the same patterns, so no page mixes two. Numbers group thousands with a comma in
both languages ("21,480,000"), where Django's own Chinese format groups none. What machines
read (API JSON, CSV, ics, ``<time datetime>``, date inputs) stays ISO 8601.
"""
