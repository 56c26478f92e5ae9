"""Derive manufacturing-footprint ranges per device type from Boavizta data.

Reads the Boavizta "environmental-footprint-data" snapshot
(``boavizta-data-us.csv``, snapshot of 2023-02-23; see shared/data/SOURCES.md)
and prints, for each device type used in
``src/decisionkit/sustainability/data/factors.csv``:

* n: number of products with both ``gwp_total`` and ``gwp_manufacturing_ratio``;
* p25, median, p75 of the manufacturing footprint
  ``gwp_total * gwp_manufacturing_ratio`` (kgCO2e per unit);
* the median ``lifetime`` (years) of the same products (rows with a lifetime).

Quantiles use pandas' default linear interpolation. Values are printed
rounded to 0.1 kgCO2e; factors.csv uses p25 as ``low`` and p75 as ``high``
(widened to include the ADEME figure used as ``likely`` when it falls outside).

Contains information from Boavizta environmental-footprint-data, which is made
available under the ODbL 1.0 (https://opendatacommons.org/licenses/odbl/1-0/);
the individual contents are under the DbCL 1.0. The derived ranges are a
derived database and are shared under the ODbL 1.0 as well.

Usage::

    .venv/bin/python tools/derive_boavizta_ranges.py [path/to/boavizta-data-us.csv]

The default path is ``/work/shared/data/boavizta/boavizta-data-us.csv``.
"""

from __future__ import annotations

import sys

import pandas as pd

DEFAULT_PATH = "/work/shared/data/boavizta/boavizta-data-us.csv"

# factors.csv id -> (Boavizta category, Boavizta subcategory)
MAPPING = {
    "laptop": ("Workplace", "Laptop"),
    "desktop": ("Workplace", "Desktop"),
    "monitor": ("Workplace", "Monitor"),
    "smartphone": ("Workplace", "Smartphone"),
    "tablet": ("Workplace", "Tablet"),
    "server": ("Datacenter", "Server"),
}


def derive(path: str = DEFAULT_PATH) -> pd.DataFrame:
    data = pd.read_csv(path)
    rows = []
    for key, (category, subcategory) in MAPPING.items():
        sub = data[(data["category"] == category) & (data["subcategory"] == subcategory)]
        manuf = (sub["gwp_total"] * sub["gwp_manufacturing_ratio"]).dropna()
        rows.append(
            {
                "id": key,
                "subcategory": f"{category}/{subcategory}",
                "n_rows": len(sub),
                "n": len(manuf),
                "p25": round(manuf.quantile(0.25), 1),
                "median": round(manuf.quantile(0.5), 1),
                "p75": round(manuf.quantile(0.75), 1),
                "min": round(manuf.min(), 1),
                "max": round(manuf.max(), 1),
                "n_lifetime": int(sub["lifetime"].notna().sum()),
                "median_lifetime_years": sub["lifetime"].median(),
            }
        )
    return pd.DataFrame(rows)


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else DEFAULT_PATH
    table = derive(path)
    with pd.option_context("display.width", 200, "display.max_columns", None):
        print(table.to_string(index=False))
    print()
    print(
        "Contains information from Boavizta environmental-footprint-data, "
        "which is made available under the ODbL 1.0"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
