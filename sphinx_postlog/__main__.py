"""``python -m sphinx_postlog new "Title"``: the ``sphinx-postlog`` command."""

import sys

from .cli import main

sys.exit(main())
