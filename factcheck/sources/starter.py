"""The files `factcheck init` writes: a commented sources.toml and a CSV to fill in.

They load and pass `factcheck sources check` without a warning as written: the
example row's entity is an alias the file defines, its metric one claims name,
its unit a currency. Nothing is overwritten: if any of the files exists, none is
written.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.errors import ConfigError, E

DATA_FILE = "data/my-figures.csv"

SOURCES_TOML = f"""\
# sources.toml: the reference data factcheck checks articles against.
# Written by `factcheck init`. After editing, run `factcheck sources check`.
# Every key is described in the README, "Reference sources: sources.toml".
# Paths are relative to this file and must stay inside its folder.

# Other names an entity goes by. Countries, their ISO codes and demonyms
# ("German") are known already; add organisations, parties, companies here.
[aliases]
"Example City" = ["Example City Council"]

# One [[source]] per data file.
[[source]]
name = "my-figures"              # unique; reports name the source by it
kind = "table"                   # table, events, claimreview, worldbank, wikidata, factcheck_api
path = "{DATA_FILE}"  # entity,metric,period,value,unit[,url,note]
title = "Our own figures"        # shown beside the evidence
# url = "https://example.org/data"         # where the data comes from
# description = "city budgets"             # a few words for `factcheck sources list`
# publisher = "Example City Council"       # kept for your records
# license = "CC BY 4.0"
# retrieved = "2024-01-31"
# enabled = false                          # keep the entry without loading the file
# latest = "ended"     # a figure without a year is compared with the last period already over
# spread = 0.05        # how far other estimates of these figures may lie from them

# Each metric in the file, with the phrases that name it in articles. A metric
# whose name contains "growth", "inflation" or "change" holds rates: "rose by 3%"
# is checked against its value, not computed from two years.
[source.metrics]
"budget" = ["annual budget", "spending plan"]
"""

FIGURES_CSV = (
    "entity,metric,period,value,unit,url,note\n"
    "Example City,budget,2024,1200000,EUR,https://example.org/budget-2024,"
    "an example row: replace it with your own figures\n"
)

FILES = {"sources.toml": SOURCES_TOML, DATA_FILE: FIGURES_CSV}


def write_starter(directory: Path) -> tuple[Path, ...]:
    """Write the starter files under `directory` (made if missing); the paths written.

    Raises ConfigError, naming the first file that already exists, before writing any.
    """
    paths = {directory / name: text for name, text in FILES.items()}
    for path in paths:
        if path.exists() or path.is_symlink():
            raise ConfigError(str(path), E.FILE_EXISTS)
    for path, text in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never clobber
            handle.write(text)
    return tuple(paths)
