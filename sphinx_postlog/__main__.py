"""``python -m sphinx_postlog new "Title"``: the ``sphinx-postlog`` command."""

import sys

from sphinx_postlog.cli import main

sys.exit(main())
