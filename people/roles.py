"""Which Django groups and permissions each role brings.

A role assignment puts its login in the role's group; the group's permissions decide which
admin screens open, and the selectors decide which rows show. Other apps add their
permissions here when they add screens for a role.
"""

from __future__ import annotations

from .models import Role

ROLE_GROUP_NAMES: dict[str, str] = {
    Role.PROGRAMME_ADMIN: "Programadministratörer",
    Role.EDITOR: "Redaktörer",
    Role.HR: "HR",
    Role.MANAGER: "Chefer",
    Role.PROCESS_LEADER: "Processledare",
    Role.STEERING_GROUP: "Styrgrupp",
}

_PEOPLE_ALL = [
    f"people.{action}_{model}"
    for model in ("organisation", "workplace", "employee", "roleassignment", "user")
    for action in ("add", "change", "delete", "view")
]

# The hours report and its exports (rows are still limited to the viewer's scope).
_SESSIONS_REPORTS = [
    "dialogue_sessions.view_session",
    "dialogue_sessions.view_attendance",
    "dialogue_sessions.view_hourscorrection",
]

# "app_label.codename". Permissions whose app is not installed yet are skipped.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROGRAMME_ADMIN: [
        "wagtailadmin.access_admin",
        *_PEOPLE_ALL,
        "people.import_employees",
        "cms.view_pagefeedback",
        "cms.delete_pagefeedback",
        "wagtail_localize.submit_translation",
        *_SESSIONS_REPORTS,
        *[
            f"courses.{action}_{model}"
            for model in ("programme", "track", "module", "messagetext")
            for action in ("add", "change", "delete", "view")
        ],
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        *[
            f"surveys.{action}_{model}"
            for model in ("survey", "question", "surveyround")
            for action in ("add", "change", "delete", "view")
        ],
    ],
    Role.EDITOR: [
        "wagtailadmin.access_admin",
        "courses.view_programme",
        "courses.view_track",
        "courses.change_track",
        *[f"courses.{action}_{model}" for model in ("module", "messagetext") for action in ("add", "change", "delete", "view")],
        "cms.view_pagefeedback",
        "cms.delete_pagefeedback",
        "wagtail_localize.submit_translation",
        # Editors translate the surveys with the pages (wagtail-localize edits a translation
        # through the survey's edit permission); only programme admins add or delete surveys.
        *[f"surveys.{action}_{model}" for model in ("survey", "question") for action in ("change", "view")],
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
    ],
    Role.HR: [
        "wagtailadmin.access_admin",
        "people.view_organisation",
        "people.view_workplace",
        "people.add_employee",
        "people.change_employee",
        "people.view_employee",
        "people.import_employees",
        *_SESSIONS_REPORTS,
    ],
    Role.MANAGER: [],
    Role.PROCESS_LEADER: [],
    # Aggregates only, on the site: no admin screen lists people.
    Role.STEERING_GROUP: [],
}

# Page-tree permissions on the root page for roles that edit content.
ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROGRAMME_ADMIN: ["add_page", "change_page", "publish_page", "delete_page"],
    Role.EDITOR: ["add_page", "change_page", "publish_page"],
}
