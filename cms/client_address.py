"""The address of the person asking, as seen through the reverse proxies we trust – and no others.

Behind the README's reverse proxy every request reaches gunicorn from the proxy's address, so a
rate limit keyed on ``REMOTE_ADDR`` would be one limit shared by everyone. The proxy adds the
address it saw to ``X-Forwarded-For``; anyone can send that header too, so it is believed only
hop by hop from the right, and only while the hop that wrote it is a trusted proxy
(``SAMTALSRUM_TRUSTED_PROXIES``, from ``DJANGO_TRUSTED_PROXIES``; default: none, so the header
is ignored). The first address that is not a trusted proxy is the client.

Every limit that keys on the address – django-ratelimit (page feedback) and django-axes (login
throttling) – reads it from :func:`client_address`, configured in ``cms/settings/base.py``.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """``entries`` (addresses or networks such as ``10.0.0.0/8``) parsed once."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"DJANGO_TRUSTED_PROXIES: {entry!r} is not an IP address or network."
            ) from exc
    return tuple(networks)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.5:443"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address: ``REMOTE_ADDR``, or the nearest untrusted hop of
    ``X-Forwarded-For`` when the request came through trusted proxies."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_networks(tuple(getattr(settings, "SAMTALSRUM_TRUSTED_PROXIES", ())))
    current = _address(peer)
    if current is None or not networks:
        return peer
    forwarded = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    while forwarded and any(current in network for network in networks):
        hop = _address(forwarded.pop())
        if hop is None:
            # A trusted proxy wrote something that is no address: go no further than it.
            break
        current = hop
    return str(current)


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A mistyped DJANGO_TRUSTED_PROXIES stops start-up rather than the first request."""
    try:
        trusted_networks(tuple(getattr(settings, "SAMTALSRUM_TRUSTED_PROXIES", ())))
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), hint="Addresses or networks, comma-separated.", id="samtalsrum.E001")]
    return []
