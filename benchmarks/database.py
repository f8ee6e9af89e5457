"""``python -m benchmarks.database postgres://user@host:port/name``: drop and create that
database (the benchmarks' own; never point it at one you keep)."""

import sys
from urllib.parse import urlparse

import psycopg
from psycopg import sql


def recreate(url: str) -> None:
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if not name or parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"not a PostgreSQL database URL: {url}")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    print(f"Created the empty database {name}.")


if __name__ == "__main__":
    recreate(sys.argv[1])
