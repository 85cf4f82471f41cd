""""Mitt språk" on the employee's own pages: saving the language they want everything in."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .languages import (
    SESSION_LANGUAGE_KEY,
    employee_language_set,
    language_cookie_set,
    url_in_language,
)
from .links import current_employee


@require_POST
def my_language(request: HttpRequest) -> HttpResponse:
    """Save the signed-in (or link-opened) person's preferred language and show the page they
    came from in it at once.

    Only the person themself: the form names whose language it changes, and a form for
    anyone but the person this browser acts for – another person's link opened in between on
    a shared device – is refused with nothing written.
    """
    employee = current_employee(request)
    if employee is None:
        raise Http404(_("Din inloggning är inte kopplad till någon anställning."))
    named = request.POST.get("employee")
    if named is not None and named != str(employee.pk):
        raise PermissionDenied(_("Formuläret gäller någon annan än den som är inne. Ladda om sidan."))
    next_url = request.POST.get("next", "")
    # A path of this site only: never another site, nor anything that is not a path.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("cms:landing")
    language = request.POST.get("language", "")
    user = request.user if request.user.is_authenticated else None
    try:
        employee_language_set(employee=employee, language=language, changed_by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(next_url)
    request.session[SESSION_LANGUAGE_KEY] = language
    with translation.override(language):
        messages.success(request, _("Ditt språk är sparat. E-post, länkar och enkäter kommer på det här språket."))
    return language_cookie_set(HttpResponseRedirect(url_in_language(next_url, language)), language)
