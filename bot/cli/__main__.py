"""``python -m bot.cli``: the same as the ``onrecord`` command."""

import sys

from . import main

sys.exit(main())
