"""``python -m api.cli ...`` is ``innograph ...``."""

from api.cli import main

main()
