"""Workflows that use the store: translate a stored document, fill from the memory, import a
memory file, export a document, bring an XLIFF back, accept an alignment.

They sit above the store, the memory, the glossary and the engines, and below the UI and the
CLI, which only call them.
"""
