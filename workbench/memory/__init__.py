"""The translation memory: the fuzzy index (`index`), reading TMX/XLIFF files into entries
(`file_import`), and the index kept in step with a store (`source.MemorySource`).

The memory sits beside the glossary, above the store's core: it asks the store for rows
(`workbench.store.tm_entries`) and never opens a session itself.
"""
