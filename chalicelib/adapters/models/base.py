"""What every table's model shares."""

from __future__ import annotations


class TableMeta:
    table_name = "unbound"  # bound from Settings on first use (models.bind_tables), never read at import
    billing_mode = "PAY_PER_REQUEST"
