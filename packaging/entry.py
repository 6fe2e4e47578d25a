"""The bundle's entry point: the same `plaza-kiosk` command as from source."""

import sys

from plaza_kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
