"""Which web links a plaza may show as a QR code: https on one of its allowed hosts.

A visitor's phone opens the link with a browser, and browsers read URLs by the WHATWG rules,
not by Python's `urlsplit`: a backslash is a slash, tabs and newlines vanish, `https:///x`
and `https:x` have host `x`, `%2e` in a host is a dot, a Unicode host is mapped and
punycoded. A second parser guessing the browser's host is the bypass (`https://evil.example\\
.banjarmasinkota.go.id/` opens evil.example). So the link is not parsed leniently at all: it
must be written in one plain form whose host every parser reads the same, or it is refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

SCHEME = "https://"
MAX_LENGTH = 300
# An ASCII DNS label: letters, digits, inner hyphens. Nothing else may be in a host.
_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
# Where the host ends, in every parser: the path, the query or the fragment.
_HOST_END = re.compile(r"[/?#]")
# A last label browsers read as a number, making the host an IPv4 address (`1.2.3.4`, `0x7f.1`).
_NUMERIC = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")


def link_problem(url: object, allowed_hosts: Iterable[str]) -> str | None:
    """Why `url` may not be shown, or None when it may: https, no port, no user, and a host
    that is an allowed host or a subdomain of one (compared without regard to case)."""
    if not isinstance(url, str) or not url:
        return "not a web address"
    if len(url) > MAX_LENGTH:
        return f"longer than {MAX_LENGTH} characters"
    if unsafe := _unsafe_character(url):
        return unsafe
    if url[:len(SCHEME)].lower() != SCHEME:
        return "not an https:// address"  # also `//host`, `https:/host`, `https:host`, javascript:
    rest = url[len(SCHEME):]
    end = _HOST_END.search(rest)
    authority = rest[:end.start()] if end else rest
    if "@" in authority:
        return "has a user name before the host"
    if ":" in authority:
        return "names a port"
    if "%" in authority:
        return "has a percent-encoded host"
    host = authority.lower()
    if not host.isascii():
        return "has a non-ASCII host (write it as the exact punycode name on the list)"
    if problem := _host_problem(host):
        return problem
    if urlsplit(url).hostname != host:  # belt and braces: Python must read the same host
        return "is ambiguous"
    allowed = tuple(h.lower() for h in allowed_hosts)
    if any(label.startswith("xn--") for label in host.split(".")):
        # An internationalised name may look like another: only exactly a listed one.
        return None if host in allowed else "has an internationalised host not on the list"
    if any(host == h or host.endswith("." + h) for h in allowed):
        return None
    return f"host {host} is not on the plaza's list"


def url_allowed(url: object, allowed_hosts: Iterable[str]) -> bool:
    return link_problem(url, allowed_hosts) is None


def _unsafe_character(url: str) -> str | None:
    """Characters browsers drop, turn into slashes or show misleadingly."""
    for char in url:
        if char == "\\":
            return "has a backslash (browsers read it as '/')"
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Zs"):
            return "has a space or control character"
    return None


def _host_problem(host: str) -> str | None:
    if not host:
        return "has no host"
    if len(host) > 253:
        return "has a host name that is too long"
    labels = host.split(".")
    if any(not label for label in labels):
        return "has an empty label in its host (a trailing or double dot)"
    if not all(_LABEL.match(label) for label in labels):
        return "has characters a host name cannot have"
    if len(labels) < 2 or _NUMERIC.match(labels[-1]):
        return "has an address instead of a domain name"  # browsers read 1.2.3.4, 0x7f.1 as IPv4
    return None
