"""Demo home page: the site's root page in Swedish."""

from .services import site_home_ensure


def seed(*, stdout) -> list[str]:
    home = site_home_ensure()
    stdout.write(f"  startsida: {home.title}")
    return []
