"""Dateline: an open-source newsroom for city halls."""
