# Django's Arabic formats have a short date (day first) but no short date and time, which
# would fall back to the American month-first default. The same day-first date, 24-hour clock.
SHORT_DATETIME_FORMAT = "d‏/m‏/Y H:i"
