"""The admin's CSP concession: only Wagtail's own widget initialisers are let through by hash,
and the policy never says 'unsafe-inline' anywhere."""

import base64
import hashlib

import pytest

from cms.csp import widget_script_hashes
from people.models import Role
from tests.cms.factories import content_tree
from tests.factories import user_with_role


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


WAGTAIL_SCRIPTS = [
    'new DocumentChooser("id_video_file", {"modalUrl": "/admin/documents/chooser/"});',
    'new Chooser("id_workplace", {"modalUrl": "/admin/people/choose-workplace/"});',
    'new PageChooser("id_page", {"modelNames": ["wagtailcore.page"], "canChooseRoot": false, "userPerms": null});',
    'initDateTimeChooser("id_go_live_at", {"dayOfWeekStart": 1, "format": "Y-m-d H:i", "formatTime": "H:i"});',
    'initDateChooser("id_modules\\u002D0\\u002Dstarts_on", {"dayOfWeekStart": 1, "format": "Y-m-d"});',
    '\n        (function() {\n            var panel = new InlinePanel(JSON.parse("{\\u0022formsetPrefix\\u0022: \\u0022id_modules\\u0022}"));\n        })();\n    ',
]
HOSTILE_SCRIPTS = [
    "alert(document.cookie)",
    'new DocumentChooser("id_x", {"modalUrl": "/"}); alert(1);',
    'new DocumentChooser("id_x", {"modalUrl": alert(1)});',
    'new Function("id_x", {"a": 1});',
    'initDateChooser("x\\"); alert(1); //", {});',
    'initDateChooser("id_x", {"a": 1}) || alert(1);',
    '(function() { var panel = new InlinePanel(JSON.parse("{}")); alert(1); })();',
    '(function() { var panel = new InlinePanel(JSON.parse("\\" + alert(1) + \\"")); })();',
]


@pytest.mark.parametrize("body", WAGTAIL_SCRIPTS)
def test_wagtails_widget_initialisers_are_hashed(body):
    assert widget_script_hashes(f"<p>x</p><script>{body}</script>") == [_hash(body)]


@pytest.mark.parametrize("body", HOSTILE_SCRIPTS)
def test_anything_else_inline_is_not(body):
    assert widget_script_hashes(f"<script>{body}</script>") == []


def test_scripts_with_a_source_or_data_are_left_alone():
    body = WAGTAIL_SCRIPTS[0]
    assert widget_script_hashes(f'<script src="/static/x.js">{body}</script>') == []
    assert widget_script_hashes(f'<script type="application/json">{body}</script>') == []


@pytest.mark.django_db
def test_admin_pages_get_their_hashes_and_a_style_nonce_public_pages_neither(client):
    tree = content_tree()
    client.force_login(user_with_role(Role.PROGRAMME_ADMIN, email="admin@example.se"))
    editor = client.get(f"/admin/pages/{tree.segment.pk}/edit/")
    policy = editor["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert 'new DocumentChooser("id_video_file"' in editor.content.decode()
    assert _hash('new DocumentChooser("id_video_file", {"modalUrl": "/admin/documents/chooser/"});') in script_src
    style_src = next(d for d in policy.split(";") if d.strip().startswith("style-src"))
    nonce = style_src.split("'nonce-")[1].split("'")[0]
    assert f'<meta name="samtalsrum-style-nonce" content="{nonce}">' in editor.content.decode()

    public = client.get(tree.segment.url)["Content-Security-Policy"]
    assert "sha256-" not in public and "nonce-" not in public
    for header in (policy, public):
        assert "unsafe-inline" not in header and "unsafe-eval" not in header
