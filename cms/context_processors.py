from django.http import HttpRequest

from people.selectors import scope_for


def site(request: HttpRequest) -> dict:
    """The viewer's scope, for navigation only; data is always filtered in selectors."""
    return {"viewer_scope": scope_for(getattr(request, "user", None))}
