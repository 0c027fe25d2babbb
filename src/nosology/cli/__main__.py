"""``python -m nosology.cli``: the same as the ``nosology`` command."""

from nosology.cli.main import main

main()
