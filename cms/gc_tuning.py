"""Python's garbage collector tuned for a long-running web or worker process.

A loaded Samtalsrum process holds about 300 000 objects (Django, Wagtail and their modules),
and a large answer – an API page of 1 000 people, a report page – allocates tens of thousands
more. With the default thresholds the collector then walks the whole heap every few such
requests: a pause of 0.1–0.2 s each time (measured on the API's hours pages, benchmarks/).
After start-up, :func:`tune` moves everything loaded so far out of the collector's sight
(``gc.freeze``: modules are never garbage) and collects the young generation less often.
Reference counting still frees almost everything at once; only cycles wait a little longer.
"""

import gc

#: Objects allocated (less those freed) before a collection of the youngest generation; the
#: default 700 collects hundreds of times per large request.
YOUNG_THRESHOLD = 50_000


def tune() -> None:
    """Call once the application is loaded (gunicorn.conf.py, ``manage.py bench``)."""
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
