"""The ways bytes reach a printer, each with short timeouts (python-escpos's own transports
wait 60 s on the network and forever on USB, and its file printer cannot read an answer).

- network: raw TCP, port 9100 (the recommended one: no driver, no permissions, a status
  answer on every printer that has an Ethernet port);
- usb: the kernel's printer device /dev/usb/lp* (the usblp driver; the kiosk user in group
  `lp`); reads the printer's answers where the printer is bidirectional, as ESC/POS ones are;
- serial: a tty (/dev/ttyS*, /dev/ttyUSB*), raw, at the configured speed.

Never through a spooler (CUPS): it answers from its queue, not from the printer.
"""

from __future__ import annotations

import errno
import os
import select
import socket
import time
from typing import Protocol

from kiosk.config import PrinterSection

NETWORK_PORT = 9100


class PrinterUnreachable(Exception):
    """No connection to the printer; the message says why, in IT's words."""


class ConnectionLost(Exception):
    """The connection broke while a job or a question was under way."""


class Transport(Protocol):
    def write(self, data: bytes) -> None: ...
    def read(self, size: int, timeout: float) -> bytes: ...  # b"" when nothing came in time
    def drain(self) -> None: ...  # drop whatever the printer sent unasked
    def close(self) -> None: ...


def split_address(address: str) -> tuple[str, int]:
    """`host` or `host:port` (port 9100 by default)."""
    host, _, port = address.rpartition(":") if address.count(":") == 1 else (address, "", "")
    return (host, int(port)) if port else (address, NETWORK_PORT)


def open_transport(settings: PrinterSection) -> Transport:
    if settings.kind == "network":
        return NetworkTransport(settings.address, settings.connect_timeout, settings.write_timeout)
    if settings.kind == "usb":
        return DeviceTransport(settings.device, settings.write_timeout)
    if settings.kind == "serial":
        return SerialTransport(settings.device, settings.write_timeout, settings.baud_rate)
    raise PrinterUnreachable("no printer is set up ([printer] kind = none)")


class NetworkTransport:
    def __init__(self, address: str, connect_timeout: float, write_timeout: float) -> None:
        host, port = split_address(address)
        self.where = f"{host}:{port}"
        try:
            self._socket = socket.create_connection((host, port), timeout=connect_timeout)
        except OSError as error:
            raise PrinterUnreachable(f"cannot connect to {self.where}: {_reason(error)}") from None
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket.settimeout(write_timeout)  # sendall: a stuck printer ends the job in time

    def write(self, data: bytes) -> None:
        try:
            self._socket.sendall(data)
        except OSError as error:
            raise ConnectionLost(f"{self.where}: {_reason(error)}") from None

    def read(self, size: int, timeout: float) -> bytes:
        try:
            ready, _, _ = select.select([self._socket], [], [], max(0.0, timeout))
            if not ready:
                return b""
            data = self._socket.recv(size)
        except OSError as error:
            raise ConnectionLost(f"{self.where}: {_reason(error)}") from None
        if not data:
            raise ConnectionLost(f"{self.where} closed the connection")
        return data

    def drain(self) -> None:
        while self.read(256, 0):
            pass

    def close(self) -> None:
        self._socket.close()


class DeviceTransport:
    """A character device, non-blocking, so that no write or read can wait forever."""

    def __init__(self, path: str, write_timeout: float) -> None:
        self.where = path
        self.write_timeout = write_timeout
        try:
            self._fd = os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as error:
            raise PrinterUnreachable(f"cannot open {path}: {_device_reason(error)}") from None

    def _write_budget(self, size: int) -> float:
        return self.write_timeout

    def write(self, data: bytes) -> None:
        deadline = time.monotonic() + self._write_budget(len(data))
        view = memoryview(data)
        while view:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ConnectionLost(f"{self.where}: the printer took no more data in time")
            try:
                _, ready, _ = select.select([], [self._fd], [], left)
                if ready:
                    view = view[os.write(self._fd, view):]
            except BlockingIOError:
                continue
            except OSError as error:
                raise ConnectionLost(f"{self.where}: {_device_reason(error)}") from None

    def read(self, size: int, timeout: float) -> bytes:
        try:
            ready, _, _ = select.select([self._fd], [], [], max(0.0, timeout))
            return os.read(self._fd, size) if ready else b""
        except BlockingIOError:
            return b""
        except OSError as error:
            raise ConnectionLost(f"{self.where}: {_device_reason(error)}") from None

    def drain(self) -> None:
        while self.read(256, 0):
            pass

    def close(self) -> None:
        os.close(self._fd)


class SerialTransport(DeviceTransport):
    def __init__(self, path: str, write_timeout: float, baud_rate: int) -> None:
        import termios
        import tty

        super().__init__(path, write_timeout)
        self.baud_rate = baud_rate
        try:
            tty.setraw(self._fd)
            attributes = termios.tcgetattr(self._fd)
            speed = getattr(termios, f"B{baud_rate}")
            attributes[2] |= termios.CLOCAL | termios.CREAD
            attributes[4] = attributes[5] = speed
            termios.tcsetattr(self._fd, termios.TCSANOW, attributes)
        except (OSError, termios.error) as error:
            os.close(self._fd)
            raise PrinterUnreachable(f"{path} is not a serial port ({error})") from None

    def _write_budget(self, size: int) -> float:
        # 10 bits a byte on the line: a raster QR takes seconds at 9600 baud.
        return self.write_timeout + size * 10 / self.baud_rate


def _reason(error: OSError) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "no answer in time (switched off, or a wrong address?)"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused (is port 9100 the printer's raw port?)"
    return error.strerror or str(error)


def _device_reason(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such device (is the printer plugged in and switched on?)"
    if error.errno == errno.EACCES:
        return "permission denied (add the kiosk's user to group lp, or dialout for serial)"
    if error.errno == errno.EBUSY:
        return "device busy (another program, such as a print spooler, holds it)"
    if error.errno == errno.ENODEV or error.errno == errno.EIO:
        return "the printer went away (unplugged or switched off)"
    return error.strerror or str(error)
