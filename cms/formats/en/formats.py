# Short dates as the rest of the site writes them (2026-03-12 13:00), not the American
# month-first form: English here is read by people working in Sweden. Django's own English
# formats apply to everything else.
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
