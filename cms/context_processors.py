from django.http import HttpRequest

from people.links import SESSION_KEY, current_employee
from people.selectors import scope_for


def site(request: HttpRequest) -> dict:
    """The viewer's scope, for navigation only; data is always filtered in selectors.

    ``link_employee`` is the person recognised through their signed link when nobody is signed
    in, so the header greets them instead of offering "Logga in" (one query, only then)."""
    user = getattr(request, "user", None)
    link_employee = None
    session = getattr(request, "session", None)
    if session is not None and not (user is not None and user.is_authenticated) and SESSION_KEY in session:
        link_employee = current_employee(request)
    return {"viewer_scope": scope_for(user), "link_employee": link_employee}
