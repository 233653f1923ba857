"""Reading source documents: kept as the name its importers use; the code is in
`workbench.exchange.decoding`, beside the document formats that decode files with it."""

from workbench.exchange.decoding import decode_document, decode_text, read_bytes, read_document

__all__ = ["decode_document", "decode_text", "read_bytes", "read_document"]
