"""Child process for the kill -9 tests: issues tickets as fast as it can and prints each one
only after its transaction committed ("acknowledged" to whoever watches).

Usage: issuer.py STORE DEVICE_ID CLOCK_START [SERVER TOKEN TAG]
CLOCK_START is an ISO instant the kiosk's clock starts from. With a server, an enrolled kiosk
asks it for each number (the ticket desk), as at the plaza; without, it numbers alone.
"""

import sys
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

        issue = TicketDesk(plaza, CityClient(sys.argv[4], sys.argv[5])).issue
    services = [s.code for s in plaza.catalog().services]
    index = 0
    while True:
        ticket = issue(services[index % len(services)])
        index += 1
        if isinstance(ticket, IssuedTicket):
            print(ticket.id, ticket.service_code, ticket.number, flush=True)


if __name__ == "__main__":
    main()
