"""Admin forms with inline children (programmes, tracks, surveys) read a tampered child id as a
new child, so the editor gets the form back with its errors instead of a server error."""

from django.http import QueryDict

from cms.forms import _with_child_ids


def test_missing_and_non_numeric_child_ids_become_new_children():
    data = QueryDict(mutable=True)
    data.update({"questions-INITIAL_FORMS": "4", "questions-1-id": "\U0010ffff", "questions-2-id": "12",
                 "questions-3-id": "٣", "tracks-INITIAL_FORMS": "x"})
    fixed = _with_child_ids(data)
    assert [fixed.get(f"questions-{i}-id") for i in range(4)] == ["", "", "12", ""]
    assert "tracks-0-id" not in fixed  # a broken count is left to the formset's own message
    assert data.get("questions-1-id") == "\U0010ffff"  # the request's own data is not changed


def test_a_snippet_chooser_shows_an_unusable_value_as_nothing_chosen(db):
    """A round's survey posted as "1.5": the form comes back with the field's own error."""
    from cms.widgets import SafeSnippetChooser
    from surveys.models import Survey

    widget = SafeSnippetChooser(Survey)
    assert widget.get_instance("1.5") is None and widget.get_instance("99999999999999999999999") is None
