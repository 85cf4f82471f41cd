"""The Content-Security-Policy's one concession to the Wagtail admin: hashes of Wagtail's own
widget initialisers.

The policy (``CONTENT_SECURITY_POLICY`` in ``cms/settings/base.py``) allows no inline script or
style anywhere. Wagtail 8's chooser, date and inline-panel widgets still write a one-line
inline ``<script>`` that starts them, for example::

    new DocumentChooser("id_video_file", {"modalUrl": "/admin/documents/chooser/"});
    initDateTimeChooser("id_go_live_at", {"dayOfWeekStart": 1, "format": "Y-m-d H:i", ...});
    (function() { var panel = new InlinePanel(JSON.parse("{\\u0022formsetPrefix\\u0022: ...}")); })();

Without them a document can't be chosen and a date can't be picked. For responses under
``/admin/`` only, this middleware finds the inline scripts that are exactly such a call – an
allowlisted Wagtail function, a field id, and options that parse as JSON (data, never code) –
and adds each one's SHA-256 hash to that response's ``script-src``. Any other inline script,
such as markup someone managed to inject, matches nothing and stays blocked; ``'unsafe-inline'``
is never used.

The same middleware lets the rich text editor's script-made ``<style>`` elements through with
a per-response nonce (``AdminPolicyMiddleware``). See docs/security.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script>", re.S | re.I)
_NOT_JS = re.compile(r"""\b(?:src|type\s*=\s*["']?(?!text/javascript|module)[\w/+.-]+)""", re.I)
_JS_STRING = r'"(?P<{name}>(?:[^"\\\n]|\\.)*)"'
_OPTIONS = r"(?P<options>\{.*\})"
_WIDGET_CALLS = [
    # wagtail.admin.widgets.chooser.BaseChooser.render_js_init (documents, pages, images, snippets…,
    # and the generic ``Chooser`` of a ChooserViewSet, as for logins and workplaces)
    re.compile(rf"new (?P<fn>(?:[A-Z]\w*)?Chooser)\({_JS_STRING.format(name='id')}, {_OPTIONS}\);", re.S),
    # wagtailadmin/widgets/{date,time,datetime}_input.html
    re.compile(rf"(?P<fn>init(?:Date|Time|DateTime)Chooser)\({_JS_STRING.format(name='id')}, {_OPTIONS}\);", re.S),
]
# wagtailadmin/panels/{inline,multiple_chooser}_panel.html
_PANEL = re.compile(
    r"\(function\(\) \{\s*var panel = new (?P<fn>InlinePanel|MultipleChooserPanel)\(JSON\.parse\("
    + _JS_STRING.format(name="options")
    + r"\)\);\s*\}\)\(\);",
    re.S,
)
_FIELD_ID = re.compile(r"[\w-]+")


def _is_widget_initialiser(body: str) -> bool:
    text = body.strip()
    for pattern in _WIDGET_CALLS:
        match = pattern.fullmatch(text)
        if match:
            try:
                field_id = json.loads(f'"{match["id"]}"')
                options = json.loads(match["options"])
            except ValueError:
                return False
            return bool(_FIELD_ID.fullmatch(field_id)) and isinstance(options, dict)
    match = _PANEL.fullmatch(text)
    if match:
        try:
            options = json.loads(json.loads(f'"{match["options"]}"'))
        except ValueError:
            return False
        return isinstance(options, dict)
    return False


def widget_script_hashes(html: str) -> list[str]:
    """CSP hash sources of the Wagtail widget initialisers written inline in ``html``."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        if match["attrs"] and _NOT_JS.search(match["attrs"]):
            continue
        body = match["body"]
        if _is_widget_initialiser(body):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            source = f"'sha256-{digest}'"
            if source not in hashes:
                hashes.append(source)
    return hashes


class AdminPolicyMiddleware:
    """Below ``csp.middleware.CSPMiddleware``, for HTML pages under ``/admin/``:

    - Wagtail's own widget initialisers run, by hash (see above);
    - the ``<style>`` elements Wagtail's rich text editor creates from script get the page's
      nonce, which ``static/js/admin-style-nonce.js`` reads from a ``<meta>`` element this
      middleware adds. Styles in the markup itself get no nonce and stay blocked.
    """

    prefix = "/admin/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(self.prefix)
            and not getattr(response, "streaming", False)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            charset = response.charset or "utf-8"
            html = response.content.decode(charset, "replace")
            update: dict[str, list[str]] = {}
            scripts = widget_script_hashes(html)
            if scripts:
                update["script-src"] = scripts
            if "<head>" in html:
                nonce = str(request.csp_nonce)
                update["style-src"] = [f"'nonce-{nonce}'"]
                html = html.replace("<head>", f'<head><meta name="samtalsrum-style-nonce" content="{nonce}">', 1)
                response.content = html.encode(charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
            if update:
                response._csp_update = update
        return response
