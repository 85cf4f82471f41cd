# Django's Arabic formats have a short date but no short date and time.
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
