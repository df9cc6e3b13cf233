"""One module per document format: each turns bytes into raw text or raises DocumentError."""
