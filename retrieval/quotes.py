"""Compatibility shim: the extractor lives in `retrieval.attribution`."""

from .attribution import EXTRACTOR_VERSION, extract_statements

__all__ = ["EXTRACTOR_VERSION", "extract_statements"]
