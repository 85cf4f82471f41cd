"""Date and time formats Django lacks or that the platform keeps as they were (settings'
FORMAT_MODULE_PATH). Django uses a format from here when one is given and its own otherwise, so
each module names only what differs. Templates for employees show dates with the short formats
(``|date:"SHORT_DATE_FORMAT"``), so each reader gets their language's."""
