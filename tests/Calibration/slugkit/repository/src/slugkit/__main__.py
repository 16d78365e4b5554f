from slugkit.cli import main

raise SystemExit(main())
