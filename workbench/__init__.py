"""Offline translation workbench: English news and policy text into Urdu, Dari and Pashto."""

__version__ = "0.1.0"
