"""What many answers' fields say: references to the document's vocabulary components and labels of codes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any

from msgspec import Meta, Struct


def ref(component: str, description: str | None = None) -> Meta:
    """A field documented by a shared component (`Timestamp`, `Industry`, …), with what it means here."""
    schema: dict[str, Any] = {"$ref": f"#/components/schemas/{component}"}
    if description:
        schema["description"] = description
    return Meta(extra_json_schema=schema)


def named(component: str, alias: Any) -> Meta:
    """A field typed by a named non-object component (`History`): a `$ref` here, the alias's schema there."""
    return Meta(extra_json_schema={"$ref": f"#/components/schemas/{component}"}, extra={"component": alias})


def one_of(values: Sequence[Any], description: str | None = None) -> Meta:
    """A string (or boolean) that takes only these values."""
    return Meta(description=description, extra_json_schema={"enum": list(values)})


def later(schema: Callable[[], dict[str, Any]]) -> Meta:
    """Schema keys read from data (the region codes) when the document is built, not when the app imports."""
    return Meta(extra={"later": schema})


def label_of(labels: Mapping[str, str], code_field: str, values: Sequence[str] | None = None) -> Meta:
    """The Chinese label of a code field, from the vocabulary that names the codes."""
    codes = values if values is not None else list(labels)
    return one_of([labels[code] for code in codes], f"The Chinese label of `{code_field}`.")


_NEXT = "Pass as `cursor` to read the next page; `null` on the last page."


class Page(Struct, kw_only=True):
    """A page of a list. A page declares its `items` again: a redeclared field keeps its place (first)."""

    items: Sequence[Any]
    next_cursor: (
        Annotated[
            str, Meta(min_length=1, description="Pass as `cursor` to read the next page; `null` on the last page.")
        ]
        | None
    )


HexId = Annotated[str, ref("HexId")]
Timestamp = Annotated[str, ref("Timestamp")]
Day = Annotated[str, ref("Date")]
Month = Annotated[str, ref("Month")]
CityCode = Annotated[str, ref("CityCode")]
LocalityCode = Annotated[str, ref("LocalityCode")]
MaskedIdNumber = Annotated[str, ref("MaskedIdNumber")]
ApplicationStatus = Annotated[str, ref("ApplicationStatus")]
StatusLabel = Annotated[str, ref("StatusLabel")]
