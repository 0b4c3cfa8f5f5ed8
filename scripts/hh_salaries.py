"""Refresh offered-salary records from hh.ru: ``python scripts/hh_salaries.py --help`` (the code is ``handbook.hh_salaries``)."""
from handbook.hh_salaries import main

if __name__ == "__main__":
    raise SystemExit(main())
