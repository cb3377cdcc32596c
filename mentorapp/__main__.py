"""`python -m mentorapp` is the same front door as the `mentorapp` command."""

from mentorapp.cli import main

raise SystemExit(main())
