"""Printable documents (PDF) generated from API views."""
