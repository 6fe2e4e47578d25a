"""Child process for the kill -9 test: issues tickets as fast as it can and prints each one
only after its transaction committed ("acknowledged" to whoever watches).

Usage: issuer.py STORE DEVICE_ID CLOCK_START (an ISO instant the kiosk's clock starts from)."""

import sys
from datetime import datetime
from pathlib import Path

from kiosk.local_plaza import IssuedTicket, LocalPlaza
from kiosk.service_day import ticking_from
from kiosk.store.db import open_store


def main() -> None:
    store = open_store(Path(sys.argv[1]))
    plaza = LocalPlaza(store, device_id=sys.argv[2], timezone="Asia/Makassar",
                       clock=ticking_from(datetime.fromisoformat(sys.argv[3])))
    services = [s.code for s in plaza.catalog().services]
    index = 0
    while True:
        ticket = plaza.issue_ticket(services[index % len(services)])
        index += 1
        if isinstance(ticket, IssuedTicket):
            print(ticket.id, ticket.service_code, ticket.number, flush=True)


if __name__ == "__main__":
    main()
