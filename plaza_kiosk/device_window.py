"""What every device window gets from the command that starts it: systemd's READY and
watchdog pings, the bench's report of the first paint, doctor's checks on the staff panel,
and a plain problem screen when the device cannot start."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


class Liveness:
    """Under a systemd unit (Type=notify): WATCHDOG=1 from the GUI thread from the first paint
    on, READY=1 when the device can serve. Started any other way: nothing."""

    def __init__(self, app: Any, window: Any, mode: str, ready_at_first_paint: bool = True) -> None:
        from plaza_kiosk import sd_notify

        self._mode = mode
        self._link = sd_notify.connect()
        if self._link is None:
            return
        from ui.app import keep_alive

        keep_alive(window, self.ready if ready_at_first_paint else None, self._link.ping,
                   self._link.interval)
        app.aboutToQuit.connect(lambda: self._link.send("STOPPING=1"))

    def ready(self) -> None:
        if self._link is not None:
            self._link.send("READY=1", f"STATUS={self._mode}: ready")


def report_first_paint(app: Any, window: Any, mode: str, *, ready_at_paint: bool = False
                       ) -> Callable[[], None]:
    """`--quit-after-first-paint` (the bench, the bundle's tests): print when the first frame
    is painted and when the device is ready (at the paint, or when the returned function is
    called), and quit then."""
    from ui.app import on_first_paint

    def ready() -> None:
        print(f"ready {time.time():.6f} {mode}", flush=True)
        app.exit(0)  # not quit(): a kiosk-mode window refuses to close

    def painted() -> None:
        print(f"first_paint {time.time():.6f} {mode}", flush=True)
        if ready_at_paint:
            ready()

    on_first_paint(window, painted)
    return ready


def device_checks(config_file: Path | None, mode: str) -> Callable[[tuple[int, int] | None], list]:
    """doctor's checks as the staff panel runs them (off the UI thread, with the screen it
    measured on the UI thread)."""
    def diagnose(screen: tuple[int, int] | None) -> list:
        from plaza_kiosk import doctor

        return doctor.run(doctor.Setup(config_file=config_file, mode=mode, in_app=True,
                                       screen=screen))
    return diagnose


def problem_screen(app: Any, message: str, *, windowed: bool, quit_after_first_paint: bool) -> Any:
    """The device could not start: keep the screen honest instead of leaving it blank."""
    from ui.app import on_first_paint
    from ui.problem_screen import ProblemScreen

    screen = ProblemScreen(message, kiosk_mode=not windowed)
    Liveness(app, screen, "problem")  # a screen that says what is wrong is not a hang
    if quit_after_first_paint:
        on_first_paint(screen, lambda: app.exit(2))
    if windowed:
        screen.resize(1080 // 2, 1920 // 2)
        screen.show()
    else:
        screen.show_fullscreen()
    return screen
