"""Render any visitor screen offscreen to a PNG, at the asked size (not the screen's)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.local_plaza import IssuedTicket, LocalPlaza
from ui.app import application, build_kiosk, shutdown
from ui.kiosk_model import StaffNotes
from ui.shell import KioskWindow


def show_screen(window: KioskWindow, screen: str, service: str | None = None) -> None:
    """Bring `window` to a screen with representative content (issues tickets for `ticket`;
    `survey` rates the office of `service`, as from the ticket screen)."""
    model = window.model
    code = service or model.catalog.services[0].code
    if not model.has_service(code):
        raise ValueError(f"no service {code!r} in the catalog")
    if screen == "services":
        window.go("services")
    elif screen == "service":
        window.go("service", code=code)
    elif screen == "search":
        window.go("search", query="ktp")
    elif screen in ("home", "queue"):  # a morning with numbers called to counters
        from ui.display.shot import seed_sample_calls

        model.store.submit(lambda: seed_sample_calls(model.plaza), lambda _: None)
        model.store.wait_idle()
        window.go(screen)
    elif screen == "survey":  # as from the ticket screen: the office of the service chosen
        window.go("survey", agency=model.service(code).agency)
    elif screen == "ticket":
        issued: list[object] = []
        for _ in range(3):  # a few people ahead, like a real morning (on the store thread)
            model.store.submit(lambda: model.plaza.issue_ticket(code), issued.append)
        model.store.wait_idle()
        result = issued[-1] if issued else None
        if isinstance(result, IssuedTicket):
            window.go(screen, ticket=result)
        else:
            window.go("service", code=code)
    else:
        window.go(screen)
    model.refresh_states()
    model.store.wait_idle()


def take_screenshot(config: Config, plaza: LocalPlaza, problems: list[str], *, screen: str, lang: str,
                    size: tuple[int, int], out: Path, service: str | None = None,
                    large_text: bool = False, high_contrast: bool = False) -> None:
    app = application()
    window = build_kiosk(config, plaza, StaffNotes("", problems), kiosk_mode=False)
    window.resize(*size)
    window.set_language(lang)
    window.set_theme(large_text=large_text, high_contrast=high_contrast)
    window.model.store.wait_idle()
    show_screen(window, screen, service)
    window.show()
    for _ in range(3):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out), "PNG"):
        raise OSError(f"cannot write {out}")
    shutdown(window)
    window.close()
    QApplication.processEvents()
