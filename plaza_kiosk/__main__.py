from plaza_kiosk.cli import main

raise SystemExit(main())
