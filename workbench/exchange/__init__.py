"""Exchange formats: the translation unit, safe XML reading and writing, and one module per
file format (TMX, XLIFF 2, TSV/CSV), listed once in `registry`.

A leaf package: it imports only core modules (`errors`, `languages`, `timeutil`,
`vocabulary`), never the store, the engines, the UI or the CLI, so writing a file never
loads SQLAlchemy or a model. Store rows become `TranslationUnit`s before they reach a
writer, and readers hand units to whoever stores them.
"""
