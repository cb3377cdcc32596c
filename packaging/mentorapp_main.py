"""The bundle's entry point: the same front door as the `mentorapp` command of a pip install."""

from mentorapp.cli import main

raise SystemExit(main())
