# English pages have shown dates as 2026-09-01 and times as 14:30 since they were first written.
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
