"""A workplace's monthly attendance certificates ("intyg av närvarotid") as one PDF: one page
per participant, each with the sessions, minutes and signature lines."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.formatting import duration
from cms.pdf import Document
from people.models import Workplace


def workplace_certificates_pdf(workplace: Workplace, month: datetime.date, certificates: list[dict]) -> bytes:
    title = _("Intyg om närvarotid %(month)s – %(workplace)s") % {"month": f"{month:%Y-%m}", "workplace": workplace.name}
    doc = Document(title=title, footer=title)
    if not certificates:
        doc.add_page()
        doc.heading(_("Intyg om närvarotid"), level=0)
        doc.paragraph(_("Ingen på arbetsplatsen hade närvarotid den här månaden."))
    for certificate in certificates:
        employee = certificate["employee"]
        doc.add_page()
        doc.heading(_("Intyg om närvarotid"), level=0)
        doc.start_section(employee.full_name, level=1)
        doc.data_table(
            [_("Uppgift"), _("Värde")],
            [
                [_("Deltagare"), f"{employee.full_name} ({employee.employee_number})"],
                [_("Organisation"), employee.organisation.name],
                [_("Arbetsplats"), employee.workplace.name],
                [_("Månad"), f"{month:%Y-%m}"],
            ],
            widths=(45, 129), numeric_from=9,
        )
        rows = [
            [
                f"{timezone.localtime(a.session.starts_at):%Y-%m-%d %H:%M}",
                f"{a.session.module.local_title} ({a.session.module.track.local_name})",
                str(a.minutes),
            ]
            for a in certificate["attendances"]
        ] + [
            [f"{c.created_at:%Y-%m-%d}", _("Korrigering: %(reason)s (%(by)s)") % {"reason": c.reason, "by": c.created_by}, f"{c.minutes:+d}"]
            for c in certificate["corrections"]
        ]
        rows.append([_("Summa"), duration(certificate["total_minutes"]), str(certificate["total_minutes"])])
        doc.data_table([_("Datum"), _("Tillfälle"), _("Minuter")], rows, widths=(36, 110, 28), numeric_from=2)
        doc.signature_line(_("Deltagarens namnteckning"))
        doc.signature_line(_("Attesterat av (chef)"))
        doc.signature_line(_("Ort och datum"))
    return doc.output_bytes()
