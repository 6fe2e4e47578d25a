"""Child process for the kill -9 tests: issues tickets as fast as it can and prints each one
only after its transaction committed ("acknowledged" to whoever watches).

Usage: issuer.py STORE DEVICE_ID CLOCK_START [SERVER TOKEN TAG [PAUSE]]
CLOCK_START is an ISO instant the kiosk's clock starts from. With a server, an enrolled kiosk
asks it for each number (the ticket desk), as at the plaza; without, it numbers alone. With
PAUSE (seconds between tickets) it is a whole kiosk: its sync engine runs beside the desk,
sending the outbox and keeping leases, as on a kiosk at the plaza.
"""

import sys
import threading
import time
from datetime import datetime
from pathlib import Path

from kiosk.local_plaza import IssuedTicket, LocalPlaza
from kiosk.service_day import ticking_from
from kiosk.store.db import open_store


def main() -> None:
    store = open_store(Path(sys.argv[1]))
    online = len(sys.argv) > 4
    plaza = LocalPlaza(store, device_id=sys.argv[2], timezone="Asia/Makassar",
                       clock=ticking_from(datetime.fromisoformat(sys.argv[3])),
                       device_tag=sys.argv[6] if online else None)
    issue = plaza.issue_ticket
    if online:
        from sync.client import CityClient
        from sync.ticket_desk import TicketDesk

        desk = TicketDesk(plaza, CityClient(sys.argv[4], sys.argv[5]), pause=1.0)
        issue = desk.issue
    pause = float(sys.argv[7]) if len(sys.argv) > 7 else 0.0
    if pause:
        threading.Thread(target=sync_forever, args=(plaza, sys.argv[4], sys.argv[5], desk),
                         daemon=True).start()
    services = [s.code for s in plaza.catalog().services]
    index = 0
    while True:
        ticket = issue(services[index % len(services)])
        index += 1
        if isinstance(ticket, IssuedTicket):
            print(ticket.id, ticket.service_code, ticket.number, flush=True)
        time.sleep(pause)


def sync_forever(plaza: LocalPlaza, server: str, token: str, desk) -> None:
    from sync.client import CityClient, SyncError
    from sync.engine import push_outbox, top_up_leases

    client = CityClient(server, token, retries=0, timeout=(0.5, 2))
    while True:
        try:
            if not push_outbox(plaza, client).offline:
                top_up_leases(plaza, client, 20)
                desk.server_answered()
        except SyncError:
            pass
        time.sleep(0.2)


if __name__ == "__main__":
    main()
