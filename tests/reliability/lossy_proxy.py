"""A TCP proxy on loopback between a device and the city server: it can throw the server's
first N answers away (as when a network fails after the server committed), and its link can
be cut and restored (`link_up`), cutting every connection in flight, as a flapping network."""

from __future__ import annotations

import contextlib
import socket
import threading


class LossyProxy:
    def __init__(self, upstream_port: int, drop_answers: int = 1) -> None:
        self.upstream_port = upstream_port
        self.drop_answers = drop_answers
        self.dropped = 0
        self._up = True
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self._running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._running = False
        self._listener.close()
        self.link_up = False

    @property
    def link_up(self) -> bool:
        return self._up

    @link_up.setter
    def link_up(self, up: bool) -> None:
        with self._lock:
            self._up = up
            cut = [] if up else list(self._open)
        _hang_up(*cut)

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        with self._lock:
            up = self._up
            if up:
                self._open.add(client)
        if not up:  # the link is down: the connection dies at once
            _hang_up(client)
            client.close()
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            _hang_up(client)
            client.close()
            return
        with self._lock:
            self._open.add(upstream)
        drop = self.dropped < self.drop_answers
        if drop:
            self.dropped += 1

        def forward(source: socket.socket, target: socket.socket) -> None:
            try:
                while data := source.recv(65536):
                    target.sendall(data)
            except OSError:
                pass
            finally:
                _hang_up(source, target)
                with self._lock:
                    self._open.discard(source)

        threading.Thread(target=forward, args=(client, upstream), daemon=True).start()
        if not drop:
            forward(upstream, client)
            return
        # Wait for the server's answer (it has committed by then), then lose it.
        upstream.settimeout(10)
        with contextlib.suppress(OSError):
            upstream.recv(65536)
        _hang_up(client, upstream)
        client.close()
        upstream.close()


def _hang_up(*ends: socket.socket) -> None:
    """Shut both ways: wakes a thread blocked in recv and tells the peer at once."""
    for end in ends:
        with contextlib.suppress(OSError):
            end.shutdown(socket.SHUT_RDWR)
