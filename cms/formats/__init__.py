"""Date and number formats for languages Django has none for (Somali, Tigrinya), the short
date and time Django's Arabic lacks, and the short dates of English kept as the rest of the
site writes them (``FORMAT_MODULE_PATH``). Used for the dates in e-mails."""
