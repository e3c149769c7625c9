"""``python -m govgraph``: the same as the ``govgraph`` command."""

import sys

from .cli import main

sys.exit(main())
