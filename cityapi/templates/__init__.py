"""The city API's HTML: Jinja2 templates beside this file, every value escaped unless a
template says otherwise (a visitor's comment with HTML in it is shown as text everywhere)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

_ENVIRONMENT = Environment(loader=FileSystemLoader(Path(__file__).parent),
                           autoescape=select_autoescape(default=True, default_for_string=True),
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(name: str, **values: Any) -> str:
    return _ENVIRONMENT.get_template(name).render(**values)
