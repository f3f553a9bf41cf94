"""The answer bodies, each declared once as a msgspec `Struct`, and the functions that build them.

Services return these values, routes encode them with msgspec, and the document's response schemas are walked
from the same declarations (chalicelib/openapi_bodies.py). A public Struct is a component of the document named
after its class; a Struct whose name starts with `_` is written inline where it is used. Below the services:
imports only msgspec and chalicelib.domain.
"""
