"""``python -m decisionkit`` runs the command line."""

from decisionkit.cli import main

if __name__ == "__main__":
    main()
