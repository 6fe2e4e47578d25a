"""The ticket printer's state in the words staff read on the staff panel (IT's words, with the
printer's raw answers, are kiosk.printing.status.describe)."""

from __future__ import annotations

from kiosk.printing.status import PrinterState, PrinterStatus
from ui.i18n import translate


def printer_state(status: PrinterStatus) -> str:
    return {
        PrinterState.NOT_SET_UP: translate(
            "Printer", "No ticket printer is set up: tickets are shown on the screen only."),
        PrinterState.NOT_CHECKED: translate("Printer", "The printer has not been checked yet."),
        PrinterState.READY: translate("Printer", "The printer is ready."),
        PrinterState.PAPER_LOW: translate(
            "Printer", "The paper roll is nearly finished. Put in a new roll soon."),
        PrinterState.PAPER_OUT: translate(
            "Printer", "The printer is out of paper. Put in a new roll."),
        PrinterState.COVER_OPEN: translate(
            "Printer", "The printer's cover is open. Close it firmly."),
        PrinterState.OFFLINE: translate(
            "Printer", "The printer is offline. Check its buttons and lights."),
        PrinterState.FAULT: translate(
            "Printer", "The printer reports a fault (for example its cutter). Switch it off and "
            "on again; if that does not help, call IT."),
        PrinterState.SILENT: translate(
            "Printer", "The printer does not answer. Check that it is switched on and its cable "
            "is in; if it stays silent, call IT."),
        PrinterState.UNREACHABLE: translate(
            "Printer", "The printer cannot be reached. Check that it is switched on and its "
            "cable is in; if it stays so, call IT."),
        PrinterState.LOST: translate(
            "Printer", "The connection to the printer broke during printing. Check its cable "
            "and power."),
    }[status.state]
