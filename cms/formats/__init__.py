"""Date and number formats for languages Django has none for (Somali, Tigrinya), and the
short dates of English kept as the rest of the site writes them (``FORMAT_MODULE_PATH``)."""
