"""Demo organisations and people: the eight employers of "Vilka är vi?" with 2 684 employees.

Names are generated on the machine from fixed lists with a fixed seed, so every run yields
the same people; running again creates only what is missing (nothing, the second time).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from .models import Employee, Gender, Language, Organisation, Role, RoleAssignment, User, Workplace
from .services import role_assign
from .two_factor import BACKUP_DEVICE_NAME, TOTP_DEVICE_NAME, two_factor_required

DEMO_PASSWORD = "samtalsrum-demo"  # noqa: S105 - printed for the demo, never used in production
DEMO_DOMAIN = "demo.samtalsrum.se"
# The demo logins that must sign in with a second factor (programme admin, HR) share this
# authenticator-app secret and these backup codes, printed by seed_demo and in the README.
# A demo installation's secrets are public by design; a real installation never runs seed_demo.
DEMO_TOTP_KEY = "53616d74616c7372756d2d64656d6f2d32666121"  # "Samtalsrum-demo-2fa!" as hex
DEMO_BACKUP_CODES = ("demokod1", "demokod2", "demokod3", "demokod4", "demokod5")

FEMALE_NAMES = (
    "Anna Maria Eva Karin Kristina Lena Sara Emma Kerstin Ingrid Marie Malin Johanna Linnea Elin "
    "Ida Hanna Amanda Sofia Julia Birgitta Annika Susanne Camilla Helena Ulrika Jenny Maja Elsa Alice "
    "Fatima Amina Leila Noor Yasmin Hiba Aisha Zahra Mariam Samira Olga Irina Ana Jelena Mirjam Tigist "
    "Hodan Ayan Sanna Tove Frida Lisa Ebba Agnes Stina Siv Gunilla Britt Margareta Elisabeth"
).split()
MALE_NAMES = (
    "Lars Anders Johan Per Erik Karl Mikael Peter Jan Hans Thomas Daniel Fredrik Mattias Jonas Magnus "
    "Oskar Axel Emil Viktor Lukas Hugo Nils Gustav Olof Sven Bengt Göran Stefan Henrik Mohammed Ahmed "
    "Ali Omar Hassan Yusuf Ibrahim Mustafa Abdi Said Dragan Milan Nikola Goran Tomasz Piotr Ivan Samuel "
    "Dawit Yonas Kalle Pelle Ola Björn Rolf Leif Kent Tommy Jimmy Robin"
).split()
LAST_NAMES = (
    "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson "
    "Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson Lindström Lindqvist "
    "Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist Mattsson Berglund Fredriksson "
    "Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund Danielsson Lundin Håkansson Björk "
    "Bergman Gunnarsson Holm Wikström Samuelsson Isaksson Fransson Bergqvist Nyström Holmberg Arvidsson "
    "Löfgren Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson Lundström Ali Mohamed Hussein "
    "Ahmed Hassan Abdullahi Yilmaz Nowak Kowalski Petrović Jovanović Hodžić Haile Tesfaye Kaya Öberg "
    "Ström Dahl Hedlund Sundberg Sundström Åberg Ek Falk Hermansson Nordin Strand Åström Östlund"
).split()


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    code: str
    employees: int
    workplaces: tuple[tuple[str, tuple[str, ...]], ...]  # (department, workplaces)


ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation(
        "Avesta kommun", "avesta", 1700,
        (
            ("Vård- och omsorgsförvaltningen", (
                "Hemtjänsten Centrum", "Hemtjänsten Krylbo", "Hemtjänsten Fors", "Hemtjänsten Horndal",
                "Särskilt boende Ängsgården", "Särskilt boende Höjden", "Särskilt boende Stjärnan",
                "Korttidsboendet Björkebo", "Hemsjukvården", "LSS-boende Solrosen", "Daglig verksamhet Verkstan",
                "Personlig assistans",
            )),
            ("Barn- och utbildningsförvaltningen", (
                "Förskolan Solstrålen", "Förskolan Tallbacken", "Förskolan Kvarnen", "Förskolan Ekorren",
                "Markusskolan", "Kyrkbacksskolan", "Karlbergsskolan", "Björkhagaskolan", "Bergslagsskolan",
                "Fridhemsskolan", "Hagaskolan", "Kulturskolan", "Elevhälsan",
            )),
            ("Samhällsbyggnadsförvaltningen", (
                "Gata och park", "Bygg och miljö", "Räddningsplanering och säkerhet", "Kostenheten",
                "Lokalvården",
            )),
            ("Kommunledningsförvaltningen", (
                "HR-avdelningen", "Ekonomiavdelningen", "Kommunikation och service", "IT-enheten",
            )),
            ("Kultur och fritid", ("Avesta bibliotek", "Fritidsgårdarna", "Badhuset")),
            ("Arbetsmarknad och integration", ("Arbetsmarknadsenheten", "Vuxenutbildningen", "Integrationsenheten")),
        ),
    ),
    DemoOrganisation("Gamla Byn AB", "gamla-byn", 40, (("", ("Förvaltning och uthyrning", "Fastighetsskötsel")),)),
    DemoOrganisation(
        "Avesta Vatten och Avfall AB", "ava", 45,
        (("", ("Vattenverket", "Återvinningscentralen", "Kundservice och administration")),),
    ),
    DemoOrganisation(
        "Orsa kommun", "orsa", 650,
        (
            ("Omsorgsförvaltningen", (
                "Hemtjänsten Orsa", "Äldreboendet Orsagården", "Äldreboendet Fågelsången", "Hemsjukvården Orsa",
                "LSS och socialpsykiatri",
            )),
            ("Bildningsförvaltningen", (
                "Förskolan Stenhagen", "Förskolan Digerberget", "Orsa skola F–6", "Orsa skola 7–9",
                "Orsa gymnasieskola", "Elevhälsan Orsa",
            )),
            ("Kommunstyrelseförvaltningen", ("Kansli och ekonomi Orsa", "Kost och lokalvård Orsa", "Bibliotek och kultur Orsa")),
        ),
    ),
    DemoOrganisation("Orsa Lokaler AB", "orsa-lokaler", 25, (("", ("Fastighetsdrift Orsa",)),)),
    DemoOrganisation("Orsa Bostäder AB", "orsa-bostader", 20, (("", ("Bostadsförvaltning Orsa",)),)),
    DemoOrganisation(
        "Södra Dalarnas Räddningstjänstförbund", "sdrf", 150,
        (("", ("Brandstation Avesta", "Brandstation Hedemora", "Brandstation Säter", "Förebyggande avdelningen")),),
    ),
    DemoOrganisation(
        "Stiftelsen Sjöviks folkhögskola", "sjovik", 54,
        (("", ("Folkhögskolans lärarlag", "Internat, kök och service")),),
    ),
)

DEMO_LOGINS = [
    ("admin", Role.PROGRAMME_ADMIN, "Programadministratör"),
    ("redaktor", Role.EDITOR, "Redaktör"),
    ("hr", Role.HR, "HR (Avesta kommun)"),
    ("chef", Role.MANAGER, "Chef (Hemtjänsten Centrum)"),
    ("ledare", Role.PROCESS_LEADER, "Processledare (Hemtjänsten Centrum)"),
    ("styrgrupp", Role.STEERING_GROUP, "Styrgrupp"),
    ("anstalld", None, "Anställd (Hemtjänsten Centrum)"),
]


def _workplaces_for(org: Organisation, spec: DemoOrganisation) -> list[Workplace]:
    existing = {w.name: w for w in Workplace.objects.filter(organisation=org)}
    units: list[Workplace] = []
    for department_name, names in spec.workplaces:
        parent = None
        if department_name:
            parent = existing.get(department_name) or Workplace.objects.create(
                organisation=org, name=department_name
            )
            existing[department_name] = parent
        for name in names:
            workplace = existing.get(name) or Workplace.objects.create(organisation=org, name=name, parent=parent)
            existing[name] = workplace
            units.append(workplace)
    return units


def _people(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    people = []
    for _ in range(count):
        if rng.random() < 0.62:  # the municipal workforce is mostly women
            first, gender = rng.choice(FEMALE_NAMES), Gender.WOMAN
        else:
            first, gender = rng.choice(MALE_NAMES), Gender.MAN
        people.append((first, rng.choice(LAST_NAMES), gender))
    return people


def seed(*, stdout) -> list[str]:
    rng = random.Random(2684)  # noqa: S311 - demo data, not security
    first_units: dict[str, list[Workplace]] = {}
    created = 0
    for spec in ORGANISATIONS:
        org, _ = Organisation.objects.get_or_create(code=spec.code, defaults={"name": spec.name})
        units = _workplaces_for(org, spec)
        first_units[spec.code] = units
        existing_numbers = set(
            Employee.objects.filter(organisation=org).values_list("employee_number", flat=True)
        )
        prefix = spec.code[:2].upper()
        new = []
        for index, (first, last, gender) in enumerate(_people(rng, spec.employees)):
            number = f"{prefix}{10001 + index}"
            workplace = units[index % len(units)]
            if number in existing_numbers:
                continue
            new.append(
                Employee(
                    organisation=org,
                    employee_number=number,
                    first_name=first,
                    last_name=last,
                    email=f"{number.lower()}@{spec.code}.{DEMO_DOMAIN}",
                    workplace=workplace,
                    gender=gender,
                    preferred_language=Language.ENGLISH if index % 37 == 0 else Language.SWEDISH,
                    hourly_cost=None,
                )
            )
        Employee.objects.bulk_create(new, batch_size=1000)
        created += len(new)
    stdout.write(f"  {Employee.objects.count()} anställda ({created} nya) i {Organisation.objects.count()} organisationer")

    _leaders_for_every_workplace([spec.code for spec in ORGANISATIONS])
    return _demo_logins(first_units["avesta"][0])


def _leaders_for_every_workplace(organisation_codes: list[str]) -> None:
    """A manager and two representatives (process leaders) per workplace of the demo's
    organisations, as in the programme (a database with other data, such as the benchmarks',
    keeps its own people as they are)."""
    existing = set(RoleAssignment.objects.filter(workplace__isnull=False).values_list("workplace_id", "role"))
    unusable = make_password(None)
    staff_by_workplace: dict[int, list[Employee]] = {}
    for employee in Employee.objects.filter(organisation__code__in=organisation_codes).order_by("employee_number"):
        staff_by_workplace.setdefault(employee.workplace_id, []).append(employee)
    users_with_employee = set(User.objects.filter(employee__isnull=False).values_list("employee_id", flat=True))
    new_users: list[User] = []
    roles: list[tuple[int, str, int]] = []  # (employee_id, role, workplace_id)
    for workplace_id, staff in staff_by_workplace.items():
        picks = [(staff[0], Role.MANAGER), *((e, Role.PROCESS_LEADER) for e in staff[1:3])]
        for employee, role in picks:
            if (workplace_id, role) in existing:
                continue
            if employee.pk not in users_with_employee:
                new_users.append(
                    User(email=employee.email, first_name=employee.first_name, last_name=employee.last_name,
                         employee=employee, password=unusable)
                )
                users_with_employee.add(employee.pk)
            roles.append((employee.pk, role, workplace_id))
    User.objects.bulk_create(new_users, batch_size=500)
    user_ids = dict(User.objects.filter(employee_id__in=[r[0] for r in roles]).values_list("employee_id", "id"))
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user_id=user_ids[e], role=role, workplace_id=w) for e, role, w in roles], batch_size=500
    )
    # Admin groups only matter for roles with admin screens; managers and leaders work in the site.


def _demo_logins(workplace: Workplace) -> list[str]:
    staff = list(Employee.objects.filter(workplace=workplace).order_by("employee_number")[:4])
    manager_employee, leader_employee, employee = staff[0], staff[1], staff[3]
    linked = {"chef": manager_employee, "ledare": leader_employee, "anstalld": employee}
    # Signing in opens a person's preferred language: the demo logins, shown in Swedish in the
    # README, read Swedish (any of them can choose another under Mitt språk).
    Employee.objects.filter(pk__in=[person.pk for person in linked.values()]).update(
        preferred_language=Language.SWEDISH
    )
    lines = []
    for key, role, label in DEMO_LOGINS:
        email = f"{key}@{DEMO_DOMAIN}"
        person = linked.get(key)
        user = User.objects.filter(email=email).first()
        if person is not None and user is None:
            # The workplace's manager/leader already has an unusable login: give it the demo address.
            user = User.objects.filter(employee=person).first()
        if user is None:
            user = User(email=email)
        user.email = email
        # A new User() has an empty password, which Django counts as usable: check it instead.
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        if person is not None:
            user.employee = person
            user.first_name, user.last_name = person.first_name, person.last_name
        elif not user.first_name:
            user.first_name, user.last_name = label.split(" ")[0], "Demo"
        user.save()
        if role == Role.HR:
            role_assign(user=user, role=role, organisation=workplace.organisation)
        elif role in (Role.MANAGER, Role.PROCESS_LEADER):
            role_assign(user=user, role=role, workplace=workplace)
        elif role is not None:
            role_assign(user=user, role=role)
        lines.append(f"{label:<38} {email:<32} {DEMO_PASSWORD}")
        if two_factor_required(user):
            _demo_two_factor(user)
            lines.append(f"{'':<38} {'  + kod (tvåstegsverifiering), se nedan':<32}")
    lines.append(
        "Tvåstegsverifiering (programadministratör och HR): lägg in nyckeln "
        f"{demo_totp_secret()} i en autentiseringsapp, eller använd en reservkod: {', '.join(DEMO_BACKUP_CODES)} "
        "(varje kod en gång per seed_demo)."
    )
    return lines


def demo_totp_secret() -> str:
    from base64 import b32encode

    return b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode().rstrip("=")


def _demo_two_factor(user: User) -> None:
    """The demo login's app (the shared demo secret) and backup codes, as after set-up; a new
    run restores used backup codes."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).exclude(key=DEMO_TOTP_KEY).delete()
    TOTPDevice.objects.get_or_create(
        user=user, key=DEMO_TOTP_KEY, defaults={"name": TOTP_DEVICE_NAME, "confirmed": True}
    )
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.exclude(token__in=DEMO_BACKUP_CODES).delete()
    have = set(device.token_set.values_list("token", flat=True))
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in DEMO_BACKUP_CODES if code not in have]
    )
